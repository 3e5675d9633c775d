package dev.ponder.document;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;

/**
 * PDFBox's text stripper, set up for Ponder and used one page at a time, keeping only the glyphs
 * whose baseline angle passes a filter and counting the angles it saw.
 *
 * <p>Sorting by position is on: without it PDFBox 3.0.8 gives pages rotated with {@code /Rotate}
 * and sideways tables one letter per line (corpus case rotated-pages). Paragraph ends become a
 * blank line, which {@link Sectioner} uses as a break point.
 *
 * <p>{@link #processPages} is overridden because {@code PDFTextStripper} walks the whole page tree
 * on every {@code getText} call, even with start and end page set: reading a 3,000-page file page
 * by page would visit 9 million pages. Here only the requested page is processed; the stripper's
 * page counter then stays 0, so the start page is set to 0 for its range check to pass (PDFBox
 * logs "Parameter must be 1-based" once per stripper for that, under
 * {@code org.apache.pdfbox.text.PDFTextStripper}).
 */
final class PageStripper extends PDFTextStripper {

    /** Baseline angles are grouped in buckets of this many degrees. */
    static final int ANGLE_BUCKET_DEGREES = 5;

    private PDPage target;
    private IntPredicate keepBucket = bucket -> true;
    private final Map<Integer, Integer> glyphsPerBucket = new TreeMap<>();

    PageStripper() {
        setSortByPosition(true);
        setLineSeparator("\n");
        setParagraphEnd("\n");
        setStartPage(0);
    }

    /**
     * The raw (not yet normalised) text of {@code page}, only glyphs whose angle bucket
     * {@code keepBucket} accepts.
     *
     * @throws IOException when PDFBox cannot read the page's content
     */
    String textOf(PDDocument document, PDPage page, IntPredicate keepBucket) throws IOException {
        this.target = page;
        this.keepBucket = keepBucket;
        glyphsPerBucket.clear();
        try {
            return getText(document);
        } finally {
            target = null;
        }
    }

    /** Glyph counts by angle bucket (degrees, 0..355) seen by the last {@link #textOf} call. */
    Map<Integer, Integer> glyphsPerBucket() {
        return Map.copyOf(glyphsPerBucket);
    }

    @Override
    protected void processPages(PDPageTree pages) throws IOException {
        if (target != null && target.hasContents()) {
            processPage(target);
        }
    }

    @Override
    protected void processTextPosition(TextPosition text) {
        int bucket = angleBucket(text.getTextMatrix());
        glyphsPerBucket.merge(bucket, 1, Integer::sum);
        if (keepBucket.test(bucket)) {
            super.processTextPosition(text);
        }
    }

    /** The direction of the glyph's baseline in user space, rounded to a bucket, 0..355 degrees. */
    static int angleBucket(Matrix textMatrix) {
        double degrees = Math.toDegrees(Math.atan2(textMatrix.getShearY(), textMatrix.getScaleX()));
        long bucket = Math.round(degrees / ANGLE_BUCKET_DEGREES) * ANGLE_BUCKET_DEGREES;
        return (int) Math.floorMod(bucket, 360L);
    }

    /** PDFBox orders text at 0, 90, 180 and 270 degrees itself; only other angles need help. */
    static boolean isUpright(int bucket) {
        return bucket % 90 == 0;
    }
}
