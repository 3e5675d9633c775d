package dev.ponder.store;

/**
 * The text of one page.
 *
 * @param pageNo  1-based page number
 * @param text    normalised text, possibly empty
 * @param hasText false when the page has no text layer (scanned) or its text was unusable
 * @param scanned true when the text was read from the page's image by text recognition (OCR):
 *                citations say so ("p. 3 · scanned")
 */
public record PageText(int pageNo, String text, boolean hasText, boolean scanned) {

    /** A page whose text came from its text layer. */
    public PageText(int pageNo, String text, boolean hasText) {
        this(pageNo, text, hasText, false);
    }
}
