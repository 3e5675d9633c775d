package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.ImportOutcome;
import dev.ponder.store.DocumentStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

        library.progress(2, "Reading pages", 0.42);
        assertEquals("Reading pages 42%", item.statusText());
        assertEquals(0.42, item.progressProperty().get(), 1e-9);

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
    void alreadyInLibrarySaysSoAndSelectsIt() {
        vm.open(List.of(Path.of("/copy/old.pdf")));
        library.pending.get(0).complete(new ImportOutcome.AlreadyInLibrary(Path.of("/copy/old.pdf"),
                library.documents.get(1L)));
        assertEquals("old.pdf is already in your library.", vm.noticeProperty().get());
        assertSame(vm.find(1), vm.selectionRequestProperty().get());
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
