package dev.ponder.llm;

/**
 * The model server Ponder talks to (Ollama, or an OpenAI-compatible server). Resolves which model to use and its context length,
 * and hands out a {@link LanguageModel} for it.
 */
public interface ModelServer extends AutoCloseable {

    /** What the person calls this server in the status line and the first-run card: "Ollama". */
    default String displayName() {
        return "Ollama";
    }

    /**
     * The {@link #displayName()} of the server {@code settings} name, known before the server is made
     * (the window shows it while the library opens).
     */
    static String displayName(dev.ponder.settings.Settings settings) {
        return settings.usesOpenAi() ? OpenAiModelServer.DISPLAY_NAME : "Ollama";
    }

    /** Looks at the server now (a few quick HTTP calls). Never throws: problems are in the status. */
    ServerStatus check();

    /**
     * The chat model for answering, with {@code num_ctx} set from the last successful check.
     *
     * @throws LlmException when the server is unreachable or has no usable model (the message says
     *                      which, with the fix)
     */
    LanguageModel chatModel() throws LlmException;

    /**
     * The model for sleep-time compute, with its own {@code num_ctx}: the one named by
     * {@link dev.ponder.settings.Settings#sleepModel()}, or the {@link #chatModel()} when none is
     * named. Sleep-time latency does not matter, so a larger or a thinking model may be chosen.
     *
     * @throws LlmException when the server is unreachable or lacks that model (the message says which)
     */
    default LanguageModel sleepModel() throws LlmException {
        return chatModel();
    }

    @Override
    void close();
}
