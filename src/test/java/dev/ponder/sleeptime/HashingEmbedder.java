package dev.ponder.sleeptime;

import dev.ponder.llm.Embedder;
import java.util.List;
import java.util.Locale;

/**
 * A fast stand-in for MiniLM where a test imports thousands of sections and never compares their
 * meaning: words hashed into 384 buckets, normalised. Texts sharing words still come out similar.
 */
final class HashingEmbedder implements Embedder {

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public float[] embed(String text) {
        float[] v = new float[384];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                v[Math.floorMod(w.hashCode(), 384)] += 1;
            }
        }
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
        }
        return v;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }
}
