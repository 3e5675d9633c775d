package dev.ponder.document.ocr;

/**
 * One word Tesseract recognised, with its box in the pixels of the image it read.
 *
 * @param text       the word, UTF-8 decoded, never blank
 * @param confidence Tesseract's confidence in it, 0–100
 * @param left       box, in image pixels from the top-left corner; {@code right} and {@code bottom} exclusive
 * @param block      0-based number of the text block (a column, a caption) on the page
 * @param paragraph  0-based number of the paragraph on the page
 * @param line       0-based number of the text line on the page
 */
public record OcrWord(String text, float confidence, int left, int top, int right, int bottom,
                      int block, int paragraph, int line) {
}
