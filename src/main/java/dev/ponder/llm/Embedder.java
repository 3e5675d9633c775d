package dev.ponder.llm;

import java.util.List;

/**
 * Turns text into unit-length vectors, in process (no network). Thread-safe.
 */
public interface Embedder {

    /** Vector length, e.g. 384 for all-MiniLM-L6-v2. */
    int dimension();

    /** @return a unit vector of {@link #dimension()} floats */
    float[] embed(String text);

    /** @return one unit vector per text, in order */
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
