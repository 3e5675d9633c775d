package dev.ponder.bench;

import java.util.List;

/**
 * One context of a benchmark dataset with the queries asked about it.
 *
 * @param id      the context's name in results (from the dataset's {@code id}, else {@code c1}, {@code c2}, …)
 * @param context the passage (or, for GSM-Symbolic style, the problem without its last sentence)
 * @param queries questions with their checked answers, at least one
 * @param numeric whether answers are numbers compared after {@code ####} (GSM style) rather than by
 *                normalised containment
 */
public record BenchItem(String id, String context, List<Query> queries, boolean numeric) {

    public BenchItem {
        queries = List.copyOf(queries);
    }

    /**
     * A question about the context.
     *
     * @param question what is asked at test time
     * @param answer   the checked answer: a number for GSM style, a short phrase for documents
     */
    public record Query(String question, String answer) {
    }
}
