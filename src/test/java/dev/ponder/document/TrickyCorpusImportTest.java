package dev.ponder.document;

import dev.ponder.testing.Corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.PageText;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per row of corpus/tricky/CASES.md (large-3000-pages has its own class). */
class TrickyCorpusImportTest {

    @TempDir
    Path dataDir;

    private TestLibrary library;

    @BeforeEach
    void openLibrary() {
        library = new TestLibrary(dataDir);
    }

    @AfterEach
    void closeLibrary() {
        library.close();
    }

    private ImportOutcome importTricky(String name) {
        return library.importer.importFile(Corpus.tricky(name), Optional.empty(), new RecordingProgress());
    }

    private ImportOutcome importTricky(String name, String password) {
        return library.importer.importFile(Corpus.tricky(name), Optional.of(password.toCharArray()), new RecordingProgress());
    }

    private DocumentEntry imported(ImportOutcome outcome) {
        return assertInstanceOf(ImportOutcome.Imported.class, outcome, () -> "not imported: " + outcome).document();
    }

    private String failure(ImportOutcome outcome) {
        ImportOutcome.Failed failed = assertInstanceOf(ImportOutcome.Failed.class, outcome);
        assertEquals(DocumentStatus.FAILED, failed.document().status());
        assertEquals(Optional.of(failed.reason()), failed.document().message());
        assertTrue(library.repository.pages(failed.document().id()).isEmpty(), "a failed import stored pages");
        return failed.reason();
    }

    @Test
    void anEncryptedFileAsksForThePasswordAndIndexesNothing() {
        ImportOutcome.NeedsPassword outcome = assertInstanceOf(ImportOutcome.NeedsPassword.class,
                importTricky("encrypted-user-password-aes256.pdf"));

        assertFalse(outcome.wrongPassword());
        assertEquals(DocumentStatus.NEEDS_PASSWORD, outcome.document().status());
        assertTrue(library.repository.pages(outcome.document().id()).isEmpty());
        assertEquals(0, outcome.document().sections());
        assertEquals(0, library.embedder.texts.get(), "ciphertext must never be embedded");
    }

    @Test
    void aWrongPasswordIsReportedAsWrong() {
        ImportOutcome.NeedsPassword outcome = assertInstanceOf(ImportOutcome.NeedsPassword.class,
                importTricky("encrypted-user-password-aes256.pdf", "not-it"));

        assertTrue(outcome.wrongPassword());
        assertEquals(Optional.of("That password did not open this PDF. Check it and try again."), outcome.document().message());
    }

    @Test
    void theRightPasswordImportsTheDecryptedTextIntoTheSameRow() {
        long rowId = assertInstanceOf(ImportOutcome.NeedsPassword.class, importTricky("encrypted-user-password-aes256.pdf"))
                .document().id();
        importTricky("encrypted-user-password-aes256.pdf", "wrong");

        DocumentEntry doc = imported(importTricky("encrypted-user-password-aes256.pdf", "secret123"));

        assertEquals(rowId, doc.id(), "a retry must reuse the row");
        assertEquals(1, library.documents().size());
        assertEquals(Optional.empty(), doc.message());
        String text = library.text(doc.id());
        assertTrue(text.contains("27 months"), text);
        assertTrue(text.contains("BLUE HERON"), text);
    }

    @Test
    void aScannedFileIsReadByTextRecognitionOrSaysHowToGetIt() {
        ImportOutcome outcome = importTricky("scanned-image-only.pdf");
        if (dev.ponder.document.ocr.TesseractLibrary.availability() instanceof dev.ponder.document.ocr.OcrAvailability.Available) {
            assertTrue(library.text(imported(outcome).id()).contains("Assembly Point C"));
        } else {
            assertTrue(failure(outcome).startsWith("This PDF has no text layer — it looks scanned. To read scanned pages, "),
                    failure(outcome));
            assertEquals(0, library.embedder.texts.get());
        }
    }

    @Test
    void anEmptyFileIsRejectedAtOnce() {
        RecordingProgress progress = new RecordingProgress();
        ImportOutcome outcome = library.importer.importFile(Corpus.tricky("zero-bytes.pdf"), Optional.empty(), progress);

        assertEquals("This file is empty.", failure(outcome));
        assertFalse(progress.readAnyPage());
    }

