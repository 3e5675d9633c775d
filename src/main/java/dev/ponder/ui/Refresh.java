package dev.ponder.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read that the UI repeats when something changes, coalesced: requests that arrive while a read
 * runs lead to one more read after it, whose result is the one shown, so a burst of changes (every
 * sleep-time status in a busy minute) costs at most two reads and the UI never shows an outdated
 * result after a newer request. Use on the UI thread only.
 *
 * @param <T> what the read returns
 */
final class Refresh<T> {

    private static final Logger log = LoggerFactory.getLogger(Refresh.class);

    private final UiExecutor ui;
    private final Callable<T> read;
    private final Consumer<? super T> apply;
    private boolean running;
    private boolean again;

    /**
     * @param read  runs on a background thread (reads the database)
     * @param apply gets the result on the UI thread
     */
    Refresh(UiExecutor ui, Callable<T> read, Consumer<? super T> apply) {
        this.ui = ui;
        this.read = read;
        this.apply = apply;
    }

    /** Reads now, or once more after the read that is running. */
    void request() {
        if (running) {
            again = true;
            return;
        }
        running = true;
        again = false;
        ui.run(read, result -> {
            running = false;
            if (again) {
                request();
            } else {
                apply.accept(result);
            }
        }, e -> {
            running = false;
            log.warn("The insights panel could not read what it shows", e);
            if (again) {
                request();
            }
        });
    }
}
