package dev.ponder.document;

import dev.ponder.testing.Corpus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.NewDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryServiceTest {

    private static final long WAIT_SECONDS = 120;

    @TempDir
    Path dataDir;

    private TestLibrary library;
    private LibraryService service;
    private final Events events = new Events();

    @BeforeEach
    void start() {
        library = new TestLibrary(dataDir);
        service = new LibraryService(library.repository, library.importer);
        service.addListener(events);
    }

    @AfterEach
    void stop() {
        service.close();
        library.close();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void openImportsOnTheImportThreadAndTellsListeners() throws Exception {
        ImportOutcome outcome = await(service.open(Corpus.sample("float-package-paper.pdf")));

        DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class, outcome).document();
        assertEquals(List.of(doc), service.documents());
        assertEquals(List.of(DocumentStatus.IMPORTING, DocumentStatus.READY),
                events.changed.stream().map(DocumentEntry::status).toList());
        assertTrue(events.progressIds.stream().allMatch(id -> id == doc.id()));
        assertEquals(1.0, events.fractions.get(events.fractions.size() - 1));
        assertEquals(List.of("ponder-import"), events.threads.stream().distinct().toList());
    }

    @Test
    void aWrongPasswordIsToldAtOnceWhileALongImportHoldsTheImportThread() throws Exception {
        CompletableFuture<ImportOutcome> large = service.open(Corpus.tricky("large-3000-pages.pdf"));
        // the long import has begun on the one import thread
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (events.fractions.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(events.fractions.isEmpty(), "the large import started");
        Path locked = Corpus.tricky("encrypted-user-password-aes256.pdf");

        assertFalse(service.passwordOpens(locked, "wrong".toCharArray()), "a wrong password is found out");
        assertFalse(large.isDone(), "…while the long import still runs: it did not wait behind it");
        assertTrue(service.passwordOpens(locked, "secret123".toCharArray()));
        large.cancel(true);
    }

    @Test
    void aPasswordIsAskedForThenUsedAndTheCallersCopyIsLeftAlone() throws Exception {
        Path file = Corpus.tricky("encrypted-user-password-aes256.pdf");
        assertInstanceOf(ImportOutcome.NeedsPassword.class, await(service.open(file)));
        char[] password = "secret123".toCharArray();

        ImportOutcome outcome = await(service.open(file, password));

        assertInstanceOf(ImportOutcome.Imported.class, outcome);
        assertArrayEquals("secret123".toCharArray(), password);
        assertEquals(1, service.documents().size());
    }

    @Test
    void removeDeletesTheDocumentAndTellsListeners() throws Exception {
        long id = assertInstanceOf(ImportOutcome.Imported.class,
                await(service.open(Corpus.sample("us-constitution-bill-of-rights.pdf")))).document().id();

        await(service.remove(id));

        assertTrue(service.documents().isEmpty());
        assertEquals(List.of(id), events.removed);
    }

    @Test
    void cancellingTheFutureStopsTheImportAndMarksItFailed() throws Exception {
        CompletableFuture<ImportOutcome> big = service.open(Corpus.tricky("large-3000-pages.pdf"));
        assertTrue(events.tenPagesRead.await(WAIT_SECONDS, TimeUnit.SECONDS));

        big.cancel(true);
        // imports run one after another, so once this one is done the cancelled one has stopped
        await(service.open(Corpus.sample("us-constitution-bill-of-rights.pdf")));

        DocumentEntry stopped = service.documents().get(0);
        assertEquals(DocumentStatus.FAILED, stopped.status());
        assertEquals(Optional.of("The import was stopped before it finished. Open the file again to import it."),
                stopped.message());
        assertEquals(0, stopped.pages());
    }

    @Test
    void closingStopsARunningImportAndQueuesItForTheNextStart() throws Exception {
        CompletableFuture<ImportOutcome> big = service.open(Corpus.tricky("large-3000-pages.pdf"));
        assertTrue(events.tenPagesRead.await(WAIT_SECONDS, TimeUnit.SECONDS));

        service.close();

        assertTrue(big.isDone());
        assertEquals(DocumentStatus.QUEUED, library.documents().get(0).status());
        ExecutionException closed = assertThrows(ExecutionException.class, () -> await(service.open(Corpus.sample(
                "booktabs-tables.pdf"))));
        assertInstanceOf(IllegalStateException.class, closed.getCause());
    }

    /**
     * Files the window listed as waiting behind a long import are not forgotten by closing: each is kept
     * as a queued row, and the next start imports it. A file whose wait was cancelled is not kept.
     */
    @Test
    void closingKeepsTheFilesStillWaitingAsQueuedRowsThatTheNextStartImports() throws Exception {
        Path waiting = Corpus.sample("booktabs-tables.pdf");
        Path cancelled = Corpus.sample("float-package-paper.pdf");
        service.open(Corpus.tricky("large-3000-pages.pdf"));
        assertTrue(events.tenPagesRead.await(WAIT_SECONDS, TimeUnit.SECONDS));
        service.open(waiting);
        service.open(cancelled).cancel(false);

        service.close();

        List<DocumentEntry> rows = library.documents();
        assertEquals(List.of("large-3000-pages.pdf", "booktabs-tables.pdf"), rows.stream().map(DocumentEntry::fileName).toList());
        assertEquals(List.of(DocumentStatus.QUEUED, DocumentStatus.QUEUED), rows.stream().map(DocumentEntry::status).toList());
        assertEquals(waiting, rows.get(1).path());

        // the next start: the waiting file is imported into its row
        library.repository.delete(rows.get(0).id()); // the 3,000 pages would take minutes here
        service = new LibraryService(library.repository, library.importer);
        List<ImportOutcome> outcomes = await(service.resumeInterrupted());
        assertEquals(rows.get(1).id(), assertInstanceOf(ImportOutcome.Imported.class, outcomes.get(0)).document().id());
        assertEquals(DocumentStatus.READY, service.documents().get(0).status());
    }

    @Test
    void resumeInterruptedFinishesWhatAPreviousRunLeftQueued() throws Exception {
        Path file = Corpus.sample("us-constitution-bill-of-rights.pdf");
        long id = library.repository.add(new NewDocument(Optional.empty(), file.getFileName().toString(), file, 0),
                DocumentStatus.QUEUED, Optional.empty());

        List<ImportOutcome> outcomes = await(service.resumeInterrupted());

        assertEquals(id, assertInstanceOf(ImportOutcome.Imported.class, outcomes.get(0)).document().id());
        assertEquals(DocumentStatus.READY, service.documents().get(0).status());
    }

    @Test
    void aFailingListenerDoesNotBreakTheImport() throws Exception {
        service.addListener(new LibraryListener() {
            @Override
            public void documentChanged(DocumentEntry document) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void importProgress(long documentId, String stage, double fraction) {
                throw new IllegalStateException("listener bug");
            }
        });

        assertInstanceOf(ImportOutcome.Imported.class, await(service.open(Corpus.sample("us-constitution-bill-of-rights.pdf"))));
        assertFalse(events.changed.isEmpty());
    }

    /** Everything the listener heard, and on which thread. */
    private static final class Events implements LibraryListener {
        final List<DocumentEntry> changed = new CopyOnWriteArrayList<>();
        final List<Long> progressIds = new CopyOnWriteArrayList<>();
        final List<Double> fractions = new CopyOnWriteArrayList<>();
        final List<Long> removed = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch tenPagesRead = new CountDownLatch(1);

        @Override
        public void documentChanged(DocumentEntry document) {
            changed.add(document);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void importProgress(long documentId, String stage, double fraction) {
            progressIds.add(documentId);
            fractions.add(fraction);
            threads.add(Thread.currentThread().getName());
            if (stage.startsWith("Reading page 10 ")) {
                tenPagesRead.countDown();
            }
        }

        @Override
        public void documentRemoved(long documentId) {
            removed.add(documentId);
        }
    }
}
