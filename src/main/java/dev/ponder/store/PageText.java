package dev.ponder.store;

/**
 * The text of one page.
 *
 * @param pageNo  1-based page number
 * @param text    normalised text, possibly empty
 * @param hasText false when the page has no text layer (scanned) or its text was unusable
 */
public record PageText(int pageNo, String text, boolean hasText) {
}
