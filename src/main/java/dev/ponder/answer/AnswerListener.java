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
}
