package dev.ponder.document;

import dev.ponder.base.DaemonThreads;
import dev.ponder.store.DocumentEntry;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the file of every document in the library and has {@link LibraryService#check} look at
 * a file once it has been quiet for the debounce time after its last event (editors save through
 * a temporary file and a rename, in several events). Watches the folders that hold the files
 * ({@link WatchService}); an event for any other file of a folder is ignored.
 *
 * <p>A folder that disappears (deleted, a removable or network drive gone) ends its watch key: its
 * files are checked (and so marked missing), and every {@code recheck} the watcher looks whether the
 * folder is back, without spinning. {@link #start()} checks every stored file once, for changes
 * made while Ponder was closed.
 *
 * <p>A {@link LibraryListener}: add it to the {@link LibraryService} so it follows new, moved and
 * removed documents.
 */
public final class DocumentWatcher implements LibraryListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentWatcher.class);

    private final LibraryService library;
    private final long debounceMs;
    private final long recheckMs;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ponder-watch-timer"));
    private final Object lock = new Object();
    /** Watched file → its document; guarded by {@link #lock}. */
    private final Map<Path, Long> files = new HashMap<>();
    /** Document → its watched file; guarded by {@link #lock}. */
    private final Map<Long, Path> byDocument = new HashMap<>();
    /** Folder → its watch key, for folders that exist and are watched; guarded by {@link #lock}. */
    private final Map<Path, WatchKey> folders = new HashMap<>();
    private final Map<Path, ScheduledFuture<?>> due = new ConcurrentHashMap<>();
    private volatile WatchService service;
    private volatile boolean closed;
    private Thread poller;

    /**
     * @param debounce how long a file must be quiet after its last event before it is checked (about 1 s)
     * @param recheck  how often to look whether a vanished folder is back (e.g. 30 s)
     */
    public DocumentWatcher(LibraryService library, Duration debounce, Duration recheck) {
        this.library = library;
        this.debounceMs = debounce.toMillis();
        this.recheckMs = recheck.toMillis();
    }

    /**
     * Starts watching every document's file and checks each once now. Call once.
     *
     * @throws IOException when the platform offers no file watching; documents then are checked only
     *                     by this start and by Locate…
     */
    public void start() throws IOException {
        List<DocumentEntry> documents = library.documents();
        service = FileSystems.getDefault().newWatchService();
        poller = DaemonThreads.thread("ponder-watch", this::poll);
        poller.start();
        for (DocumentEntry d : documents) {
            follow(d);
            checkLater(d.path(), 0);
        }
        timer.scheduleWithFixedDelay(this::rewatchVanishedFolders, recheckMs, recheckMs, TimeUnit.MILLISECONDS);
        log.info("Watching {} documents in {} folders", documents.size(), folders.size());
    }

    @Override
    public void documentChanged(DocumentEntry document) {
        if (document.id() > 0 && service != null) {
            follow(document);
        }
    }

    @Override
    public void importProgress(long documentId, String stage, double fraction) {
        // the watcher cares about paths, not progress
    }

    @Override
    public void documentRemoved(long documentId) {
        synchronized (lock) {
            Path file = byDocument.remove(documentId);
            if (file != null) {
                files.remove(file);
                forgetFolderIfUnused(file.getParent());
            }
        }
    }

    /** Stops watching; checks not yet run are dropped. Idempotent. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        WatchService s = service;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("Closing the watch service: {}", e.toString());
            }
        }
        if (poller != null) {
            try {
                poller.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void follow(DocumentEntry document) {
        Path file = document.path().toAbsolutePath().normalize();
        synchronized (lock) {
            Path before = byDocument.put(document.id(), file);
            if (file.equals(before)) {
                return;
            }
            if (before != null) {
                files.remove(before);
                forgetFolderIfUnused(before.getParent());
            }
            files.put(file, document.id());
            watchFolder(file.getParent());
        }
    }

    /** Registers {@code folder} unless it is watched already; a folder that is not there is left for later. */
    private void watchFolder(Path folder) {
        WatchService s = service;
        if (folder == null || s == null || folders.containsKey(folder)) {
            return;
        }
        try {
            WatchKey key = folder.register(s, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            folders.put(folder, key);
        } catch (IOException | ClosedWatchServiceException | SecurityException e) {
            log.info("Cannot watch {} now ({}); looking again every {} s", folder, e.toString(), recheckMs / 1000);
        }
    }

    private void forgetFolderIfUnused(Path folder) {
        if (folder != null && files.keySet().stream().noneMatch(f -> folder.equals(f.getParent()))) {
            WatchKey key = folders.remove(folder);
            if (key != null) {
                key.cancel();
            }
        }
    }

    private void poll() {
        while (!closed) {
            WatchKey key;
            try {
                key = service.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            try {
                handle(key);
            } catch (RuntimeException e) {
                // the watcher must outlive any one odd event
                log.warn("Could not handle a file event", e);
            }
        }
    }

    private void handle(WatchKey key) {
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                filesIn(folder).forEach(f -> checkLater(f, debounceMs));
            } else if (event.context() instanceof Path name) {
                Path file = folder.resolve(name);
                boolean watched;
                synchronized (lock) {
                    watched = files.containsKey(file);
                }
                if (watched) {
                    checkLater(file, debounceMs);
                }
            }
        }
        if (!key.reset()) {
            // the folder itself is gone: its files are missing until it comes back
            synchronized (lock) {
                folders.remove(folder, key);
            }
            log.info("{} is gone; its documents are marked missing", folder);
            filesIn(folder).forEach(f -> checkLater(f, 0));
        }
    }

    private List<Path> filesIn(Path folder) {
        synchronized (lock) {
            return files.keySet().stream().filter(f -> folder.equals(f.getParent())).toList();
        }
    }

    /** Checks {@code file} after {@code delayMs}, replacing a check already due: events coalesce. */
    private void checkLater(Path file, long delayMs) {
        if (closed) {
            return;
        }
        due.compute(file, (f, earlier) -> {
            if (earlier != null) {
                earlier.cancel(false);
            }
            try {
                return timer.schedule(() -> check(f), delayMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return null; // closing
            }
        });
    }

    private void check(Path file) {
        due.remove(file);
        Long id;
        synchronized (lock) {
            id = files.get(file);
        }
        if (id == null) {
            return;
        }
        library.check(id).whenComplete((outcome, e) -> {
            if (e != null && !(e instanceof java.util.concurrent.CancellationException)) {
                log.warn("Checking {} failed: {}", file, e.toString());
            } else if (outcome != null) {
                log.debug("Checked {}: {}", file, outcome.getClass().getSimpleName());
            }
        });
    }

    /** Folders that vanished and are back: watch them again and check their files. */
    private void rewatchVanishedFolders() {
        List<Path> vanished;
        synchronized (lock) {
            vanished = files.keySet().stream().map(Path::getParent).distinct()
                    .filter(folder -> folder != null && !folders.containsKey(folder)).toList();
        }
        // outside the lock: asking an unplugged network drive may take a while
        List<Path> back = vanished.stream().filter(Files::isDirectory).toList();
        synchronized (lock) {
            back.forEach(this::watchFolder);
        }
        back.forEach(folder -> filesIn(folder).forEach(f -> checkLater(f, 0)));
    }
}
