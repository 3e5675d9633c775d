package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.TestPdfs.Page;
import dev.ponder.store.PageText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfExtractorTest {

    private final PdfExtractor extractor = new PdfExtractor();

    @TempDir
    Path dir;

    private PdfExtractor.Result extract(Path file) throws ImportCancelledException {
        return extractor.extract(file, Optional.empty(), (done, count) -> { }, () -> false);
    }

    private static String allText(PdfExtractor.Result result) {
        return String.join("\n", assertInstanceOf(PdfExtractor.Result.Text.class, result).pages().stream()
                .map(PageText::text).toList());
    }

    @Test
    void scannedPagesAmongTextPagesAreNamedInAWarningAndBlankPagesAreNot() throws Exception {
        Path file = TestPdfs.write(dir.resolve("mixed.pdf"),
                List.of(Page.TEXT, Page.IMAGE, Page.TEXT, Page.BLANK, Page.IMAGE));

        PdfExtractor.Result.Text result = assertInstanceOf(PdfExtractor.Result.Text.class, extract(file));

        assertEquals(Optional.of("Pages 2, 5 have no text — they look scanned."), result.warning());
        assertEquals(List.of(true, false, true, false, false), result.pages().stream().map(PageText::hasText).toList());
        assertEquals("This is page 3 of the test file.", result.pages().get(2).text());
    }

    @Test
    void aFileOfBlankPagesIsNotCalledScanned() throws Exception {
        Path file = TestPdfs.write(dir.resolve("blank.pdf"), List.of(Page.BLANK, Page.BLANK));

        assertEquals(new PdfExtractor.Result.Unreadable("This PDF has no text to read: its pages are blank."), extract(file));
    }

    @Test
    void anOwnerRestrictedFileIsReadWithoutAPassword() throws Exception {
        Path file = TestPdfs.writeOwnerRestricted(dir.resolve("restricted.pdf"));

        assertEquals("This is page 1 of the test file.", allText(extract(file)));
    }

    @Test
    void junkBeforeTheHeaderStillReads() throws Exception {
        Path file = dir.resolve("junk-first.pdf");
        byte[] pdf = Files.readAllBytes(Corpus.sample("us-constitution-bill-of-rights.pdf"));
        byte[] withJunk = new byte[pdf.length + 200];
        System.arraycopy("junk from a mail gateway\n".repeat(8).getBytes(), 0, withJunk, 0, 200);
        System.arraycopy(pdf, 0, withJunk, 200, pdf.length);
        Files.write(file, withJunk);

        assertTrue(allText(extract(file)).contains("We the People"));
    }

    @Test
    void combiningAccentsInTheFrenchManualAreComposed() throws Exception {
        String text = allText(extract(Corpus.real("latex2e-reference-fr.pdf")));

        assertTrue(text.contains("être"));
        assertTrue(text.contains("Août"));
    }

    @Test
    void chineseTextIsKeptAsIs() throws Exception {
        String text = allText(extract(Corpus.real("install-latex-guide-zh-cn.pdf")));

        assertTrue(text.chars().filter(c -> c >= 0x4E00 && c <= 0x9FFF).count() > 10_000, "Chinese characters lost");
    }

    @Test
    void arabicComesOutAsLettersNotPresentationForms() throws Exception {
        String text = allText(extract(Corpus.real("polyglossia-example-arabic.pdf")));

        assertTrue(text.chars().filter(c -> c >= 0x0600 && c <= 0x06FF).count() > 1000);
        assertTrue(text.chars().noneMatch(c -> (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)));
    }

    @Test
    void progressIsReportedAfterEveryPageAndCancelStopsTheRead() throws Exception {
        List<Integer> done = new ArrayList<>();
        Path file = Corpus.sample("booktabs-tables.pdf");

        assertThrows(ImportCancelledException.class,
                () -> extractor.extract(file, Optional.empty(), (n, count) -> done.add(n), () -> done.size() >= 3));

        assertEquals(List.of(1, 2, 3), done);
    }

    @Test
    void aMissingEofMarkerCountsAsTruncated() {
        assertTrue(PdfExtractor.isTruncated(Corpus.tricky("truncated-half.pdf")));
        assertFalse(PdfExtractor.isTruncated(Corpus.tricky("duplicate-invoice.pdf")));
    }

    @Test
    void theVerdictPrefersDamageOverScanWhenNothingWasRead() {
        List<PageText> empty = List.of(new PageText(1, "", false));

        assertEquals(new PdfExtractor.Result.Unreadable("Ponder could not read this PDF: it is damaged."),
                PdfExtractor.verdict(empty, List.of(), List.of(1), true));
        assertEquals(new PdfExtractor.Result.Unreadable(
                        "This PDF has no text layer — it looks scanned. Ponder cannot read scanned pages yet."),
                PdfExtractor.verdict(empty, List.of(), List.of(1), false));
    }
}
