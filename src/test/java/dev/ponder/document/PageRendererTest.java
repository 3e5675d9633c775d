package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.DocumentEntry;
import dev.ponder.testing.Corpus;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripperByArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cited pages drawn from real corpus files, with the supporting line marked. Where a mark lands is
 * checked two ways that do not share the renderer's arithmetic: PDFBox's own area stripper reads
 * the text inside the mark (mapped back to points), and the image has ink inside the mark.
 */
class PageRendererTest {

    private static final int WIDTH_PX = 1000;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path files;
    private static TestLibrary library;
    private static PageRenderer renderer;

    @BeforeAll
    static void importCorpus() {
        library = new TestLibrary(dataDir);
        renderer = new PageRenderer(library.repository);
    }

    @AfterAll
    static void close() {
        library.close();
    }

    private static DocumentEntry imported(Path file, Optional<char[]> password) {
        ImportOutcome outcome = library.importer.importFile(file, password, ImportProgress.NONE);
        if (outcome instanceof ImportOutcome.AlreadyInLibrary again) {
            return again.document();
        }
        return assertInstanceOf(ImportOutcome.Imported.class, outcome, outcome::toString).document();
    }

    private static DocumentEntry imported(Path file) {
        return imported(file, Optional.empty());
    }

    @Test
    void theVaultCombinationPageRendersAtTheAskedWidthWithItsLineMarked() throws IOException {
        Path file = Corpus.tricky("large-3000-pages.pdf");
        DocumentEntry ledger = imported(file);

        PageView.Rendered page = assertInstanceOf(PageView.Rendered.class, renderer.view(ledger.id(), 2718,
                "The vault combination for the archive room is 31-47-09 [p. 2718].", WIDTH_PX));

        assertEquals(2718, page.page());
        assertEquals(WIDTH_PX, page.widthPx());
        assertEquals(Math.round(WIDTH_PX * 792.0 / 612.0), page.heightPx(), 1.0, "US letter, 612 × 792 pt");
        assertEquals(1, page.marks().size(), "one line holds the fact: " + page.marks());
        String marked = textInside(file, 2718, page, page.marks().get(0));
        assertTrue(marked.contains("vault combination for the archive room is 31-47-09"), marked);
        assertFalse(marked.contains("Remarks"), "only the fact's line is marked: " + marked);
        assertTrue(inkInside(page, page.marks().get(0)) > 0.02, "the mark lies over printed text");
    }

    @ParameterizedTest(name = "page {0} (/Rotate {1})")
    @CsvSource({
            "2, 90,  The inspection date on page two is 9 May 2023,    9 May 2023",
            "3, 180, The inspection date on page three is 16 May 2023, 16 May 2023",
            "4, 270, The inspection date on page four is 23 May 2023,  23 May 2023",
    })
    void aRotatedPageIsDrawnUprightWithTheMarkOverItsFact(int pageNo, int rotation, String answer, String fact)
            throws IOException {
        Path file = Corpus.tricky("rotated-pages.pdf");
        DocumentEntry rotated = imported(file);

        PageView.Rendered page = assertInstanceOf(PageView.Rendered.class,
                renderer.view(rotated.id(), pageNo, answer + " [p. " + pageNo + "].", WIDTH_PX));

        boolean sideways = rotation % 180 == 90;
        assertEquals(sideways ? 792 : 612, page.widthPt(), 0.01, "the displayed width");
        assertEquals(WIDTH_PX, page.widthPx());
        assertFalse(page.marks().isEmpty(), "a line is marked");
        StringBuilder marked = new StringBuilder();
        for (PageView.Box mark : page.marks()) {
            assertTrue(sideways ? mark.height() > mark.width() : mark.width() > mark.height(),
                    "the mark runs along its line as displayed: " + mark);
            assertTrue(inkInside(page, mark) > 0.02, "the mark lies over printed text");
            marked.append(textInside(file, pageNo, page, mark)).append(' ');
        }
        assertTrue(marked.toString().contains(fact), "marked: " + marked);
        assertTrue(page.marks().size() <= 2, "the fact's sentence, not the page: " + page.marks());
    }

    @Test
    void aTableDrawnSidewaysInsideThePageIsMarkedOnItsRow() throws IOException {
        Path file = Corpus.tricky("rotated-pages.pdf");
        DocumentEntry rotated = imported(file);

        PageView.Rendered page = assertInstanceOf(PageView.Rendered.class,
                renderer.view(rotated.id(), 5, "North: 1,512 in 2023 [p. 5].", WIDTH_PX));

        assertEquals(1, page.marks().size(), page.marks().toString());
        PageView.Box mark = page.marks().get(0);
        assertTrue(mark.height() > 5 * mark.width(), "the row runs up the page: " + mark);
        assertTrue(inkInside(page, mark) > 0.02, "the mark lies over printed text");
        String marked = textInside(file, 5, page, mark);
        assertTrue(marked.contains("North") && marked.contains("1,512") && !marked.contains("South"), marked);
    }

