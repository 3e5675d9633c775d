package dev.ponder.document.ocr;

import java.util.List;

/**
 * What Tesseract read on one page image.
 *
 * @param widthPx  width of the image read, in pixels
 * @param heightPx its height, in pixels
 * @param words    the words in reading order (block, paragraph, line, then left to right)
 */
public record RecognisedPage(int widthPx, int heightPx, List<OcrWord> words) {

    public RecognisedPage {
        words = List.copyOf(words);
    }

    /** The page's text: a line per line, a blank line between paragraphs, words parted by spaces. */
    public String text() {
        StringBuilder out = new StringBuilder();
        OcrWord previous = null;
        for (OcrWord w : words) {
            if (previous != null) {
                if (w.paragraph() != previous.paragraph() || w.block() != previous.block()) {
                    out.append("\n\n");
                } else if (w.line() != previous.line()) {
                    out.append('\n');
                } else {
                    out.append(' ');
                }
            }
            out.append(w.text());
            previous = w;
        }
        return out.toString();
    }
}
