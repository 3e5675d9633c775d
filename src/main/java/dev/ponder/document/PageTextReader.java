package dev.ponder.document;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.util.Matrix;

/**
 * Reads one page's text, including text set at an angle.
 *
 * <p>A level page (no {@code /Rotate}, every glyph on a level baseline) is read in the order its
 * content draws the text, which keeps columns apart as pdftotext does: sorted by position, PDFBox
 * runs each line across both columns of a two-column paper. A turned page, or one with text at
 * other angles, is read sorted by position, which puts text at 0/90/180/270 degrees in reading
 * order (corpus case rotated-pages).
 *
 * <p>Sorted by position, PDFBox cuts diagonal text into two-letter fragments (corpus case
 * rotated-pages, page 6: the access code at 45 degrees). So when a page has glyphs at other angles, the page is read again without
 * them, and then once per angle with the page turned back by that angle, keeping only the glyphs
 * that are now level; each angle's text follows the page's upright text. This is the "rotation
 * magic" of PDFBox's own ExtractText tool. Pages with only upright text are read once.
 *
 * <p>Turning the page back prepends a rotation to its content in memory; the page's content and
 * {@code /Rotate} are restored right after, and the document is never saved.
 */
final class PageTextReader {

    /** At most this many extra readings per page, for the angles with the most glyphs. */
    static final int MAX_ANGLES = 8;

    /**
     * What reading a page gave.
     *
     * @param text           raw (not yet normalised) text, without hidden text unless kept
     * @param hidden         the text a reader cannot see
     * @param glyphs         glyphs the page showed
     * @param unmappedGlyphs of those, glyphs whose font maps them to no Unicode text
     */
    record Reading(String text, HiddenText hidden, int glyphs, int unmappedGlyphs) {
    }

    private final PageStripper stripper;

    /** @param keepHidden true to keep text a reader cannot see in the page text */
    PageTextReader(boolean keepHidden) {
        stripper = new PageStripper(keepHidden);
    }

    /**
     * Reads {@code page}.
     *
     * @throws IOException when PDFBox cannot read the page's content
     */
    Reading read(PDDocument document, PDPage page) throws IOException {
        boolean turned = Math.floorMod(page.getRotation(), 360) != 0;
        String all = stripper.textOf(document, page, bucket -> true, turned);
        // the first reading sees every glyph once; later readings only re-order the turned ones
        HiddenText hidden = stripper.hidden();
        int glyphs = stripper.glyphs();
        int unmapped = stripper.unmappedGlyphs();
        Map<Integer, Integer> buckets = stripper.glyphsPerBucket();
        if (!turned && !needsSorting(buckets)) {
            return new Reading(all, hidden, glyphs, unmapped);
        }
        if (!turned) {
            all = stripper.textOf(document, page, bucket -> true, true);
        }
        List<Integer> angles = angledBuckets(buckets);
        if (angles.isEmpty()) {
            return new Reading(all, hidden, glyphs, unmapped);
        }
        Set<Integer> handled = Set.copyOf(angles);
        StringBuilder text = new StringBuilder(stripper.textOf(document, page, bucket -> !handled.contains(bucket), true));
        for (int angle : angles) {
            text.append("\n\n").append(turnedBack(document, page, angle));
        }
        return new Reading(text.toString(), hidden, glyphs, unmapped);
    }

    /**
     * Whether a page without {@code /Rotate} must be read sorted by position: some of its text runs
     * at another angle than level (a sideways table, a rotated label), which PDFBox gives one
     * letter per line in content order.
     */
    static boolean needsSorting(Map<Integer, Integer> glyphsPerBucket) {
        return glyphsPerBucket.keySet().stream().anyMatch(bucket -> bucket != 0);
    }

    /** Non-upright angle buckets, the {@value #MAX_ANGLES} most used, in ascending order. */
    static List<Integer> angledBuckets(Map<Integer, Integer> glyphsPerBucket) {
        List<Integer> angled = new ArrayList<>(glyphsPerBucket.keySet().stream()
                .filter(b -> !PageStripper.isUpright(b))
                .sorted(Comparator.comparing((Integer b) -> -glyphsPerBucket.get(b)).thenComparing(b -> b))
                .limit(MAX_ANGLES)
                .toList());
        angled.sort(null);
        return angled;
    }

    private String turnedBack(PDDocument document, PDPage page, int angle) throws IOException {
        COSBase contents = page.getCOSObject().getItem(COSName.CONTENTS);
        int rotation = page.getRotation();
        try {
            page.setRotation(0);
            try (PDPageContentStream turn = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.PREPEND, false)) {
                turn.transform(Matrix.getRotateInstance(Math.toRadians(-angle), 0, 0));
            }
            return stripper.textOf(document, page, bucket -> bucket == 0,
                    Matrix.getRotateInstance(Math.toRadians(angle), 0, 0), true);
        } finally {
            page.getCOSObject().setItem(COSName.CONTENTS, contents);
            page.setRotation(rotation);
        }
    }
}
