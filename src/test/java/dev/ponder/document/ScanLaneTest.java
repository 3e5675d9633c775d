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
import dev.ponder.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scanned pages are read on an OCR lane of their own (issue 16): text imports do not wait behind a
 * long scan, a mixed file is answerable from its text pages first, pages left unread while Tesseract
 * was missing are read once it is there, and one document is read by OCR at a time. Real Tesseract,
 * real PDFs, a real H2 library; "Tesseract missing" is the lookup switched in the test.
 */
class ScanLaneTest {

    private static final long WAIT_SECONDS = 120;

    @TempDir
    Path dir;
    private TestLibrary library;
    private LibraryService service;
    /** While set, OCR waits as it does for a question being answered. */
    private final AtomicBoolean holdOcr = new AtomicBoolean();
    private final AtomicReference<OcrAvailability> ocr = new AtomicReference<>();

    @BeforeAll
    static void needsTesseract() {
        assumeTrue(TesseractLibrary.availability() instanceof OcrAvailability.Available,
                "Tesseract is not installed: " + TesseractLibrary.availability());
    }

    @BeforeEach
    void open() {
        library = new TestLibrary(dir.resolve("library"));
        ocr.set(TesseractLibrary.availability());
        service = newService();
    }

    private LibraryService newService() {
        ScanReader scans = new ScanReader(ocr::get, () -> null,
                () -> holdOcr.get() ? Optional.of("answers your question") : Optional.empty());
        return new LibraryService(library.repository, new DocumentImporter(library.repository, library.embedder, false, scans));
    }

    @AfterEach
    void close() {
        holdOcr.set(false);
        service.close();
        library.close();
    }

    @Test
    void aTextPdfOpenedAfterALongScanIsImportedWhileTheScanWaits() throws Exception {
        holdOcr.set(true);
        CompletableFuture<ImportOutcome> scan = service.open(ScannedPdfs.manyScans(dir.resolve("scan.pdf"), 2));
        CompletableFuture<ImportOutcome> text = service.open(Corpus.sample("us-constitution-bill-of-rights.pdf"));

        DocumentEntry constitution = assertInstanceOf(ImportOutcome.Imported.class,
                text.get(WAIT_SECONDS, TimeUnit.SECONDS)).document();
        assertEquals(DocumentStatus.READY, constitution.status());
        assertFalse(scan.isDone(), "the scan is still waiting for its turn at OCR");
        assertEquals(DocumentStatus.IMPORTING, byName("scan.pdf").status(), "a file of scans only is importing meanwhile");

        holdOcr.set(false);
        DocumentEntry read = assertInstanceOf(ImportOutcome.Imported.class, scan.get(WAIT_SECONDS, TimeUnit.SECONDS),
                () -> scan.join().toString()).document();
        assertEquals(DocumentStatus.READY, read.status());
        assertTrue(library.text(read.id()).contains("SERVICE MEMO 2"), library.text(read.id()));
    }

