package dev.ponder.store;

import java.util.List;

/**
 * A question sleep-time compute expects the user to ask, with its prepared answer.
 *
 * @param id               database key (0 before it is stored)
 * @param documentId       the document
 * @param learnedContextId the c′ version it was anticipated from (0 before it is stored)
 * @param ordinal          0-based position in its set
 * @param question         the anticipated question
 * @param answer           the prepared answer, served at question time with 0 test-time tokens
 * @param pages            cited pages, 1-based
 * @param embedding        unit vector of {@code question}
 * @param generation       which of the k parallel generations it came from (1-based)
 * @param promptTokens     its share of the prompt tokens of the k generations (Ollama's counts)
 * @param completionTokens its share of their completion tokens
 */
public record AnticipatedQuestion(long id, long documentId, long learnedContextId, int ordinal, String question,
                                  String answer, List<Integer> pages, float[] embedding, int generation,
                                  int promptTokens, int completionTokens) {
    public AnticipatedQuestion {
        pages = List.copyOf(pages);
    }
}
