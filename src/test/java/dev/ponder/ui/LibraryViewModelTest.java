package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.ImportOutcome;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryViewModelTest {

    private final InMemoryLibrary library = new InMemoryLibrary();
    private LibraryViewModel vm;

    @BeforeEach
    void start() {
        library.documents.put(1L, InMemoryLibrary.entry(1, "old.pdf", DocumentStatus.READY, null));
        vm = new LibraryViewModel(new SameThreadUiExecutor(), library);
        vm.start();
    }

    @Test
    void showsWhatTheLibraryHoldsAtStart() {
        assertEquals(List.of("old.pdf"), vm.documents().stream().map(DocumentItem::fileName).toList());
        assertEquals(DocumentState.READY, vm.documents().get(0).state());
    }

    @Test
    void listFollowsDocumentChangedEventsThroughAnImport() {
        library.change(2, "report.pdf", DocumentStatus.IMPORTING, null);
        DocumentItem item = vm.documents().get(1);
        assertEquals(DocumentState.IMPORTING, item.state());

        library.progress(2, "Reading page 196 of 196", 0.35);
        assertEquals("Reading page 196 of 196", item.statusText(), "one measure: not also the import's 35%");
        assertEquals(0.35, item.progressProperty().get(), 1e-9, "the share of the whole import is the ring's");
        library.progress(2, "Saving", 0.95);
        assertEquals("Saving…", item.statusText());

        library.change(2, "report.pdf", DocumentStatus.READY, "Pages 3 and 4 have no text layer.");
        assertSame(item, vm.documents().get(1), "the row object stays, so a selection survives");
        assertEquals(DocumentState.READY_WITH_WARNING, item.state());
        assertEquals("Ready", item.statusText());
        assertEquals(-1, item.progressProperty().get());
        assertEquals("Pages 3 and 4 have no text layer.", item.message().orElseThrow());
    }

    @Test
    void openHandsEveryFileToTheLibrary() {
        vm.open(List.of(Path.of("/a.pdf"), Path.of("/b.pdf")));
        assertEquals(List.of(Path.of("/a.pdf"), Path.of("/b.pdf")), library.opened);
    }

    @Test
    void aDroppedFolderOpensThePdfsInsideAndAFolderWithoutAnySaysSo(@TempDir Path dir) throws Exception {
        Path report = Files.createDirectories(dir.resolve("papers/2024")).resolve("report.pdf");
        Files.write(report, new byte[0]);
        Path slides = Files.write(dir.resolve("papers/slides.PDF"), new byte[0]);
        Files.writeString(dir.resolve("papers/notes.txt"), "notes");
        Path loose = Path.of("/loose.pdf");

        vm.open(List.of(dir.resolve("papers"), loose));

        // the folder is searched in the background: its PDFs come after the loose file in the app
        assertEquals(java.util.Set.of(loose, report, slides), java.util.Set.copyOf(library.opened));
        assertEquals(3, library.opened.size());
        assertEquals("", vm.noticeProperty().get());

        vm.open(List.of(Files.createDirectories(dir.resolve("photos"))));
        assertEquals("There are no PDFs in the folder photos.", vm.noticeProperty().get());
    }

    @Test
    void selectionIsTheScopeAndEmptySelectionMeansAllDocuments() {
        library.change(2, "report.pdf", DocumentStatus.READY, null);
        assertEquals(List.of(), vm.scope());
        assertEquals("all documents", vm.scopeDescriptionProperty().get());

        DocumentItem report = vm.documents().get(1);
        vm.select(List.of(report), report);
        assertEquals(List.of(2L), vm.scope());
        assertEquals("report.pdf", vm.scopeDescriptionProperty().get());
        assertSame(report, vm.focusedProperty().get());

        vm.select(List.copyOf(vm.documents()), report);
        assertEquals("2 documents", vm.scopeDescriptionProperty().get());
    }

    @Test
    void removingTakesTheDocumentOutOfListAndScope() {
        DocumentItem old = vm.documents().get(0);
        vm.select(List.of(old), old);
        vm.remove(List.of(old));
        assertEquals(List.of(1L), library.removed);
        assertTrue(vm.documents().isEmpty());
        assertTrue(vm.emptyProperty().get());
        assertEquals(List.of(), vm.scope());
        assertNull(vm.focusedProperty().get());

        library.change(1, "old.pdf", DocumentStatus.READY, null); // a late event must not bring it back
        assertTrue(vm.documents().isEmpty());
    }

    @Test
    void encryptedFileAsksForPasswordAgainWhenItWasWrongAndCancelLeavesItWaiting() {
        Path file = Path.of("/docs/secret.pdf");
        vm.open(List.of(file));
        var needs = InMemoryLibrary.entry(3, "secret.pdf", DocumentStatus.NEEDS_PASSWORD, "It is encrypted.");
        library.pending.get(0).complete(new ImportOutcome.NeedsPassword(file, needs, false));

        PasswordRequest first = vm.passwordRequestProperty().get();
        assertEquals(new PasswordRequest(file, "secret.pdf", false), first);
        assertEquals(DocumentState.NEEDS_PASSWORD, vm.find(3).state());

        vm.submitPassword("guess".toCharArray());
        assertNull(vm.passwordRequestProperty().get());
        assertEquals(List.of("guess"), library.passwords);
        library.pending.get(1).complete(new ImportOutcome.NeedsPassword(file, needs, true));
        assertTrue(vm.passwordRequestProperty().get().wrongPassword(), "the dialog says the password was wrong");

        vm.cancelPassword();
        assertNull(vm.passwordRequestProperty().get());
        assertEquals(DocumentState.NEEDS_PASSWORD, vm.find(3).state());

        vm.requestPassword(vm.find(3));
        assertFalse(vm.passwordRequestProperty().get().wrongPassword());
    }

    @Test
    void aWrongPasswordIsAskedForAgainAtOnceWithoutQueueingAnImport() {
        Path file = Path.of("/docs/secret.pdf");
        vm.open(List.of(file));
        DocumentEntry needs = InMemoryLibrary.entry(3, "secret.pdf", DocumentStatus.NEEDS_PASSWORD,
                "This PDF is protected by a password.");
        library.documents.put(3L, needs);
        library.pending.get(0).complete(new ImportOutcome.NeedsPassword(file, needs, false));
        library.rightPassword = "secret123";

        vm.submitPassword("guess".toCharArray());

        assertEquals(new PasswordRequest(file, "secret.pdf", true), vm.passwordRequestProperty().get(),
                "asked again at once, saying the password was wrong");
        assertEquals(List.of("guess"), library.passwordsTried);
        assertTrue(library.passwords.isEmpty(), "no import was queued behind the others for a wrong password");

        vm.submitPassword("secret123".toCharArray());
        assertEquals(List.of("secret123"), library.passwords, "the right one imports the file");
    }

    @Test
    void alreadyInLibrarySaysSoAndShowsItWithoutSelectingIt() {
        vm.open(List.of(Path.of("/copy/old.pdf")));
        library.pending.get(0).complete(new ImportOutcome.AlreadyInLibrary(Path.of("/copy/old.pdf"),
                library.documents.get(1L)));
        assertEquals("old.pdf is already in your library.", vm.noticeProperty().get());
        assertTrue(vm.selected().isEmpty(), "the scope does not change");
        assertSame(vm.find(1), vm.focusedProperty().get(), "the insights panel shows the copy it already has");
        assertSame(vm.find(1), vm.revealRequestProperty().get(), "the list scrolls to it");
        assertNull(vm.selectionRequestProperty().get());
    }

    @Test
    void duplicateUnderAnotherNameSaysBothNames() {
        library.change(2, "duplicate-invoice.pdf", DocumentStatus.READY, null);
        Path copy = Path.of("/downloads/duplicate-invoice copy (1).pdf");
        vm.open(List.of(copy, Path.of("/downloads/old (2).pdf")));
        library.pending.get(0).complete(new ImportOutcome.AlreadyInLibrary(copy, library.documents.get(2L)));
        library.pending.get(1).complete(new ImportOutcome.AlreadyInLibrary(Path.of("/downloads/old (2).pdf"),
                library.documents.get(1L)));
        assertEquals("""
                duplicate-invoice copy (1).pdf is already in your library as duplicate-invoice.pdf.
                old (2).pdf is already in your library as old.pdf.""", vm.noticeProperty().get());
        assertEquals(List.of("old.pdf", "duplicate-invoice.pdf"), names());
    }

    @Test
    void documentsThatCannotBeAskedAboutAreNeverTheScope() {
        library.change(2, "report.pdf", DocumentStatus.READY, null);
        library.change(3, "secret.pdf", DocumentStatus.NEEDS_PASSWORD, "This PDF is protected with a password.");
        library.change(4, "notes.pdf", DocumentStatus.FAILED, "notes.pdf is not a PDF.");
        DocumentItem report = vm.find(2);
        DocumentItem secret = vm.find(3);
        DocumentItem notes = vm.find(4);

        vm.select(List.of(secret), secret);
        assertEquals(List.of(), vm.scope(), "nothing ready selected: every ready document");
        assertEquals("Asking about all ready documents (2 of 4) · secret.pdf is left out until it has its password",
                vm.scopeLineProperty().get());

        vm.select(List.of(report, secret, notes), report);
        assertEquals(List.of(2L), vm.scope());
        assertEquals("Asking about report.pdf · 2 selected documents are left out until they are ready",
                vm.scopeLineProperty().get());

        vm.select(List.of(notes), notes);
        assertEquals(List.of(), vm.scope());
        assertEquals("Asking about all ready documents (2 of 4) · notes.pdf is left out: it could not be read",
                vm.scopeLineProperty().get());

        vm.select(List.of(), null);
        assertEquals("Asking about all ready documents (2 of 4) · select documents in the library to narrow it",
                vm.scopeLineProperty().get());
    }

    @Test
    void aSelectedDocumentJoinsTheScopeWhenItBecomesReadyAndTheLineSaysSo() {
        library.change(2, "report.pdf", DocumentStatus.IMPORTING, null);
        DocumentItem report = vm.find(2);
        vm.select(List.of(report), report);
        assertEquals(List.of(), vm.scope());
        assertEquals("Asking about old.pdf · report.pdf is left out until it is read", vm.scopeLineProperty().get());

        library.change(2, "report.pdf", DocumentStatus.READY, null);
        assertEquals(List.of(2L), vm.scope());
        assertEquals("Asking about report.pdf · Ctrl-click in the library to change", vm.scopeLineProperty().get());
    }

    @Test
    void finishingAnImportDoesNotChangeTheSelection() {
        DocumentItem old = vm.find(1);
        vm.select(List.of(old), old);
        vm.open(List.of(Path.of("/docs/report.pdf")));
        library.change(2, "report.pdf", DocumentStatus.IMPORTING, null);
        var ready = library.change(2, "report.pdf", DocumentStatus.READY, null);
        library.pending.get(0).complete(new ImportOutcome.Imported(Path.of("/docs/report.pdf"), ready));
        assertEquals(List.of(old), vm.selected());
        assertEquals(List.of(1L), vm.scope());
        assertSame(old, vm.focusedProperty().get());
        assertNull(vm.revealRequestProperty().get());
    }

    @Test
    void nothingReadyYetSaysSo() {
        library.change(1, "old.pdf", DocumentStatus.FAILED, "old.pdf could not be read.");
        assertEquals("", vm.scopeDescriptionProperty().get());
        assertEquals("No document is ready to ask about yet", vm.scopeLineProperty().get());
    }

    @Test
    void everyFileAskedForShowsAtOnceAsWaitingAndBecomesItsDocument() {
        Path a = Path.of("/docs/a.pdf");
        Path b = Path.of("/docs/b.pdf");
        Path c = Path.of("/docs/c.pdf");
        Path d = Path.of("/docs/d.pdf");
        vm.open(List.of(a, b, c, d));
        assertEquals(List.of("old.pdf", "a.pdf", "b.pdf", "c.pdf", "d.pdf"), names());
        DocumentItem waitingA = vm.documents().get(1);
        assertTrue(waitingA.isPending());
        assertEquals(DocumentState.QUEUED, waitingA.state());
        assertEquals("Waiting", waitingA.statusText());
        assertEquals(List.of(), vm.scope());

        // the library starts a.pdf: the same row becomes document 2, so a selection of it survives
        vm.select(List.of(waitingA), waitingA);
        library.change(2, "a.pdf", DocumentStatus.IMPORTING, null);
        assertSame(waitingA, vm.find(2));
        assertFalse(waitingA.isPending());
        assertEquals(DocumentState.IMPORTING, waitingA.state());
        var readyA = library.change(2, "a.pdf", DocumentStatus.READY, null);
        library.pending.get(0).complete(new ImportOutcome.Imported(a, readyA));
        assertEquals(List.of(2L), vm.scope());
        assertEquals(List.of("old.pdf", "a.pdf", "b.pdf", "c.pdf", "d.pdf"), names());

        // b.pdf was a copy of old.pdf: its waiting row goes, the notice says so
        library.pending.get(1).complete(new ImportOutcome.AlreadyInLibrary(b, library.documents.get(1L)));
        assertEquals(List.of("old.pdf", "a.pdf", "c.pdf", "d.pdf"), names());
        assertEquals("b.pdf is already in your library as old.pdf.", vm.noticeProperty().get());

        // c.pdf failed before any event reached the window: the row still becomes the document
        var failedC = InMemoryLibrary.entry(3, "c.pdf", DocumentStatus.FAILED, "c.pdf is not a PDF.");
        library.documents.put(3L, failedC);
        library.pending.get(2).complete(new ImportOutcome.Failed(c, failedC, "c.pdf is not a PDF."));
        assertEquals(DocumentState.FAILED, vm.find(3).state());
        assertEquals(List.of("old.pdf", "a.pdf", "c.pdf", "d.pdf"), names());

        // removing a waiting file cancels its import
        DocumentItem waitingD = vm.documents().get(3);
        vm.remove(List.of(waitingD));
        assertTrue(library.pending.get(3).isCancelled());
        assertEquals(List.of("old.pdf", "a.pdf", "c.pdf"), names());
        assertEquals(List.of(), library.removed);
    }

    @Test
    void aFileThatCannotBeOpenedLeavesNoWaitingRow() {
        vm.open(List.of(Path.of("/x.pdf")));
        assertEquals(List.of("old.pdf", "x.pdf"), names());
        library.pending.get(0).completeExceptionally(new IllegalStateException("The library is closed."));
        assertEquals(List.of("old.pdf"), names());
    }

    @Test
    void aFailedServiceSentenceShowsItsCommandWithoutBackticks() {
        library.change(2, "scan.pdf", DocumentStatus.FAILED, "Install OCR with `apt install tesseract`.");
        assertEquals("Install OCR with “apt install tesseract”.", vm.find(2).message().orElseThrow());
    }

    private List<String> names() {
        return vm.documents().stream().map(DocumentItem::fileName).toList();
    }

    @Test
    void failedOpenShowsItsSentence() {
        vm.open(List.of(Path.of("/x.pdf")));
        library.pending.get(0).completeExceptionally(new IllegalStateException("The library is closed."));
        assertEquals("Ponder could not open x.pdf: The library is closed.", vm.noticeProperty().get());
    }

    @Test
    void disposeStopsFollowingTheLibrary() {
        vm.dispose();
        assertEquals(0, library.listenerCount());
    }
}
