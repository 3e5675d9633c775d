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

    /**
     * The questions of {@code generations}, then those of {@code earlier} that ask something none of
     * them asks, {@code max} at most. An earlier question keeps its generation; one without an
     * embedding (made by another embedding model, or not read with one) is embedded again.
     */
    List<Kept> merge(List<List<Proposed>> generations, List<Kept> earlier, int max) {
        List<Kept> kept = new ArrayList<>(merge(generations));
        List<Kept> missing = earlier.stream().filter(k -> k.embedding().length == 0).toList();
        List<float[]> vectors = embedder.embedAll(missing.stream().map(k -> k.proposed().question()).toList());
        Set<String> wordings = new HashSet<>();
        kept.forEach(k -> wordings.add(wording(k.proposed())));
        int next = 0;
        for (Kept e : earlier) {
            if (kept.size() >= max) {
                break;
            }
            Kept k = e.embedding().length > 0 ? e : new Kept(e.proposed(), vectors.get(next++), e.generation());
            if (wordings.add(wording(k.proposed())) && !duplicate(kept, k.embedding())) {
                kept.add(k);
            }
        }
        return kept;
    }

    private static String wording(Proposed p) {
        return p.question().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static boolean duplicate(List<Kept> kept, float[] v) {
        return kept.stream().anyMatch(k -> Vectors.cosine(k.embedding(), v) >= DUPLICATE_SIMILARITY);
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
            if (!wordings.add(wording(order.get(i)))) {
                continue;
            }
            float[] v = vectors.get(i);
            if (!duplicate(kept, v)) {
                kept.add(new Kept(order.get(i), v, origin.get(i)));
            }
        }
        return kept;
    }
}
