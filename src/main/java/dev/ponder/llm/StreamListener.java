package dev.ponder.llm;

/**
 * Receives a streamed answer. Called on a background thread. After any number of
 * {@link #onToken} calls, exactly one of {@link #onComplete} or {@link #onError} is called, once,
 * unless the stream was cancelled through its {@link StreamHandle} (then neither is called).
 */
public interface StreamListener {
    void onToken(String token);

    void onComplete(Completion completion);

    void onError(LlmException error);
}