    @Test
    void aTextFileNamedPdfIsNotAPdf() {
        assertEquals("This is not a PDF (it looks like plain text).", failure(importTricky("text-file-renamed.pdf")));
    }

    @Test
    void aTruncatedFileIsImportedWithADamageWarning() {
        DocumentEntry doc = imported(importTricky("truncated-half.pdf"));

        assertEquals(2, doc.pages());
        assertEquals(Optional.of("This file looks damaged or incomplete (it was cut short); Ponder read 2 pages but "
                + "some text may be missing."), doc.message());
        assertEquals(DocumentStatus.READY, doc.status());
    }

    @Test
    void aFileWithZeroPagesSaysSo() {
        assertEquals("This PDF has no pages.", failure(importTricky("zero-pages.pdf")));
    }

    @Test
    void rotatedPagesComeOutInReadingOrder() {
        DocumentEntry doc = imported(importTricky("rotated-pages.pdf"));

        List<PageText> pages = library.repository.pages(doc.id());
        assertEquals(6, pages.size());
        String all = library.text(doc.id());
        for (String fact : List.of("1,512", "7731", "2 May 2023", "9 May 2023", "16 May 2023", "23 May 2023")) {
            assertTrue(all.contains(fact), () -> "missing " + fact + " in\n" + all);
        }
        for (PageText page : pages.subList(1, 5)) {
            assertFalse(page.text().contains("P\na\ng\ne"), () -> "one letter per line on page " + page.pageNo());
            assertTrue(page.text().startsWith("Page " + page.pageNo() + ":"), page.text());
        }
        assertTrue(pages.get(4).text().contains("North 1,204 1,388 1,512"), pages.get(4).text());
    }

    @Test
    void ligaturesBecomePlainLetters() {
        DocumentEntry doc = imported(importTricky("ligatures-cm-type1.pdf"));

        String text = library.text(doc.id());
        for (String word : List.of("office", "affluent", "fifty", "FFI-2718-FL")) {
            assertTrue(text.contains(word), () -> "missing " + word + " in\n" + text);
        }
        assertTrue(text.chars().noneMatch(c -> c >= 0xFB00 && c <= 0xFB06), "a ligature character survived");
    }

    @Test
    void formFieldValuesAreAddedToThePageText() {
        DocumentEntry doc = imported(importTricky("acroform-filled-fields.pdf"));

        String text = library.text(doc.id());
        for (String line : List.of("Employee name: Priya Raman", "Employee id: EMP-40917",
                "Item: Portable projector, serial PJ-5520", "Return date: 2024-06-30", "Department: Research",
                "Insurance: Yes", "Notes: Needed for the customer workshop in Leeds.")) {
            assertTrue(text.contains(line), () -> "missing \"" + line + "\" in\n" + text);
        }
    }

    @Test
    void promptInjectionTextIsStoredAsPlainDataWithTheRealFacts() {
        // the visible text is kept whole; the hidden channels are left out (IngestionPoliciesTest)
        DocumentEntry doc = imported(importTricky("prompt-injection.pdf"));

        String text = library.text(doc.id());
        assertTrue(text.contains("Northwind Software 82"), text);
        assertTrue(text.contains("Acme Systems failed the data-retention audit"), text);
    }

    @Test
    void theSameContentDroppedTwiceIsImportedOnce() {
        DocumentEntry first = imported(importTricky("duplicate-invoice.pdf"));
        int embeddedTexts = library.embedder.texts.get();
        RecordingProgress progress = new RecordingProgress();

        ImportOutcome second = library.importer.importFile(Corpus.tricky("duplicate-invoice copy (1).pdf"),
                Optional.empty(), progress);

        ImportOutcome.AlreadyInLibrary already = assertInstanceOf(ImportOutcome.AlreadyInLibrary.class, second);
        assertEquals(first.id(), already.document().id());
        assertEquals("duplicate-invoice copy (1).pdf", already.file().getFileName().toString());
        assertEquals(1, library.documents().size());
        assertEquals(embeddedTexts, library.embedder.texts.get(), "the copy was embedded again");
        assertFalse(progress.readAnyPage(), "the copy was read again");
        assertTrue(first.sha256().orElseThrow().startsWith("cf341505758e"));
        assertTrue(library.text(first.id()).contains("355.00"));
    }
}
