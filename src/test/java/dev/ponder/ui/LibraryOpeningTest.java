package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.answer.AnswerRequest;
import dev.ponder.document.ImportOutcome;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The window's parts while the library opens beside it (issue #17): every call waits for the
 * library or is passed on once it is open, and nothing that happens in the library after its
 * documents were read is missed.
 */
class LibraryOpeningTest {

    private final InMemoryLibrary library = new InMemoryLibrary();
    private final List<AnswerRequest> asked = new CopyOnWriteArrayList<>();
    private final AtomicInteger stopped = new AtomicInteger();
    private final CompletableFuture<WindowParts> parts = new CompletableFuture<>();
    private final LibraryOpening opening = new LibraryOpening(parts, new java.util.concurrent.CompletableFuture<>());

    private WindowParts ready() {
        return WindowParts.of(library, (request, listener) -> {
            asked.add(request);
            return stopped::incrementAndGet;
        }, new InMemoryChatHistory(), new ReadyModelServer());
    }

    @Test
    void callsWaitForTheLibraryThenGoToIt() throws Exception {
        library.documents.put(1L, InMemoryLibrary.entry(1, "warranty.pdf", DocumentStatus.READY, null));
        CompletableFuture<List<DocumentEntry>> read = CompletableFuture.supplyAsync(opening::documents);
        CompletableFuture<ImportOutcome> opened = opening.open(Path.of("/docs/report.pdf"));
        Thread.sleep(200);
        assertFalse(read.isDone(), "the documents are read once the library is open");
        assertTrue(library.opened.isEmpty(), "a file dropped meanwhile waits for the library");

        parts.complete(ready());
        assertEquals(List.of("warranty.pdf"), read.get(10, TimeUnit.SECONDS).stream().map(DocumentEntry::fileName).toList());
        assertEquals(List.of(Path.of("/docs/report.pdf")), library.opened);
        DocumentEntry report = InMemoryLibrary.entry(2, "report.pdf", DocumentStatus.READY, null);
        ImportOutcome imported = new ImportOutcome.Imported(Path.of("/docs/report.pdf"), report);
        library.pending.get(0).complete(imported);
        assertEquals(imported, opened.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSubscriptionAskedForBeforeTheLibraryOpenedIsMadeBeforeItsDocumentsAreRead() throws Exception {
        List<DocumentEntry> changed = new CopyOnWriteArrayList<>();
        opening.subscribe(new LibraryAccess.Events() {
            @Override
            public void documentChanged(DocumentEntry document) {
                changed.add(document);
            }

            @Override
            public void importProgress(long documentId, String stage, double fraction) {
            }

            @Override
            public void documentRemoved(long documentId) {
            }
        });
        CompletableFuture<List<DocumentEntry>> read = CompletableFuture.supplyAsync(opening::documents);
        parts.complete(ready());
        read.get(10, TimeUnit.SECONDS);
        assertEquals(1, library.listenerCount(), "subscribed before the read returned");

        library.change(1, "warranty.pdf", DocumentStatus.READY, null);
        assertEquals(1, changed.size(), "a change after the read reaches the window");
    }

    @Test
    void aSubscriptionUndoneBeforeTheLibraryOpenedIsNeverMade() {
        Runnable undo = opening.subscribe(new LibraryAccess.Events() {
            @Override
            public void documentChanged(DocumentEntry document) {
            }

            @Override
            public void importProgress(long documentId, String stage, double fraction) {
            }

            @Override
            public void documentRemoved(long documentId) {
            }
        });
        undo.run();
        parts.complete(ready());
        assertEquals(0, library.listenerCount());
    }

    @Test
    void aQuestionAskedWhileTheLibraryOpensIsAskedOnceItIsOpenAndCanBeStopped() {
        AnswerRequest request = new AnswerRequest("What is the warranty?", List.of(), 0, true);
        var handle = opening.ask(request, null);
        handle.stop();
        assertTrue(asked.isEmpty());

        parts.complete(ready());
        assertEquals(List.of(request), asked);
        assertEquals(1, stopped.get(), "stopped before the library opened: stopped as soon as it was asked");
    }

    @Test
    void theModelServerGoesByTheNameItWillHaveUntilItIsReached() {
        var server = opening.modelServer("Model server");
        assertEquals("Model server", server.displayName());
        parts.complete(ready());
        assertEquals("Ollama", server.displayName());
        assertTrue(server.check().ready());
    }
}
