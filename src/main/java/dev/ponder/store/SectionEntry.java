package dev.ponder.store;

/**
 * A section of a document: consecutive text with the pages it spans, and its embedding.
 *
 * @param id         database key (0 before it is stored)
 * @param documentId owning document
 * @param ordinal    0-based position in the document
 * @param firstPage  1-based first page
 * @param lastPage   1-based last page (== firstPage when it sits on one page)
 * @param text       the section's text
 * @param textSha256 hex SHA-256 of {@code text}
 * @param embedding  unit vector (e.g. 384 floats)
 */
public record SectionEntry(
        long id,
        long documentId,
        int ordinal,
        int firstPage,
        int lastPage,
        String text,
        String textSha256,
        float[] embedding) {
}
