package dev.ponder.document;

import dev.ponder.store.DocumentEntry;
import java.util.List;

/**
 * One page of a stored document as the page viewer shows it: either the page drawn from the
 * imported file, or, when the file cannot be drawn, the text Ponder stored for the page with the
 * reason in one sentence. Either way the lines that best support an answer are marked.
 */
public sealed interface PageView permits PageView.Rendered, PageView.StoredText {

    /** The document, as stored; its {@code pages()} is the page count. */
    DocumentEntry document();

    /** The page shown, 1-based. */
    int page();

    /**
     * The page drawn by PDFBox's renderer, upright as a reader sees it (its {@code /Rotate} applied).
     *
     * @param widthPx  image width in pixels
     * @param heightPx image height in pixels
     * @param argb     the pixels, row by row from the top left, {@code widthPx * heightPx} of them,
     *                 each 0xAARRGGBB (opaque)
     * @param widthPt  the page's visible width in points (1/72 inch), as displayed
     * @param heightPt the page's visible height in points, as displayed
     * @param marks    boxes around the lines that support the answer, in image pixels; empty when
     *                 no line shares a distinctive word with it
     * @param scanned  the page's text was read from this image by text recognition (OCR); the marks
     *                 are where it found the lines' words
     */
    record Rendered(DocumentEntry document, int page, int widthPx, int heightPx, int[] argb,
                    double widthPt, double heightPt, List<Box> marks, boolean scanned) implements PageView {

        public Rendered {
            if (argb.length != widthPx * heightPx) {
                throw new IllegalArgumentException("argb holds " + argb.length + " pixels, not " + widthPx + "×" + heightPx);
            }
            marks = List.copyOf(marks);
        }

        /** A page with a text layer. */
        public Rendered(DocumentEntry document, int page, int widthPx, int heightPx, int[] argb,
                        double widthPt, double heightPt, List<Box> marks) {
            this(document, page, widthPx, heightPx, argb, widthPt, heightPt, marks, false);
        }

        /** Pixels per point: the scale the page was drawn at (1 = 72 dpi). */
        public double pixelsPerPoint() {
            return widthPx / widthPt;
        }
    }

    /**
     * The page's text as Ponder stored it at import, shown instead of the drawn page.
     *
     * @param text   the stored text, lines separated by {@code \n}; empty when the page had none
     * @param marks  character ranges of the lines that support the answer, in page order
     * @param reason why the page is not drawn, one sentence for the user
     * @param fileUsable true when the file at the document's path is the imported one (encrypted,
     *               or PDFBox could not draw it), so another program may still open it
     */
    record StoredText(DocumentEntry document, int page, String text, List<Span> marks, String reason,
                      boolean fileUsable) implements PageView {

        public StoredText {
            marks = List.copyOf(marks);
        }
    }

    /** An axis-aligned box in image pixels, from the image's top-left corner. */
    record Box(double x, double y, double width, double height) {

        /** True when this box and {@code other} share some area. */
        public boolean intersects(Box other) {
            return x < other.x + other.width && other.x < x + width
                    && y < other.y + other.height && other.y < y + height;
        }
    }

    /** Characters {@code start} (inclusive) to {@code end} (exclusive) of a text. */
    record Span(int start, int end) {
    }
}
