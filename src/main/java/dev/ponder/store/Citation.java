package dev.ponder.store;

/**
 * A page an answer was built from.
 *
 * @param documentId the cited document
 * @param fileName   its name, for display
 * @param page       1-based page number
 */
public record Citation(long documentId, String fileName, int page) {
}
