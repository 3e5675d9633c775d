package dev.ponder.llm;

/** Arithmetic on the vectors an {@link Embedder} makes. */
public final class Vectors {

    private Vectors() {
    }

    /**
     * Cosine similarity of two vectors, in [-1, 1]; 0 when either is all zeros. Vectors of
     * different length are compared over the shorter one.
     */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
