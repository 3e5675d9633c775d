package dev.ponder.sleeptime;

import java.util.OptionalLong;

/**
 * How long the whole computer has gone without keyboard or mouse input, where the operating system
 * says so: X11's screen-saver extension, Windows {@code GetLastInputInfo}, macOS {@code HIDIdleTime}.
 * Where it does not (Wayland without XWayland, no display, library missing), there is
 * {@link #none()} and Ponder counts only input in its own window; see
 * {@code docs/decisions/0005-learned-context-and-idle-detection.md}.
 */
public interface SystemIdle extends AutoCloseable {

    /**
     * Milliseconds since the last input anywhere on this computer, or empty when the system cannot
     * tell right now. Cheap enough to call a few times a second.
     */
    OptionalLong idleMillis();

    /** What is asked, for the log and the doctor command, e.g. "X11 screen-saver extension". */
    String description();

    /** Releases native resources; {@link #idleMillis()} is empty afterwards. Idempotent. */
    @Override
    void close();

    /** No system-wide idle time: only Ponder's own window counts. */
    static SystemIdle none() {
        return None.INSTANCE;
    }

    /** The source that reports nothing. */
    enum None implements SystemIdle {
        INSTANCE;

        @Override
        public OptionalLong idleMillis() {
            return OptionalLong.empty();
        }

        @Override
        public String description() {
            return "none (input in Ponder's window only)";
        }

        @Override
        public void close() {
        }
    }
}
