package dev.ponder.testing;

/**
 * What the {@link OllamaTestServer} decided to answer to one {@code /api/chat} request that
 * reached the model (i.e. was not refused with 404/400/500 before the body). The counts are what
 * the server reports as {@code prompt_eval_count} and {@code eval_count} on a complete answer,
 * by the rule of {@link TestTokens}.
 *
 * @param request         the request
 * @param answer          the full answer text (a faulty stream sends only a prefix of it)
 * @param promptEvalCount tokens in all message contents of the request
 * @param evalCount       tokens in {@code thinking} and {@code answer}
 * @param doneReason      {@code stop}, or {@code length} when {@code num_predict} cut the answer
 * @param thinking        what a thinking model wrote in its thinking field ({@code ""} for none)
 */
public record ChatReply(RecordedRequest request, String answer, int promptEvalCount, int evalCount, String doneReason,
                        String thinking) {

    /** A reply without thinking. */
    public ChatReply(RecordedRequest request, String answer, int promptEvalCount, int evalCount, String doneReason) {
        this(request, answer, promptEvalCount, evalCount, doneReason, "");
    }
}
