package dev.ponder.sleeptime;

import dev.ponder.llm.Vectors;
import dev.ponder.llm.Embedder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Merges the k generations of anticipated questions into one set: taken in turn from each
 * generation (so every generation contributes its best first), a question is dropped when an
 * earlier kept one asks the same, by wording or by embedding similarity.
 */
final class QuestionMerger {

    /**
     * Cosine similarity of all-MiniLM-L6-v2 embeddings at or above which two questions ask the same
     * thing ("How long is the warranty?" / "What is the warranty period?" score about 0.9).
     */
    static final double DUPLICATE_SIMILARITY = 0.88;

    /** A question proposed by one generation. */
    record Proposed(String question, String answer, List<Integer> pages) {
    }

    /** A kept question with its embedding and the generation (1-based) it came from. */
    record Kept(Proposed proposed, float[] embedding, int generation) {
    }

    private final Embedder embedder;

    QuestionMerger(Embedder embedder) {
        this.embedder = embedder;
    }

    List<Kept> merge(List<List<Proposed>> generations) {
        List<Proposed> order = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        int longest = generations.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (int g = 0; g < generations.size(); g++) {
                if (i < generations.get(g).size()) {
                    order.add(generations.get(g).get(i));
                    origin.add(g + 1);
                }
            }
        }
        List<float[]> vectors = embedder.embedAll(order.stream().map(Proposed::question).toList());
        List<Kept> kept = new ArrayList<>();
        Set<String> wordings = new HashSet<>();
        for (int i = 0; i < order.size(); i++) {
            String wording = order.get(i).question().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
            if (!wordings.add(wording)) {
                continue;
            }
            float[] v = vectors.get(i);
            if (kept.stream().noneMatch(k -> Vectors.cosine(k.embedding(), v) >= DUPLICATE_SIMILARITY)) {
                kept.add(new Kept(order.get(i), v, origin.get(i)));
            }
        }
        return kept;
    }
}
