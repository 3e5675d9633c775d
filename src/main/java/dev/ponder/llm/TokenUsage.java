package dev.ponder.llm;

/**
 * Tokens one model call cost, as the server measured them (Ollama's {@code prompt_eval_count} and
 * {@code eval_count}); never estimated. A count the server did not report is 0.
 *
 * @param promptTokens     tokens the model read
 * @param completionTokens tokens the model wrote (thinking included)
 */
public record TokenUsage(int promptTokens, int completionTokens) {
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public int total() {
        return promptTokens + completionTokens;
    }
}
