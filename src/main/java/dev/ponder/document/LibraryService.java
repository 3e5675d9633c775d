package dev.ponder.document;

import dev.ponder.base.DaemonThreads;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LibraryRepository;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library as the UI and the command line use it: opening files, listing and removing
 * documents, hearing about changes. All PDF work and every library write runs on one import
 * thread, one task after another, so a drop handler only calls {@link #open(Path)} and returns.
 *
 * <p>Cancelling a returned future stops that import (between pages or embedding batches); its row
 * is marked failed. {@link #close()} stops the running import too, but queues its row again, so
 * {@link #resumeInterrupted()} finishes it at the next start.
 */
public final class LibraryService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LibraryService.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final LibraryRepository repository;
    private final DocumentImporter importer;
    private final FileChecker checker;
    private final ExecutorService executor;
    private final PageRenderer pages;
    private final List<LibraryListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<LibraryListener> failedListeners = ConcurrentHashMap.newKeySet();
    private volatile Relay active;
    private volatile boolean closing;

    /**
     * @param executor runs the imports; the service owns it from now on and shuts it down in
     *                 {@link #close()}. One thread is right: imports are CPU-bound and the store
     *                 expects one import per content at a time.
     */
    public LibraryService(LibraryRepository repository, DocumentImporter importer, ExecutorService executor) {
        this.repository = repository;
        this.importer = importer;
        this.checker = new FileChecker(repository, importer);
        this.executor = executor;
        this.pages = new PageRenderer(repository);
    }

    /** With its own single import thread, named {@code ponder-import}. */
    public LibraryService(LibraryRepository repository, DocumentImporter importer) {
        this(repository, importer, Executors.newSingleThreadExecutor(DaemonThreads.named("ponder-import")));
    }

    /** Imports {@code file} in the background; see {@link DocumentImporter#importFile}. */
    public CompletableFuture<ImportOutcome> open(Path file) {
        return open(file, Optional.empty());
    }

    /**
     * Imports an encrypted {@code file} with the user's password, in the background. The service
     * works on a copy of {@code password} and wipes the copy afterwards; the caller may wipe its own.
     */
    public CompletableFuture<ImportOutcome> open(Path file, char[] password) {
        return open(file, Optional.of(password.clone()));
    }

    private CompletableFuture<ImportOutcome> open(Path file, Optional<char[]> password) {
        CompletableFuture<ImportOutcome> result = new CompletableFuture<>();
        submit(result, () -> {
            try {
                Relay relay = new Relay(result);
                active = relay;
                return importer.importFile(file, password, relay);
            } finally {
                active = null;
                password.ifPresent(p -> Arrays.fill(p, '\0'));
            }
        });
        return result;
    }

    /**
     * Whether {@code password} opens the encrypted {@code file}: quick (no page is read) and on the
     * caller's thread, not the import thread, so a wrong password is said at once even while a long
     * import runs (a 3,000-page file holds the import thread for half a minute). A file that cannot
     * be read at all counts as opened: its import says what is wrong with it.
     */
    public boolean passwordOpens(Path file, char[] password) {
        return PdfExtractor.opens(file, password);
    }

    /** Re-imports, in the background, every document a previous run left half-imported. */
    public CompletableFuture<List<ImportOutcome>> resumeInterrupted() {
        CompletableFuture<List<ImportOutcome>> result = new CompletableFuture<>();
        submit(result, () -> {
            Relay relay = new Relay(result);
            active = relay;
            try {
                return importer.resumeInterrupted(relay);
            } finally {
                active = null;
            }
        });
        return result;
    }

    /**
     * Checks, in the background, the file of document {@code id} against what the library holds:
     * a file gone from its path marks the document missing (its content stays answerable); a file
     * whose size or last-modified time changed is hashed, and new content is imported again into
     * the same document (same id: chat citations and sleep-time rows stay with it; sections whose
     * text did not change keep their sleep-time notes, which are cached by section text). A
     * document being imported or waiting for a password is skipped.
     */
    public CompletableFuture<FileCheck> check(long id) {
        CompletableFuture<FileCheck> result = new CompletableFuture<>();
        submit(result, () -> {
            Relay relay = new Relay(result);
            relay.documentId = id;
            active = relay;
            try {
                return checker.check(id, relay);
            } finally {
                active = null;
            }
        });
        return result;
    }

    /**
     * Points document {@code id} at {@code file} (the user located a moved file), then
     * {@linkplain #check checks} it there: the same content makes it ready again, other content is
     * imported into the same document.
     */
    public CompletableFuture<FileCheck> locate(long id, Path file) {
        Path located = file.toAbsolutePath().normalize();
        CompletableFuture<FileCheck> result = new CompletableFuture<>();
        submit(result, () -> {
            Relay relay = new Relay(result);
            relay.documentId = id;
            active = relay;
            try {
                if (repository.find(id).isEmpty()) {
                    return new FileCheck.Skipped(id);
                }
                log.info("Document {} located at {}", id, located);
                repository.relocate(id, located, FileFacts.fileName(located));
                repository.find(id).ifPresent(relay::documentChanged);
                return checker.check(id, relay);
            } finally {
                active = null;
            }
        });
        return result;
    }

    /** The library's documents, oldest first; a snapshot read from the store on the caller's thread. */
    public List<DocumentEntry> documents() {
        return repository.all();
    }

    /**
     * Removes document {@code id} with its pages and sections. A running import of it is stopped
     * first; the removal runs on the import thread after it.
     */
    public CompletableFuture<Void> remove(long id) {
        Relay running = active;
        if (running != null && running.documentId == id) {
            running.stop();
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        submit(result, () -> {
            repository.delete(id);
            listeners.forEach(l -> safely(l, () -> l.documentRemoved(id)));
            return null;
        });
        return result;
    }

    /**
     * A page of a stored document for the page viewer, drawn {@code widthPx} pixels wide with the
     * lines that support {@code answer} marked, or its stored text when the file cannot be drawn;
     * see {@link PageRenderer#view}. Runs on the caller's thread (not the import thread, so a page
     * never waits for an import): call it off the UI thread.
     *
     * @param page 1-based
     * @throws IllegalArgumentException when the document or page does not exist
     */
    public PageView page(long documentId, int page, String answer, int widthPx) {
        return pages.view(documentId, page, answer, widthPx);
    }

    public void addListener(LibraryListener listener) {
        listeners.add(listener);
    }

    public void removeListener(LibraryListener listener) {
        listeners.remove(listener);
    }

    /**
     * Stops the running import (its row is queued again for {@link #resumeInterrupted()}), drops
     * imports not yet started, and waits up to 30 s for the import thread to end.
     */
    @Override
    public void close() {
        closing = true;
        Relay running = active;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("The import thread did not stop within {} s", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running != null && running.documentId > 0) {
            requeue(running.documentId);
        }
    }

    private void requeue(long id) {
        // only an import that closing stopped; one that failed for its own reason stays failed
        repository.find(id).filter(d -> d.status() == DocumentStatus.FAILED
                        && d.message().filter(UserMessages.CANCELLED::equals).isPresent())
                .ifPresent(d -> repository.updateStatus(id, DocumentStatus.QUEUED, Optional.empty()));
    }

    private <T> void submit(CompletableFuture<T> result, Supplier<T> work) {
        try {
            executor.execute(() -> {
                if (closing || result.isDone()) {
                    result.cancel(false);
                    return;
                }
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    log.error("Library task failed", e);
                    result.completeExceptionally(e);
                } catch (Error e) {
                    // an IOError from a full disk, say: whoever waits for the task is told, never left waiting
                    log.error("Library task failed", e);
                    result.completeExceptionally(e);
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("The library is closed.", e));
        }
    }

    private void safely(LibraryListener listener, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // once with the stack trace; a broken progress handler would otherwise flood the log
            if (failedListeners.add(listener)) {
                log.warn("A library listener failed; later failures of it are logged at debug level", e);
            } else {
                log.debug("A library listener failed again: {}", e.toString());
            }
        }
    }

    /** Forwards one task's progress to the listeners and tells it when to stop. */
    private final class Relay implements ImportProgress {
        private final CompletableFuture<?> result;
        private volatile long documentId;
        private volatile boolean stopped;

        Relay(CompletableFuture<?> result) {
            this.result = result;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void progress(String stage, double fraction) {
            long id = documentId;
            if (id > 0) {
                listeners.forEach(l -> safely(l, () -> l.importProgress(id, stage, fraction)));
            }
        }

        @Override
        public void documentChanged(DocumentEntry document) {
            documentId = document.id();
            listeners.forEach(l -> safely(l, () -> l.documentChanged(document)));
        }

        @Override
        public void documentRemoved(long documentId) {
            listeners.forEach(l -> safely(l, () -> l.documentRemoved(documentId)));
        }

        @Override
        public boolean cancelled() {
            return stopped || closing || result.isCancelled();
        }
    }
}
