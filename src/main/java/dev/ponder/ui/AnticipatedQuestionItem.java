package dev.ponder.ui;

import java.util.List;
import java.util.Optional;

/**
 * One anticipated question in the insights panel, clickable to ask it.
 *
 * @param id             the anticipated question's database key
 * @param documentId     the document it was anticipated for
 * @param fileName       that document's file name
 * @param question       the question as sleep-time wrote it
 * @param baselineTokens tokens (prompt + completion) answering it without sleep-time cost, as the
 *                       model server counted them; empty until measured in idle time
 * @param confirmed      whether the document confirms its prepared answer (else asking it goes to the model)
 * @param notFound       the numbers, dates and names of the prepared answer the document does not
 *                       contain (empty when confirmed)
 */
public record AnticipatedQuestionItem(long id, long documentId, String fileName, String question,
                                      Optional<Integer> baselineTokens, boolean confirmed, List<String> notFound) {

    public AnticipatedQuestionItem {
        notFound = List.copyOf(notFound);
    }

    /** What the link shows: the question, and when its prepared answer is not confirmed, that it is not. */
    public String label() {
        return "› " + question + (confirmed ? "" : " (not confirmed by the document)");
    }

    /**
     * What hovering the question tells: where it comes from and, when measured, what it would cost
     * without sleep-time ("Answering this without sleep-time: 1,234 tokens (measured)").
     */
    public String tooltip() {
        String cost = baselineTokens.map(t -> "Answering this without sleep-time: " + TokenCounts.exact(t)
                        + " tokens (measured). With sleep-time its answer is ready: 0 tokens.")
                .orElse("Answering this without sleep-time: not measured yet — Ponder measures it while you're away.");
        String check = confirmed ? "" : "Its prepared answer is not confirmed by the document"
                + (notFound.isEmpty() ? "" : " (" + String.join(", ", notFound) + " not found on its pages)")
                + ", so the model answers it when you ask.\n";
        return "Anticipated from " + fileName + ". Click to ask it.\n" + check + cost;
    }
}
