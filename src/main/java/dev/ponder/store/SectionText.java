package dev.ponder.store;

/**
 * A section's text without its embedding: what sleep-time compute reads.
 *
 * @param ordinal    0-based position in the document
 * @param firstPage  1-based first page
 * @param lastPage   1-based last page
 * @param text       the section's text
 * @param textSha256 hex SHA-256 of {@code text}
 */
public record SectionText(int ordinal, int firstPage, int lastPage, String text, String textSha256) {
}
