package dev.ponder.sleeptime;

import dev.ponder.llm.CancelSignal;

/**
 * Work for idle time once every document's sleep-time steps are done — measuring the baseline cost
 * of questions (the {@code answer} package). It runs under the same rules as sleep-time steps: only
 * while the person is away and no answer is being made, and the person's return, a question, a
 * pause or closing cancel it at once.
 */
public interface IdleWork {

    /** Whether there is something to do now. Called often while the person is away: keep it cheap. */
    boolean due();

    /**
     * Does one piece of the work, returning when it is done, failed (say so in the log, and do not
     * offer the same piece again at once) or was cancelled.
     *
     * @param cancel fires when the work must stop; close any model stream then
     *               ({@link dev.ponder.llm.LanguageModel#streamAndWait} does)
     */
    void runOne(CancelSignal cancel);
}