    @Test
    void aChangedFileShowsTheStoredTextWithTheSameLineMarkedAndSaysWhy() throws IOException {
        Path copy = Files.copy(Corpus.sample("us-constitution-bill-of-rights.pdf"), files.resolve("constitution.pdf"));
        DocumentEntry doc = imported(copy);
        int page = pageHolding(doc, "two Senators from each State");
        String answer = "The Senate is composed of two Senators from each State [p. " + page + "].";
        assertInstanceOf(PageView.Rendered.class, renderer.view(doc.id(), page, answer, WIDTH_PX));

        try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x20); // same size, different bytes: only the SHA-256 can tell
        }
        PageView.StoredText changed = assertInstanceOf(PageView.StoredText.class,
                renderer.view(doc.id(), page, answer, WIDTH_PX));

        assertEquals("The file has changed since it was imported — showing the text Ponder stored.", changed.reason());
        assertEquals(library.repository.pages(doc.id(), page, page).get(0).text(), changed.text());
        assertFalse(changed.marks().isEmpty());
        assertTrue(changed.marks().stream().anyMatch(s -> changed.text().substring(s.start(), s.end()).contains("Senators")),
                "the Senate line is marked");
    }

    @Test
    void aMissingFileShowsTheStoredTextAndSaysWhereItWasLooked() throws IOException {
        Path copy = Files.copy(Corpus.sample("booktabs-tables.pdf"), files.resolve("tables.pdf"));
        DocumentEntry doc = imported(copy);
        Files.delete(copy);

        PageView.StoredText gone = assertInstanceOf(PageView.StoredText.class, renderer.view(doc.id(), 1, "", WIDTH_PX));
        assertFalse(gone.fileUsable());

        assertEquals("The file is no longer at " + copy + " — showing the text Ponder stored.", gone.reason());
        assertEquals(library.repository.pages(doc.id(), 1, 1).get(0).text(), gone.text());
        assertTrue(gone.marks().isEmpty(), "no answer, nothing marked");
    }

    @Test
    void anEncryptedFileShowsTheStoredTextBecausePonderKeepsNoPassword() {
        DocumentEntry doc = imported(Corpus.tricky("encrypted-user-password-aes256.pdf"),
                Optional.of("secret123".toCharArray()));
        int page = pageHolding(doc, "45");

        PageView.StoredText locked = assertInstanceOf(PageView.StoredText.class,
                renderer.view(doc.id(), page, "The maximum load is 45 kilograms.", WIDTH_PX));

        assertEquals("This PDF is protected by a password, which Ponder does not keep — showing the text Ponder stored.",
                locked.reason());
        assertEquals(1, locked.marks().size());
        PageView.Span mark = locked.marks().get(0);
        assertTrue(locked.text().substring(mark.start(), mark.end()).contains("45"), locked.text());
    }

    @Test
    void aPageOutsideTheDocumentIsRefused() {
        DocumentEntry doc = imported(Corpus.tricky("rotated-pages.pdf"));
        assertThrows(IllegalArgumentException.class, () -> renderer.view(doc.id(), 7, "", WIDTH_PX));
        assertThrows(IllegalArgumentException.class, () -> renderer.view(doc.id(), 0, "", WIDTH_PX));
    }

    private static int pageHolding(DocumentEntry doc, String words) {
        return library.repository.pages(doc.id()).stream().filter(p -> p.text().contains(words)).findFirst()
                .orElseThrow(() -> new AssertionError(doc.fileName() + " holds no \"" + words + "\"")).pageNo();
    }

    /**
     * The text PDFBox's area stripper finds inside {@code mark}, mapped back from image pixels to
     * points of the page as displayed (the area stripper's space: top-left origin, rotation applied),
     * with a margin of 2 points.
     */
    private static String textInside(Path file, int pageNo, PageView.Rendered page, PageView.Box mark) throws IOException {
        double s = page.pixelsPerPoint();
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            PDFTextStripperByArea area = new PDFTextStripperByArea();
            area.setSortByPosition(true);
            // glyph positions sit on the glyphs' origins, so on the mark's edge: allow 2 pt around it
            double m = 2;
            area.addRegion("mark", new Rectangle2D.Double(mark.x() / s - m, mark.y() / s - m,
                    mark.width() / s + 2 * m, mark.height() / s + 2 * m));
            area.extractRegions(pdf.getPage(pageNo - 1));
            return area.getTextForRegion("mark").replaceAll("\\s+", " ").strip();
        }
    }

    /** Share of the pixels inside {@code mark} that are dark (ink), 0..1. */
    private static double inkInside(PageView.Rendered page, PageView.Box mark) {
        int dark = 0;
        int all = 0;
        for (int y = (int) mark.y(); y < Math.min(page.heightPx(), mark.y() + mark.height()); y++) {
            for (int x = (int) mark.x(); x < Math.min(page.widthPx(), mark.x() + mark.width()); x++) {
                int rgb = page.argb()[y * page.widthPx() + x];
                int grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
                dark += grey < 128 ? 1 : 0;
                all++;
            }
        }
        return all == 0 ? 0 : (double) dark / all;
    }

}
