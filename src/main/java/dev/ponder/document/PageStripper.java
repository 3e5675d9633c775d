package dev.ponder.document;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.apache.pdfbox.contentstream.operator.OperatorProcessor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceRGBColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceRGBColor;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * PDFBox's text stripper, set up for Ponder and used one page at a time, keeping only the glyphs
 * whose baseline angle passes a filter and counting the angles it saw.
 *
 * <p>Sorting by position is chosen per reading ({@link PageTextReader} decides): without it PDFBox
 * 3.0.8 gives pages rotated with {@code /Rotate} and sideways tables one letter per line (corpus
 * case rotated-pages); with it, the lines of a two-column page run across both columns, so a word
 * hyphenated at the end of a left-column line is parted by the right column (corpus case
 * acm-sigconf-two-column: "Re- 1 INTRODUCTION" / "dundancy"). Paragraph ends become a blank line,
 * which {@link Sectioner} uses as a break point.
 *
 * <p>{@link #processPages} is overridden because {@code PDFTextStripper} walks the whole page tree
 * on every {@code getText} call, even with start and end page set: reading a 3,000-page file page
 * by page would visit 9 million pages. Here only the requested page is processed; the stripper's
 * page counter then stays 0, so the start page is set to 0 for its range check to pass (PDFBox
 * logs "Parameter must be 1-based" once per stripper for that, under
 * {@code org.apache.pdfbox.text.PDFTextStripper}).
 *
 * <p>Glyphs a reader cannot see ({@link GlyphVisibility}) are left out of the text unless the
 * stripper was made to keep them, and collected in {@link #hidden()}; for that the stripper also
 * runs the colour operators and tracks what the page painted ({@link Backdrop}), which a plain
 * {@code PDFTextStripper} ignores. It also counts the glyphs it was shown and those whose font
 * has no Unicode value for them ({@link #unmappedGlyphs()}), for {@link TextQuality}; a glyph whose
 * name says what it is ({@link GlyphNames}: {@code f_f_i}, {@code t_t}) counts as mapped and is
 * read as its letters.
 */
final class PageStripper extends PDFTextStripper {

    /** Baseline angles are grouped in buckets of this many degrees. */
    static final int ANGLE_BUCKET_DEGREES = 5;

    private final boolean keepHidden;
    private final Backdrop backdrop = new Backdrop(this);
    private PDPage target;
    private IntPredicate keepBucket = bucket -> true;
    private Matrix undo = new Matrix();
    private final Map<Integer, Integer> glyphsPerBucket = new TreeMap<>();
    private HiddenText hidden = new HiddenText();
    private int glyphs;
    private int unmappedGlyphs;

    /** @param keepHidden true to keep text a reader cannot see in the page text (it is still counted) */
    PageStripper(boolean keepHidden) {
        this.keepHidden = keepHidden;
        setLineSeparator("\n");
        setParagraphEnd("\n");
        setStartPage(0);
        for (OperatorProcessor op : new OperatorProcessor[] {
                new SetNonStrokingColor(this), new SetNonStrokingColorN(this), new SetNonStrokingColorSpace(this),
                new SetNonStrokingDeviceCMYKColor(this), new SetNonStrokingDeviceGrayColor(this),
                new SetNonStrokingDeviceRGBColor(this), new SetStrokingColor(this), new SetStrokingColorN(this),
                new SetStrokingColorSpace(this), new SetStrokingDeviceCMYKColor(this),
                new SetStrokingDeviceGrayColor(this), new SetStrokingDeviceRGBColor(this)}) {
            addOperator(op);
        }
        backdrop.operators().forEach(this::addOperator);
    }

    /**
     * The raw (not yet normalised) text of {@code page}, only glyphs whose angle bucket
     * {@code keepBucket} accepts, sorted by position or in the order the page's content draws them.
     *
     * @throws IOException when PDFBox cannot read the page's content
     */
    String textOf(PDDocument document, PDPage page, IntPredicate keepBucket, boolean sortByPosition) throws IOException {
        return textOf(document, page, keepBucket, new Matrix(), sortByPosition);
    }

    /**
     * Like {@link #textOf(PDDocument, PDPage, IntPredicate, boolean)} for a page whose content was
     * turned; {@code undo} maps the turned user space back to the page's own, for the off-page test.
     */
    String textOf(PDDocument document, PDPage page, IntPredicate keepBucket, Matrix undo, boolean sortByPosition)
            throws IOException {
        setSortByPosition(sortByPosition);
        this.target = page;
        this.keepBucket = keepBucket;
        this.undo = undo;
        glyphsPerBucket.clear();
        hidden = new HiddenText();
        glyphs = 0;
        unmappedGlyphs = 0;
        backdrop.reset();
        try {
            return getText(document);
        } finally {
            target = null;
        }
    }

    /** The text a reader cannot see that the last {@link #textOf} call met. */
    HiddenText hidden() {
        return hidden;
    }

    /** Glyphs the last {@link #textOf} call was shown, visible or not. */
    int glyphs() {
        return glyphs;
    }

    /** Of {@link #glyphs()}, those whose font maps them to no Unicode text. */
    int unmappedGlyphs() {
        return unmappedGlyphs;
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
    protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement)
            throws IOException {
        glyphs++;
        if (GlyphNames.unicode(font, code).isEmpty()) {
            unmappedGlyphs++;
        }
        super.showGlyph(textRenderingMatrix, font, code, displacement);
    }

    @Override
    protected void processTextPosition(TextPosition glyph) {
        // a ligature named f_f_i in a font without a Unicode map: its letters, not a control character
        TextPosition text = GlyphNames.named(glyph);
        Optional<HiddenText.Way> hiding = GlyphVisibility.hiding(text, getGraphicsState(),
                getCurrentPage().getCropBox(), backdrop, undo);
        if (hiding.isPresent()) {
            hidden.add(hiding.get(), text.getUnicode(), text.getXDirAdj(), text.getYDirAdj(), text.getWidthDirAdj(),
                    Math.abs(text.getTextMatrix().getScalingFactorY()));
            if (!keepHidden) {
                return;
            }
        }
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
