package dev.ponder.sleeptime;

/**
 * Time for idle detection and retry delays: milliseconds that never go backwards. Tests pass a
 * clock they advance by hand, so "20 seconds idle" takes no 20 seconds.
 */
@FunctionalInterface
public interface MonotonicClock {

    /** Milliseconds since an arbitrary origin; never decreases. */
    long millis();

    /** {@link System#nanoTime()} in milliseconds. */
    static MonotonicClock system() {
        return () -> System.nanoTime() / 1_000_000;
    }
}