    @Test
    void aMixedFileIsAnswerableFromItsTextPageWhileItsScanIsReadAfterIt() throws Exception {
        holdOcr.set(true);
        Path mixed = ScannedPdfs.textThenScan(dir.resolve("mixed.pdf"), "The signed contract runs until 30 June 2027.");
        CompletableFuture<ImportOutcome> opened = service.open(mixed);

        await(() -> library.documents().stream().anyMatch(d -> d.status() == DocumentStatus.READY), "ready from page 1");
        DocumentEntry first = byName("mixed.pdf");
        assertEquals(Optional.of("Page 2 has no text — it looks scanned. Ponder is reading them in the background; "
                + "the rest can be asked about now."), first.message());
        assertEquals("The signed contract runs until 30 June 2027.", library.repository.pages(first.id()).get(0).text());
        assertFalse(opened.isDone());

        holdOcr.set(false);
        DocumentEntry read = assertInstanceOf(ImportOutcome.Imported.class, opened.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .document();
        assertEquals(first.id(), read.id(), "the same document, stored again with its scan read");
        assertTrue(library.repository.pages(read.id()).get(1).scanned());
        assertTrue(library.repository.pages(read.id()).get(1).text().contains("PX-7731"));
        assertEquals(Optional.of("Page 2 was read with text recognition (OCR), which can misread words."), read.message());
        assertFalse(flagged(read.id()), "nothing is left to read");
    }

    @Test
    void pagesLeftUnreadWhileTesseractWasMissingAreReadOnceItIsThere() throws Exception {
        OcrAvailability installed = ocr.get();
        ocr.set(new OcrAvailability.Unavailable("Tesseract is not installed.",
                InstallAdvice.installTesseract(InstallAdvice.OsFamily.DEBIAN)));
        Path mixed = ScannedPdfs.textThenScan(dir.resolve("mixed.pdf"), "The signed contract runs until 30 June 2027.");
        DocumentEntry before = assertInstanceOf(ImportOutcome.Imported.class,
                service.open(mixed).get(WAIT_SECONDS, TimeUnit.SECONDS)).document();
        assertTrue(flagged(before.id()));
        assertEquals(before.sections(), library.embedder.texts.get(), "imported once, not handed to the OCR lane");
        assertEquals(Optional.empty(), service.readScansLeft().sentence(), "nothing can be read yet");

        ocr.set(installed);
        LibraryService.ScansLeft left = service.readScansLeft();

        assertEquals(Optional.of("Ponder can read scanned pages now, and is reading those of mixed.pdf in the background."),
                left.sentence());
        left.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        DocumentEntry after = library.repository.find(before.id()).orElseThrow();
        assertTrue(library.repository.pages(after.id()).get(1).text().contains("PX-7731"));
        assertEquals(Optional.of("Page 2 was read with text recognition (OCR), which can misread words."), after.message());
        assertFalse(flagged(after.id()));
        assertEquals(List.of(), service.readScansLeft().documents(), "read once");
    }

    @Test
    void closingWhileAScanIsReadKeepsTheTextPagesAndTheScanIsReadAtTheNextStart() throws Exception {
        holdOcr.set(true);
        Path mixed = ScannedPdfs.textThenScan(dir.resolve("mixed.pdf"), "The signed contract runs until 30 June 2027.");
        service.open(mixed);
        await(() -> library.documents().stream().anyMatch(d -> d.status() == DocumentStatus.READY), "ready from page 1");

        service.close();
        DocumentEntry kept = byName("mixed.pdf");
        assertEquals(DocumentStatus.READY, kept.status());
        assertTrue(flagged(kept.id()));

        holdOcr.set(false);
        service = newService();
        service.readScansLeft().done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(library.repository.pages(kept.id()).get(1).text().contains("PX-7731"));
    }

    @Test
    void twoDocumentsAreNeverReadByOcrAtTheSameTime() throws Exception {
        Path one = ScannedPdfs.manyScans(dir.resolve("one.pdf"), 1);
        Path two = ScannedPdfs.manyScans(dir.resolve("two.pdf"), 1);
        AtomicInteger reading = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ScanReader reader = new ScanReader(ocr::get, () -> null, ScanReader.Precedence.NONE);
        ScanReader.ScanProgress counting = (done, count, pausedFor) -> {
            if (done == 0) {
                most.accumulateAndGet(reading.incrementAndGet(), Math::max);
            } else if (done == count) {
                reading.decrementAndGet();
            }
        };
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> read(reader, one, counting));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> read(reader, two, counting));

        assertEquals(1, a.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1, b.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1, most.get(), "one document at a time");
    }

    private static int read(ScanReader reader, Path pdf, ScanReader.ScanProgress progress) {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            return reader.read(pdf, document, List.of(1), progress, () -> false).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean flagged(long id) {
        return library.repository.flags(id).stream().anyMatch(f -> f.kind() == IngestionFlag.Kind.SCANS_NOT_READ);
    }

    private DocumentEntry byName(String fileName) {
        return library.documents().stream().filter(d -> d.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(50);
        }
    }
}
