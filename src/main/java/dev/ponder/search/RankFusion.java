package dev.ponder.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, "Reciprocal Rank Fusion outperforms
 * Condorcet and individual Rank Learning Methods", SIGIR 2009): an item's fused score is the sum,
 * over the rankings that hold it, of 1 / ({@value #K} + its 1-based rank there). Only ranks count,
 * so a BM25 score and a cosine similarity need no common scale.
 */
public final class RankFusion {

    /** The constant k of Cormack et al.; 60 is their value, used by most hybrid search engines since. */
    public static final int K = 60;

    private RankFusion() {
    }

    /** One fused item with its score, in (0, rankings / (K + 1)]. */
    public record Fused<T>(T item, double score) {
    }

    /**
     * @param rankings each a list of distinct items, best first
     * @return every item of any ranking, by fused score, best first; ties keep the order of first appearance
     */
    public static <T> List<Fused<T>> fuse(List<List<T>> rankings) {
        Map<T, Double> scores = new LinkedHashMap<>();
        for (List<T> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                scores.merge(ranking.get(i), 1.0 / (K + i + 1), Double::sum);
            }
        }
        List<Fused<T>> out = new ArrayList<>(scores.size());
        scores.forEach((item, score) -> out.add(new Fused<>(item, score)));
        out.sort(Comparator.comparingDouble((Fused<T> f) -> f.score()).reversed());
        return out;
    }
}
