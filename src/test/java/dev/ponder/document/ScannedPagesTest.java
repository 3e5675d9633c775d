package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ponder.document.ocr.InstallAdvice;
import dev.ponder.document.ocr.OcrAvailability;
import dev.ponder.document.ocr.TesseractLibrary;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.IngestionFlag;
import dev.ponder.store.PageText;
import dev.ponder.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages without a text layer are read by Tesseract at import (issue 16): the corpus's scanned
 * memo, a text page followed by a scan, and scans made here — sideways, in two columns, faint.
 * Real Tesseract (installed by {@code .ci/run}), real PDFBox, a real H2 library.
 */
class ScannedPagesTest {

    @TempDir
    Path dir;
    private TestLibrary library;

    @BeforeAll
    static void needsTesseract() {
        assumeTrue(TesseractLibrary.availability() instanceof OcrAvailability.Available,
                "Tesseract is not installed: " + TesseractLibrary.availability());
    }

    @BeforeEach
    void open() {
        library = new TestLibrary(dir.resolve("library"));
    }

    @AfterEach
    void close() {
        library.close();
    }

    private DocumentEntry imported(Path pdf, RecordingProgress progress) {
        ImportOutcome outcome = library.importer.importFile(pdf, Optional.empty(), progress);
        return assertInstanceOf(ImportOutcome.Imported.class, outcome, () -> outcome.toString()).document();
    }

    private static void assertHasAll(String text, String... facts) {
        String flat = text.replaceAll("\\s+", " ");
        for (String fact : facts) {
            assertTrue(flat.contains(fact), "\"" + fact + "\" in: " + flat);
        }
    }

    @Test
    void theCorpusScanIsReadWithItsFactsAndMarkedScanned() {
        RecordingProgress progress = new RecordingProgress();
        DocumentEntry doc = imported(Corpus.tricky("scanned-image-only.pdf"), progress);

        assertEquals(DocumentStatus.READY, doc.status());
        PageText page = library.repository.pages(doc.id()).get(0);
        assertTrue(page.scanned() && page.hasText());
        assertHasAll(page.text(), "11 April 2024", "10:30", "Assembly Point C", "4417");
        assertTrue(progress.stages.contains("Reading scanned page 1 of 1"), progress.stages.toString());
        assertEquals(List.of(IngestionFlag.Kind.READ_BY_OCR),
                library.repository.flags(doc.id()).stream().map(IngestionFlag::kind).toList());
        assertEquals(Optional.of("Page 1 was read with text recognition (OCR), which can misread words."), doc.message());
        ScanWords words = ScanWords.decode(library.repository.scanWords(doc.id(), 1).orElseThrow());
        ScanWords.Word assembly = words.words().stream().filter(w -> w.text().equals("Assembly")).findFirst().orElseThrow();
        assertTrue(assembly.x() > 0 && assembly.x() < 1 && assembly.y() > 0.2 && assembly.y() < 0.6, assembly.toString());
        assertTrue(library.embedder.texts.get() > 0, "its sections are embedded for questions");
    }

    @Test
    void aTextPageThenAScanKeepsTheTextLayerAndReadsTheScan() throws Exception {
        Path pdf = ScannedPdfs.textThenScan(dir.resolve("mixed.pdf"), "The signed contract runs until 30 June 2027.");
        DocumentEntry doc = imported(pdf, new RecordingProgress());

        List<PageText> pages = library.repository.pages(doc.id());
        assertFalse(pages.get(0).scanned());
        assertEquals("The signed contract runs until 30 June 2027.", pages.get(0).text());
        assertTrue(pages.get(1).scanned());
        assertHasAll(pages.get(1).text(), "locker 58", "PX-7731", "extension 2290");
        assertTrue(library.repository.scanWords(doc.id(), 1).isEmpty());
        assertEquals(Optional.of("Page 2 was read with text recognition (OCR), which can misread words."), doc.message());
    }

    @Test
    void aScanFedSidewaysIsReadTheRightWayUp() throws Exception {
        Path pdf = ScannedPdfs.scan(dir.resolve("sideways.pdf"), ScannedPdfs.Layout.SIDEWAYS);
        DocumentEntry doc = imported(pdf, new RecordingProgress());

        assertHasAll(library.text(doc.id()), "ROTATED NOTICE", "every Monday at 07:15", "Harbor Energy");
    }

    @Test
    void aTwoColumnScanIsReadColumnByColumn() throws Exception {
        Path pdf = ScannedPdfs.scan(dir.resolve("columns.pdf"), ScannedPdfs.Layout.TWO_COLUMNS);
        String text = library.text(imported(pdf, new RecordingProgress()).id()).replaceAll("\\s+", " ");

        assertHasAll(text, "The orchard has 412 apple trees.", "The cider press holds 90 litres.",
                "Pickers are paid by the crate", "Labels are printed in Lyon");
        assertTrue(text.indexOf("The end of the left column") < text.indexOf("The cider press"),
                "the left column is read before the right one: " + text);
    }

