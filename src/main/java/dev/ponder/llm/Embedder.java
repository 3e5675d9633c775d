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
}
