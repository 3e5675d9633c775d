package dev.ponder.llm;

import java.util.List;

/**
 * Turns text into unit-length vectors: the in-process MiniLM ({@link MiniLmEmbedder}, no network),
 * or an embedding model of the model server ({@link ServerEmbedder}). Thread-safe. Vectors of
 * different models ({@link #modelId()}) are never compared.
 */
public interface Embedder {

    /**
     * The model's id as vectors are labelled with it: {@value MiniLmEmbedder#MODEL_ID} for the built-in
     * model (also the default, for stand-ins of it in tests), {@code ollama:NAME} or {@code openai:NAME}
     * for a model of the server.
     */
    default String modelId() {
        return MiniLmEmbedder.MODEL_ID;
    }

    /** Vector length, e.g. 384 for all-MiniLM-L6-v2. */
    int dimension();

    /**
     * @return a unit vector of {@link #dimension()} floats
     * @throws EmbeddingException when a model server could not embed it (the message says why, and what to do)
     */
    float[] embed(String text);

    /**
     * @return one unit vector per text, in order
     * @throws EmbeddingException when a model server could not embed them
     */
    List<float[]> embedAll(List<String> texts);

    /**
     * Whether the model's vectors mean something for text in {@code language} (ISO 639-1; empty =
     * not known, taken as readable). Retrieval compares vectors only where the model reads both the
     * question's and the document's language; elsewhere the words alone rank.
     */
    default boolean reads(java.util.Optional<String> language) {
        return true;
    }
}
