package dev.ponder.llm;

/**
 * The model server Ponder talks to (Ollama). Resolves which model to use and its context length,
 * and hands out a {@link LanguageModel} for it.
 */
public interface ModelServer extends AutoCloseable {

    /** Looks at the server now (a few quick HTTP calls). Never throws: problems are in the status. */
    ServerStatus check();

    /**
     * The chat model for answering, with {@code num_ctx} set from the last successful check.
     *
     * @throws LlmException when the server is unreachable or has no usable model (the message says
     *                      which, with the fix)
     */
    LanguageModel chatModel() throws LlmException;

    @Override
    void close();
}
