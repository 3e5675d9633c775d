package dev.ponder.llm;

import java.time.Duration;

/**
 * The words for the faults of one kind of model server: turns whatever langchain4j, the JDK HTTP
 * client or {@link ModelHttpClient} threw into an {@link LlmException} with a {@link LlmException.Kind}
 * and one sentence that says what happened and what to do. {@link OllamaFailures} speaks of Ollama,
 * {@link OpenAiFailures} of an OpenAI-compatible server.
 */
interface ModelFailures {

    /** The model the requests are for; {@code null} for server-level calls. */
    String model();

    /** Maps any failure of a call; an {@link LlmException} in the cause chain is returned as is. */
    LlmException map(Throwable failure);

    /**
     * A stream that sent nothing for {@code waited}.
     *
     * @param started whether any data had arrived before (mid-answer) or not (still loading)
     */
    LlmException stalled(Duration waited, boolean started);
}
