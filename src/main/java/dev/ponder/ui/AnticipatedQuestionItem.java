package dev.ponder.ui;

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
 */
public record AnticipatedQuestionItem(long id, long documentId, String fileName, String question,
                                      Optional<Integer> baselineTokens) {

    /**
     * What hovering the question tells: where it comes from and, when measured, what it would cost
     * without sleep-time ("Answering this without sleep-time: 1,234 tokens (measured)").
     */
    public String tooltip() {
        String cost = baselineTokens.map(t -> "Answering this without sleep-time: " + TokenCounts.exact(t)
                        + " tokens (measured). With sleep-time its answer is ready: 0 tokens.")
                .orElse("Answering this without sleep-time: not measured yet — Ponder measures it while you're away.");
        return "Anticipated from " + fileName + ". Click to ask it.\n" + cost;
    }
}
