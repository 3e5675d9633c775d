package dev.ponder.sleeptime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether the person is away, so sleep-time compute may use the model. The UI reports every key,
 * mouse and scroll event in Ponder's windows with {@link #touch()}, and the window's focus and
 * minimised state; where the operating system reports system-wide idle time (see
 * {@link SystemIdle}), input anywhere on the computer counts as well.
 *
 * <p>Idle time (ms) = max(<em>away</em>, <em>input idle</em>), where <em>away</em> is how long
 * Ponder's window has been minimised or unfocused (0 while it is focused and shown), and
 * <em>input idle</em> is the time since the last input in Ponder, or, where the system tells,
 * since the last input anywhere if that was later. So a person typing in another program counts
 * as present until Ponder has been in the background for the threshold, and a person who walked
 * away counts as away. Why: docs/decisions/0005-learned-context-and-idle-detection.md.
 *
 * <p>Thread-safe; {@link #touch()} is cheap enough for every mouse move.
 */
public final class UserActivity {

    private final MonotonicClock clock;
    private final SystemIdle systemIdle;
    private final List<Runnable> returnListeners = new CopyOnWriteArrayList<>();
    private volatile long lastInputMillis;
    private volatile boolean inputSeen;
    /** When the window was minimised or lost focus; -1 while it is focused and shown. */
    private volatile long awaySinceMillis = -1;
    private boolean focused = true;
    private boolean minimised;

    /**
     * @param clock      the clock idle time is measured with
     * @param systemIdle the system-wide source, or {@link SystemIdle#none()}
     */
    public UserActivity(MonotonicClock clock, SystemIdle systemIdle) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.systemIdle = Objects.requireNonNull(systemIdle, "systemIdle");
        this.lastInputMillis = clock.millis();
    }

    /**
     * A key, mouse or scroll event in one of Ponder's windows. While the window is focused and
     * shown this means the person is here: listeners hear it at once (on the calling thread), so
     * a sleep-time request in flight can be cancelled. Events an unfocused window still gets
     * (the pointer passing over it) only reset the input time.
     */
    public void touch() {
        inputSeen = true;
        input();
    }

    /** Input time now; the window coming back counts, but is no key, mouse or scroll event of the person's. */
    private void input() {
        lastInputMillis = clock.millis();
        if (awaySinceMillis < 0) {
            returned();
        }
    }

    /** The window gained ({@code true}) or lost focus. Gaining it counts as input. */
    public void windowFocused(boolean isFocused) {
        boolean back;
        synchronized (this) {
            focused = isFocused;
            back = updateAway();
        }
        if (back) {
            input();
        }
    }

    /** The window was minimised ({@code true}) or shown again. Showing it counts as input. */
    public void windowMinimised(boolean isMinimised) {
        boolean back;
        synchronized (this) {
            minimised = isMinimised;
            back = updateAway();
        }
        if (back) {
            input();
        }
    }

    /** @return whether the window just came back */
    private boolean updateAway() {
        boolean away = !focused || minimised;
        if (away && awaySinceMillis < 0) {
            awaySinceMillis = clock.millis();
            return false;
        }
        if (!away && awaySinceMillis >= 0) {
            awaySinceMillis = -1;
            return true;
        }
        return false;
    }

    /**
     * Whether a key, mouse or scroll event was reported ({@link #touch()}) since this object was
     * made: right after launch nobody has been active yet, though the idle time is still short.
     */
    public boolean inputSeen() {
        return inputSeen;
    }

    /** How long the person has been away, in ms, by the rule in the class comment. */
    public long idleMillis() {
        long now = clock.millis();
        long inputIdle = Math.max(0, now - lastInputMillis);
        OptionalLong system = systemIdle.idleMillis();
        if (system.isPresent()) {
            inputIdle = Math.min(inputIdle, system.getAsLong());
        }
        long since = awaySinceMillis;
        long away = since < 0 ? 0 : Math.max(0, now - since);
        return Math.max(away, inputIdle);
    }

    /** Whether the person has been away for at least {@code threshold}. */
    public boolean idleFor(Duration threshold) {
        return idleMillis() >= threshold.toMillis();
    }

    /** What system-wide idle time comes from, e.g. "X11 screen-saver extension". */
    public String systemIdleSource() {
        return systemIdle.description();
    }

    /**
     * Runs {@code listener} whenever the person is back: input in the focused window, or the window
     * focused or shown again. Called on the thread that reported the input (the UI thread): it must
     * return at once.
     */
    public void addReturnListener(Runnable listener) {
        returnListeners.add(listener);
    }

    public void removeReturnListener(Runnable listener) {
        returnListeners.remove(listener);
    }

    private void returned() {
        for (Runnable l : returnListeners) {
            l.run();
        }
    }
}
