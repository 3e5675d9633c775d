package dev.ponder.llm;

/**
 * Ponder's view of a chat model. Implementations own their HTTP client and their deadlines:
 * a stream that stops producing lines for longer than its inactivity deadline fails with
 * {@link LlmException.Kind#STALLED}, because langchain4j-ollama 1.11 waits forever on some faults
 * (see {@code docs/ollama-protocol.md}).
 */
public interface LanguageModel {

    /** Name of the model requests go to, e.g. {@code llama3.2}. */
    String modelName();

    /** Context window sent as {@code num_ctx} with every request, in tokens. */
    int contextTokens();

    /**
     * Answers in one piece.
     *
     * @throws LlmException with a sentence for the user when the server cannot answer
     */
    Completion complete(Prompt prompt) throws LlmException;

    /**
     * Streams an answer to {@code listener}; returns at once.
     *
     * @return a handle that closes the HTTP stream
     */
    StreamHandle stream(Prompt prompt, StreamListener listener);
}
