package dev.ponder.store;

import java.time.Instant;

/**
 * One version of a document's learned context c′.
 *
 * @param id             database key
 * @param documentId     the document
 * @param version        1, 2, … per document
 * @param inputKey       hex hash of what it was made from (section hashes, model, prompt versions,
 *                       budget); it is current while the document's key is the same
 * @param model          the sleep-time model that made it
 * @param promptVersion  the versions of the prompts that made it, e.g. {@code notes-v1+context-v1}
 * @param structureJson  the structure: summary, key facts, derived inferences, timeline, lists
 * @param rendered       the text a test-time prompt quotes
 * @param renderedTokens estimated tokens of {@code rendered}, at most {@code budgetTokens}
 * @param budgetTokens   the token budget it was made for
 * @param createdAt      when it was stored
 * @param coverage       how many sections' notes it was made from ({@link NotesCoverage#COMPLETE}: all)
 */
public record LearnedContextEntry(long id, long documentId, int version, String inputKey, String model,
                                  String promptVersion, String structureJson, String rendered, int renderedTokens,
                                  int budgetTokens, Instant createdAt,
                                  NotesCoverage coverage) {
}
