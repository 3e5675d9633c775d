package dev.ponder.testing;

import java.util.Locale;

/**
 * The vectors the test servers' embedding endpoints return: each word hashed into one of
 * {@code dimensions} buckets, normalised to unit length. Deterministic, and texts sharing words come
 * out similar; they stand in for a model's embeddings and mean nothing more.
 */
public final class TestVectors {

    /** Length of the vectors the test servers return, as nomic-embed-text's. */
    public static final int DIMENSIONS = 768;

    private TestVectors() {
    }

    public static float[] of(String text, int dimensions) {
        float[] v = new float[dimensions];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                v[Math.floorMod(w.hashCode() * 31 + 7, dimensions)] += 1;
            }
        }
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
