package dev.ponder.document;

import dev.ponder.base.DaemonThreads;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * thread, one task after another, so a drop handler only calls {@link #open(Path)} and returns —
 * except reading scanned pages by OCR, which has a thread of its own (the OCR lane): an opened
 * file's text pages are imported and answerable first, and its scanned pages are read on the OCR
 * lane afterwards, so a file dropped after a long scan does not wait for it. One document is read
 * by OCR at a time ({@link ScanReader}).
 *
 * <p>Cancelling a returned future stops that import (between pages or embedding batches); its row
 * is marked failed. {@link #close()} stops the running import too, but queues its row again, and
 * keeps each file still waiting for its import as a queued row, so {@link #resumeInterrupted()}
 * finishes them at the next start.
 */
public final class LibraryService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LibraryService.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final LibraryRepository repository;
    private final DocumentImporter importer;
    private final FileChecker checker;
    private final ExecutorService executor;
    private final ExecutorService scanLane;
    private final PageRenderer pages;
    private final List<LibraryListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<LibraryListener> failedListeners = ConcurrentHashMap.newKeySet();
    /** Files opened whose import has not started yet, by the future of each: kept as queued rows at {@link #close()}. */
    private final Map<CompletableFuture<ImportOutcome>, Path> waiting = new ConcurrentHashMap<>();
    private volatile Relay active;
    private volatile Relay scanning;
    private volatile boolean closing;

    /**
     * @param executor runs the imports; the service owns it from now on and shuts it down in
     *                 {@link #close()}. One thread is right: imports are CPU-bound and the store
     *                 expects one import per content at a time.
     */
    public LibraryService(LibraryRepository repository, DocumentImporter importer, ExecutorService executor) {
        this(repository, importer, executor, Executors.newSingleThreadExecutor(DaemonThreads.named("ponder-ocr")));
    }

    /**
     * @param executor runs the imports, as above
     * @param scanLane reads scanned pages by OCR after their documents' text is imported; owned and
     *                 shut down like {@code executor}. One thread: OCR takes a core a page.
     */
    public LibraryService(LibraryRepository repository, DocumentImporter importer, ExecutorService executor,
            ExecutorService scanLane) {
        this.repository = repository;
        this.importer = importer;
        this.checker = new FileChecker(repository, importer);
        this.executor = executor;
        this.scanLane = scanLane;
        this.pages = new PageRenderer(repository);
    }

    /** With its own single import thread, named {@code ponder-import}, and OCR lane, {@code ponder-ocr}. */
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

    /**
     * The text pages on the import thread; the pages OCR reads, if any, on the OCR lane afterwards.
     * The future completes when both are done (the document is ready after the first when it has
     * text pages).
     */
    private CompletableFuture<ImportOutcome> open(Path file, Optional<char[]> password) {
        CompletableFuture<ImportOutcome> result = new CompletableFuture<>();
        CompletableFuture<DocumentImporter.TextFirst> textFirst = new CompletableFuture<>();
        waiting.put(result, file);
        result.whenComplete((outcome, failure) -> {
            if (!closing) {
                waiting.remove(result); // done, or cancelled while it waited: nothing to keep
            }
        });
        submit(textFirst, () -> {
            waiting.remove(result);
            Relay relay = new Relay(result);
            active = relay;
            try {
                return importer.importTextFirst(file, password, relay);
            } finally {
                active = null;
            }
        });
        textFirst.whenComplete((first, failure) -> {
            if (failure != null || first.scansLeftOf() == 0) {
                password.ifPresent(p -> Arrays.fill(p, '\0'));
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(first.outcome());
                }
                return;
            }
            readScansLeft(first.scansLeftOf(), password, result, first.outcome());
        });
        return result;
    }

    /**
     * Reads the pages left for OCR of document {@code id} on the OCR lane, then completes
     * {@code result} with the outcome ({@code before} when there was nothing to do).
     */
    private void readScansLeft(long id, Optional<char[]> password, CompletableFuture<ImportOutcome> result,
            ImportOutcome before) {
        submit(result, scanLane, () -> {
            Relay relay = new Relay(result);
            relay.documentId = id;
            scanning = relay;
            try {
                return importer.readScansLeft(id, password, relay).orElse(before);
            } finally {
                scanning = null;
                password.ifPresent(p -> Arrays.fill(p, '\0'));
            }
        });
    }

    /**
     * Reads, on the OCR lane, the scanned pages that earlier imports left unread (text recognition
     * was missing then, or Ponder closed before it read them), when text recognition can run now:
     * call it at start and when Settings checks again for Tesseract. Each document stays answerable
     * from its other pages meanwhile and is stored again with its scanned pages read.
     *
     * @return the documents whose pages will be read (empty when OCR is not available, or nothing was
     *         left); the returned future completes when they are read
     */
    public ScansLeft readScansLeft() {
        if (!importer.readsScans()) {
            return new ScansLeft(List.of(), CompletableFuture.completedFuture(null));
        }
        List<DocumentEntry> left = repository.withFlag(dev.ponder.store.IngestionFlag.Kind.SCANS_NOT_READ);
        List<CompletableFuture<ImportOutcome>> reads = new java.util.ArrayList<>();
        for (DocumentEntry d : left) {
            if (queuedScans.add(d.id())) {
                CompletableFuture<ImportOutcome> read = new CompletableFuture<>();
                read.whenComplete((o, e) -> queuedScans.remove(d.id()));
                readScansLeft(d.id(), Optional.empty(), read, new ImportOutcome.Imported(d.path(), d));
                reads.add(read);
            }
        }
        return new ScansLeft(left, CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)));
    }

    /**
     * What {@link #readScansLeft()} started: the documents whose scanned pages are being read, and
     * when they are done.
     */
    public record ScansLeft(List<DocumentEntry> documents, CompletableFuture<Void> done) {
        public ScansLeft {
            documents = List.copyOf(documents);
        }

        /**
         * What the window says: "Ponder can read scanned pages now, and is reading those of scan.pdf
         * in the background."; empty when there is nothing to read.
         */
        public Optional<String> sentence() {
            return documents.isEmpty() ? Optional.empty() : Optional.of(UserMessages.readingScansLeft(
                    documents.stream().map(DocumentEntry::fileName).toList()));
        }
    }

    private final Set<Long> queuedScans = ConcurrentHashMap.newKeySet();

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
        for (Relay running : new Relay[] {active, scanning}) {
            if (running != null && running.documentId == id) {
                running.stop();
            }
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
     * Stops the running import (its row is queued again for {@link #resumeInterrupted()}) and the
     * reading of scanned pages (read again by {@link #readScansLeft()} at the next start), keeps each
     * file opened but not started yet as a queued row ({@link #resumeInterrupted()} imports it at the
     * next start: the window had listed it as waiting, and closing must not forget it), drops other
     * work not yet started, and waits up to 30 s for each thread to end.
     */
    @Override
    public void close() {
        closing = true;
        List<Path> notStarted = List.copyOf(waiting.values());
        Relay running = active;
        Relay reading = scanning;
        executor.shutdown();
        scanLane.shutdown();
        for (ExecutorService lane : List.of(executor, scanLane)) {
            try {
                if (!lane.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    log.warn("An import thread did not stop within {} s", CLOSE_WAIT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Relay stopped : new Relay[] {running, reading}) {
            if (stopped != null && stopped.documentId > 0) {
                requeue(stopped.documentId);
            }
        }
        notStarted.stream().distinct().forEach(this::keepQueued);
    }

    /** A file opened but never started: a queued row for it, unless the library has one for its path already. */
    private void keepQueued(Path file) {
        try {
            if (repository.findByPath(file).isPresent()) {
                return;
            }
            long size = Files.isRegularFile(file) ? Files.size(file) : 0;
            long id = repository.add(new NewDocument(Optional.empty(), file.getFileName().toString(), file, size),
                    DocumentStatus.QUEUED, Optional.empty());
            log.info("Kept {} as document {}, queued: its import had not started when the library closed", file, id);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not keep the waiting file {} for the next start", file, e);
        }
    }

    private void requeue(long id) {
        // only an import that closing stopped; one that failed for its own reason stays failed
        repository.find(id).filter(d -> d.status() == DocumentStatus.FAILED
                        && d.message().filter(UserMessages.CANCELLED::equals).isPresent())
                .ifPresent(d -> repository.updateStatus(id, DocumentStatus.QUEUED, Optional.empty()));
    }

    private <T> void submit(CompletableFuture<T> result, Supplier<T> work) {
        submit(result, executor, work);
    }

    private <T> void submit(CompletableFuture<T> result, ExecutorService lane, Supplier<T> work) {
        try {
            lane.execute(() -> {
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
