package dev.ponder.answer;

import dev.ponder.store.Exchange;

/**
 * Follows one answer. Called on a background thread, in order: any number of {@link #onText}, then
 * {@link #onFinished} exactly once, also when the answer failed or was stopped.
 */
public interface AnswerListener {

    /** The next piece of the answer, with source labels already turned into page references. */
    void onText(String text);

    /**
     * The stored exchange: {@link Exchange.Status#ANSWERED}, {@link Exchange.Status#STOPPED} (with
     * what had streamed) or {@link Exchange.Status#FAILED} (with the sentence to show in
     * {@link Exchange#error()}).
     */
    void onFinished(Exchange exchange);

    /**
     * The answer could not be stored (a full disk, a read-only library): called just before
     * {@link #onFinished}, whose exchange then has id 0 and is not in the library. Nothing may
     * present the answer as saved.
     *
     * @param sentence why, for the user ("Ponder could not save the answer: the disk holding your
     *                 library is full (12 KB free).")
     */
    default void onNotSaved(String sentence) {
    }

    /**
     * How long each step took from the question to the first token (to the end, when no token
     * came): called just before {@link #onFinished}. {@code bench perf} attributes the time to
     * first token with it.
     *
     * @param steps in order; each step's time in ns
     */
    default void onSteps(java.util.List<AnswerSteps.Step> steps) {
    }
}
