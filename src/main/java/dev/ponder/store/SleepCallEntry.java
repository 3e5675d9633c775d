package dev.ponder.store;

/**
 * One sleep-time model call, for the accounting of {@code sleep_calls}.
 *
 * @param documentId       the document it was for
 * @param step             the step, e.g. {@code section-notes}
 * @param model            the model it went to
 * @param outcome          how it ended
 * @param promptTokens     Ollama's {@code prompt_eval_count}; 0 when the call did not finish
 * @param completionTokens Ollama's {@code eval_count} (thinking included); 0 when it did not finish
 * @param durationMs       wall time of the call, ms
 */
public record SleepCallEntry(long documentId, String step, String model, Outcome outcome, int promptTokens,
                             int completionTokens, long durationMs) {

    /** How a call ended. */
    public enum Outcome {
        /** The answer arrived complete, with its token counts, and was what was asked for. */
        OK,
        /** The answer arrived complete but was not the JSON asked for: a second try followed, or the step failed. */
        INVALID,
        /** The answer budget cut the answer off ({@code done_reason} {@code length}): a second try followed. */
        CUT_OFF,
        /** Ponder closed the stream because the user came back or a question arrived. */
        CANCELLED,
        /** The server or the connection failed. */
        FAILED
    }
}