    @Test
    void aFaintLowContrastScanIsRead() throws Exception {
        Path pdf = ScannedPdfs.scan(dir.resolve("faint.pdf"), ScannedPdfs.Layout.LOW_CONTRAST);

        assertHasAll(library.text(imported(pdf, new RecordingProgress()).id()), "archive room stays locked after 18:00",
                "Tomas Varga");
    }

    @Test
    void withoutTesseractAScanFailsWithTodaysSentenceAndHowToInstallIt() throws Exception {
        OcrAvailability missing = new OcrAvailability.Unavailable("Tesseract is not installed.",
                InstallAdvice.installTesseract(InstallAdvice.OsFamily.DEBIAN));
        DocumentImporter importer = new DocumentImporter(library.repository, library.embedder, false,
                new ScanReader(() -> missing, () -> null, ScanReader.Precedence.NONE));

        ImportOutcome scan = importer.importFile(Corpus.tricky("scanned-image-only.pdf"), Optional.empty(), ImportProgress.NONE);
        assertEquals("This PDF has no text layer — it looks scanned. To read scanned pages, install Tesseract "
                + "(on Debian or Ubuntu: sudo apt install tesseract-ocr), then open the file again.",
                assertInstanceOf(ImportOutcome.Failed.class, scan).reason());

        Path mixed = ScannedPdfs.textThenScan(dir.resolve("mixed.pdf"), "Page one has a text layer.");
        DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class,
                importer.importFile(mixed, Optional.empty(), ImportProgress.NONE)).document();
        assertEquals(Optional.of("Page 2 has no text — it looks scanned. To read it, install Tesseract (on Debian or "
                + "Ubuntu: sudo apt install tesseract-ocr); Ponder reads it when it next starts or when you open Settings."),
                doc.message());
        assertFalse(library.repository.pages(doc.id()).get(1).scanned());
    }

    @Test
    void otherWorkGoesFirstAndTheScanIsReadAfterIt() {
        AtomicInteger asked = new AtomicInteger();
        // a question is being answered for the first 30 looks; then OCR may go on
        ScanReader.Precedence question = () -> asked.incrementAndGet() <= 30
                ? Optional.of("answers your question") : Optional.empty();
        DocumentImporter importer = new DocumentImporter(library.repository, library.embedder, false,
                new ScanReader(TesseractLibrary::availability, () -> null, question));
        RecordingProgress progress = new RecordingProgress();

        ImportOutcome outcome = importer.importFile(Corpus.tricky("scanned-image-only.pdf"), Optional.empty(), progress);

        assertTrue(progress.stages.contains("Reading scanned page 1 of 1 — paused while Ponder answers your question"),
                progress.stages.toString());
        assertHasAll(library.text(assertInstanceOf(ImportOutcome.Imported.class, outcome).document().id()),
                "Assembly Point C");
    }

    @Test
    void aPauseSaysWhatItWaitsForWhenThatChanges() {
        AtomicInteger looks = new AtomicInteger();
        // a question for the first 5 looks, then sleep-time for 5 more, with no moment free between them
        ScanReader.Precedence others = () -> {
            int look = looks.incrementAndGet();
            return look <= 5 ? Optional.of("answers your question")
                    : look <= 10 ? Optional.of("thinks about your documents") : Optional.empty();
        };
        DocumentImporter importer = new DocumentImporter(library.repository, library.embedder, false,
                new ScanReader(TesseractLibrary::availability, () -> null, others));
        RecordingProgress progress = new RecordingProgress();

        importer.importFile(Corpus.tricky("scanned-image-only.pdf"), Optional.empty(), progress);

        String paused = "Reading scanned page 1 of 1 — paused while Ponder ";
        int question = progress.stages.indexOf(paused + "answers your question");
        int sleepTime = progress.stages.indexOf(paused + "thinks about your documents");
        assertTrue(question >= 0 && sleepTime > question, progress.stages.toString());
    }

    @Test
    void cancellingStopsTheReadingOfAScan() {
        AtomicBoolean stop = new AtomicBoolean();
        RecordingProgress progress = new RecordingProgress() {
            @Override
            public void progress(String stage, double fraction) {
                super.progress(stage, fraction);
                if (stage.startsWith("Reading scanned page")) {
                    stop.set(true);
                }
            }

            @Override
            public boolean cancelled() {
                return stop.get();
            }
        };

        ImportOutcome outcome = library.importer.importFile(Corpus.tricky("scanned-image-only.pdf"), Optional.empty(), progress);

        assertEquals(UserMessages.CANCELLED, assertInstanceOf(ImportOutcome.Failed.class, outcome).reason());
    }
}
