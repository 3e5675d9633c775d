package dev.ponder.app;

import java.awt.Desktop;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files the operating system asks a running Ponder to open: on macOS, Finder's double-click and
 * "Open With" send an open-documents Apple event, not program arguments, and AWT hands it to
 * {@link Desktop#setOpenFileHandler}. On a cold start the event may come before the window exists;
 * such files wait here until {@link #attach} names where files go (the window, by the same path as
 * program arguments and a second launch's hand-over). Thread-safe.
 * <p>
 * Registered before JavaFX starts: AWT must be the first toolkit on macOS for its application
 * delegate to receive the event (JavaFX 21 does not pass open-file events on to AWT; see
 * docs/decisions/0013-open-with-on-macos.md).
 */
final class OpenFileRequests {

    private static final Logger log = LoggerFactory.getLogger(OpenFileRequests.class);

    private final List<Path> waiting = new ArrayList<>();
    private Consumer<List<Path>> target;

    /**
     * On macOS, where AWT supports {@link Desktop.Action#APP_OPEN_FILE}, registers a handler that
     * passes Finder's files to {@link #openFiles}; elsewhere registers nothing (Linux and Windows
     * give the files as program arguments) and AWT is not touched. Call early, before JavaFX starts.
     */
    static OpenFileRequests registerWithTheDesktop() {
        OpenFileRequests requests = new OpenFileRequests();
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac")) {
            return requests;
        }
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_FILE)) {
                Desktop.getDesktop().setOpenFileHandler(event -> requests.openFiles(event.getFiles()));
                log.info("Listening for files opened from the Finder");
            }
        } catch (RuntimeException e) { // HeadlessException, UnsupportedOperationException, SecurityException
            log.warn("Files opened from the Finder cannot reach Ponder; File ▸ Open and drag-and-drop still work", e);
        }
        return requests;
    }

    /**
     * What the open-file handler calls: passes {@code files} (made absolute) to the target, or keeps
     * them until {@link #attach} when there is none yet. {@code null} or empty does nothing.
     */
    void openFiles(List<File> files) {
        if (files == null || files.isEmpty()) {
            return;
        }
        List<Path> paths = files.stream().map(f -> f.toPath().toAbsolutePath().normalize()).toList();
        Consumer<List<Path>> to;
        synchronized (this) {
            if (target == null) {
                waiting.addAll(paths);
                return;
            }
            to = target;
        }
        to.accept(paths);
    }

    /** Sends the files that came before to {@code to}, and every later one as it comes. */
    void attach(Consumer<List<Path>> to) {
        List<Path> early;
        synchronized (this) {
            target = to;
            early = List.copyOf(waiting);
            waiting.clear();
        }
        if (!early.isEmpty()) {
            to.accept(early);
        }
    }
}
