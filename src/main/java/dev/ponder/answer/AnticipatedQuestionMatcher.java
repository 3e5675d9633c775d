package dev.ponder.answer;

import dev.ponder.store.AnticipatedQuestion;
import java.util.List;
import java.util.Optional;

/**
 * Finds, among the questions sleep-time anticipated, the one nearest to what the person asked. The
 * caller decides whether to serve its prepared answer (threshold, names and numbers agreeing).
 */
interface AnticipatedQuestionMatcher {

    /**
     * @param question    what the person asked
     * @param vector      its embedding; compared only with anticipated questions embedded by the same model
     * @param anticipated the anticipated questions of the documents asked about
     * @return the nearest, with its query predictability; empty when there are none, or nothing to compare
     */
    Optional<PreparedAnswers.Match> nearest(String question, QuestionVector vector, List<AnticipatedQuestion> anticipated);
}
