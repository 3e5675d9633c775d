package dev.ponder.store;

import java.util.List;
import java.util.Objects;

/**
 * A question sleep-time compute expects the user to ask, with its prepared answer.
 *
 * @param id               database key (0 before it is stored)
 * @param documentId       the document
 * @param learnedContextId the c′ version it was anticipated from (0 before it is stored)
 * @param ordinal          0-based position in its set
 * @param question         the anticipated question
 * @param answer           the prepared answer, served at question time with 0 test-time tokens when grounded
 * @param pages            cited pages, 1-based
 * @param embedding        unit vector of {@code question}
 * @param generation       which of the k parallel generations it came from (1-based)
 * @param promptTokens     its share of the prompt tokens of the k generations (Ollama's counts)
 * @param completionTokens its share of their completion tokens
 * @param grounding        whether the prepared answer was found in the document
 * @param ungroundedTerms  the numbers, dates and names of the answer the check did not find (empty when grounded)
 */
public record AnticipatedQuestion(long id, long documentId, long learnedContextId, int ordinal, String question,
                                  String answer, List<Integer> pages, float[] embedding, int generation,
                                  int promptTokens, int completionTokens, Grounding grounding,
                                  List<String> ungroundedTerms) {

    /** The outcome of checking a prepared answer against the document. */
    public enum Grounding {
        /** Every number, date and capitalised name of the answer is on its cited pages or in c′'s notes. */
        GROUNDED,
        /** Some are not: the answer is not served as prepared. */
        UNGROUNDED,
        /** Stored before answers were checked: not served as prepared either. */
        UNCHECKED
    }

    public AnticipatedQuestion {
        pages = List.copyOf(pages);
        Objects.requireNonNull(grounding, "grounding");
        ungroundedTerms = List.copyOf(ungroundedTerms);
    }

    /**
     * A question whose prepared answer its caller found in the document (grounded): for callers
     * that made and checked the answer themselves.
     */
    public AnticipatedQuestion(long id, long documentId, long learnedContextId, int ordinal, String question,
                               String answer, List<Integer> pages, float[] embedding, int generation,
                               int promptTokens, int completionTokens) {
        this(id, documentId, learnedContextId, ordinal, question, answer, pages, embedding, generation, promptTokens,
                completionTokens, Grounding.GROUNDED, List.of());
    }

    /** Whether the prepared answer may be served with 0 tokens: the document confirms it. */
    public boolean confirmed() {
        return grounding == Grounding.GROUNDED;
    }
}
