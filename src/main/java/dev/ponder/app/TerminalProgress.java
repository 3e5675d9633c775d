package dev.ponder.app;

import dev.ponder.document.LibraryListener;
import dev.ponder.store.DocumentEntry;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows import progress on one line of the terminal (stderr), so a 3,000-page file is not minutes
 * of silence. Writes nothing when stderr is not a terminal, so scripts and {@code --json} output
 * stay clean.
 */
final class TerminalProgress implements LibraryListener, AutoCloseable {

    /** Redraw at most this often, in ms. */
    private static final long REDRAW_MS = 200;

    private final PrintWriter err;
    private final boolean enabled;
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private long lastDrawn;
    private int lastWidth;

    /** @param interactive whether stderr is a terminal ({@code System.console() != null}) */
    TerminalProgress(PrintWriter err, boolean interactive) {
        this.err = err;
        this.enabled = interactive;
    }

    @Override
    public void documentChanged(DocumentEntry document) {
        names.put(document.id(), document.fileName());
    }

    @Override
    public synchronized void importProgress(long documentId, String stage, double fraction) {
        long now = System.currentTimeMillis();
        if (!enabled || now - lastDrawn < REDRAW_MS) {
            return;
        }
        lastDrawn = now;
        // one measure a line: the stage's own count ("Reading page 12 of 300"), not also a percentage
        // of the whole import, which measures something else
        String line = names.getOrDefault(documentId, "document") + ": " + stage;
        err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        err.flush();
        lastWidth = line.length();
    }

    /** Clears the progress line before the status lines are printed. */
    @Override
    public synchronized void close() {
        if (enabled && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
