package dev.ponder.bench;

/** Told as the benchmark moves on, e.g. to draw a progress bar. */
@FunctionalInterface
public interface BenchProgress {

    /**
     * @param what  the condition running now, e.g. {@code sleep-time k=3}
     * @param done  answers finished so far over all conditions
     * @param total answers the whole run will make
     */
    void progress(String what, int done, int total);
}
