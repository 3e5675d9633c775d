package dev.ponder.answer;

import dev.ponder.llm.Vectors;
import dev.ponder.store.AnticipatedQuestion;
import java.util.Collection;
import java.util.Optional;

/**
 * Prepared-answer matching: the anticipated question nearest to what the user asked. Its cosine
 * similarity is the question's <em>query predictability</em> (Lin et al. 2025, §5.4 score
 * predictability by the log-probability of the question under a large model; Ponder uses the
 * similarity to what sleep-time anticipated, which it can compute on the spot — DESIGN.md,
 * "Vocabulary").
 */
final class PreparedAnswers {

    private PreparedAnswers() {
    }

    /**
     * @param question       the nearest anticipated question
     * @param predictability cosine similarity of the two questions' embeddings, −1..1
     */
    record Match(AnticipatedQuestion question, double predictability) {
    }

    /**
     * @param questionEmbedding unit vector of the user's question (MiniLM, as the anticipated questions')
     * @param anticipated       anticipated questions of the documents asked about
     * @return the nearest, empty when there are none
     */
    static Optional<Match> nearest(float[] questionEmbedding, Collection<AnticipatedQuestion> anticipated) {
        Match best = null;
        for (AnticipatedQuestion q : anticipated) {
            if (q.embedding().length != questionEmbedding.length) {
                continue;  // embedded by another model: not comparable
            }
            double similarity = Vectors.cosine(questionEmbedding, q.embedding());
            if (best == null || similarity > best.predictability()) {
                best = new Match(q, similarity);
            }
        }
        return Optional.ofNullable(best);
    }
}
