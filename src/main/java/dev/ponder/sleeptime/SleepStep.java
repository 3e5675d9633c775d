package dev.ponder.sleeptime;

/**
 * A step of sleep-time compute S(c) → c′ for one document, as the status line sees it. Each step
 * is one job, keyed by document and step, stored in {@code sleep_steps}; the steps and their order
 * are {@link SleepPipeline}'s, each one class (see {@code Step}).
 */
public interface SleepStep {

    /** The name stored in the database, e.g. {@code section-notes}. */
    String key();

    /** What the step does, in words for the status line, e.g. "writing the learned context". */
    String activity();

    /**
     * How far the step got, in words: "section 3 of 7", "writing the learned context (part 2 of 5)".
     *
     * @param done  units done (sections, parts, generations)
     * @param total units in all; 0 when not known yet
     */
    String progress(int done, int total);
}
