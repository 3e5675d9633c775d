package dev.ponder.answer;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which documents a question is about, and so whose prepared answer may answer it (issue 19,
 * docs/decisions/0015). A prepared answer was written from one document alone; served for a
 * question another document also answers, it would speak for both — and one of them may be planted
 * to contradict the other.
 */
final class QuestionScope {

    private QuestionScope() {
    }

    /**
     * A question touches the documents of its best sections: the best one's, and those among the
     * next best (up to {@link PromptBuilder#LEARNED_CONTEXT_SECTIONS} in all) that the words or the
     * meaning ranked first ({@link Retriever.Scored#leads()}). Ranks, not scores: fused by
     * reciprocal rank, the first three sections score within a few percent of one another.
     *
     * @param ranked retrieval over the documents asked about, most relevant first
     * @return the ids of the documents the question touches; empty when nothing was retrieved
     */
    static Set<Long> touched(List<Retriever.Scored> ranked) {
        if (ranked.isEmpty()) {
            return Set.of();
        }
        Retriever.Scored best = ranked.get(0);
        return ranked.stream().limit(PromptBuilder.LEARNED_CONTEXT_SECTIONS)
                .filter(r -> r == best || r.leads())
                .map(r -> r.section().documentId()).collect(Collectors.toSet());
    }

    /**
     * Whether a prepared answer of {@code documentId} may answer the question: it was asked about
     * that document alone, or retrieval over everything asked about ranks that document's sections
     * first and touches no other document.
     *
     * @param asked  the documents asked about (the whole library when the person chose none)
     * @param ranked retrieval over {@code asked}; may be null when {@code asked} is that document alone
     */
    static boolean isAbout(long documentId, List<Long> asked, List<Retriever.Scored> ranked) {
        if (asked.equals(List.of(documentId))) {
            return true;
        }
        return ranked != null && touched(ranked).equals(Set.of(documentId));
    }
}
