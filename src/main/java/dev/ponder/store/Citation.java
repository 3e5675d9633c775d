package dev.ponder.store;

/**
 * A page an answer was built from.
 *
 * @param documentId the cited document
 * @param fileName   its name, for display
 * @param page       1-based page number
 * @param scanned    the page's text was read from its image by text recognition (OCR), so the
 *                   citation says so ("p. 3 · scanned")
 */
public record Citation(long documentId, String fileName, int page, boolean scanned) {

    /** A citation not yet checked against the stored page (see {@link ExchangeRepository#save}). */
    public Citation(long documentId, String fileName, int page) {
        this(documentId, fileName, page, false);
    }
}
