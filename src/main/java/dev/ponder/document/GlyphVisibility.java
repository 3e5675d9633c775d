package dev.ponder.document;

import java.util.Optional;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.PDGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;

/**
 * Decides whether a reader can see one glyph, from the graphics state it is drawn with and what
 * the page painted under it. The rules, checked in this order:
 * <ol>
 * <li><b>invisible</b>: text render mode 3 or 7 (neither fill nor stroke), or a fill alpha of 0 —
 *     unless an image lies under it: that is the invisible text layer an OCR tool puts over a scan,
 *     which is the page's real text;</li>
 * <li><b>off the page</b>: the glyph's origin lies more than one glyph size outside the crop box
 *     (what viewers show; pdftotext clips to it too);</li>
 * <li><b>tiny</b>: glyph size in user space below {@value #MIN_VISIBLE_SIZE} pt (footnotes are
 *     6–8 pt);</li>
 * <li><b>white on white / background colour</b>: its colour (fill colour, or stroke colour for
 *     stroke-only text) is within {@value #SAME_COLOUR_TOLERANCE}/255 per channel of the colour
 *     painted last under it, the paper (white) when nothing was; never for text over an image.</li>
 * </ol>
 */
final class GlyphVisibility {

    /** Glyphs smaller than this many points (user-space units) are too small to read. */
    static final float MIN_VISIBLE_SIZE = 2.0f;
    /** Largest per-channel difference (0–255) for two colours to count as the same. */
    static final int SAME_COLOUR_TOLERANCE = 16;

    private GlyphVisibility() {
    }

    /**
     * How {@code glyph} is hidden, or empty when a reader can see it.
     *
     * @param state    the graphics state the glyph is drawn with
     * @param cropBox  the page's crop box, in user space
     * @param backdrop what the page painted before the glyph
     * @param undo     maps the user space the page is being read in back to the page's own (the
     *                 identity, unless the page was turned to read angled text)
     */
    static Optional<HiddenText.Way> hiding(TextPosition glyph, PDGraphicsState state, PDRectangle cropBox,
            Backdrop backdrop, Matrix undo) {
        Matrix m = glyph.getTextMatrix();
        // the stripper gives positions relative to the crop box's lower-left corner
        double x = m.getTranslateX() + cropBox.getLowerLeftX();
        double y = m.getTranslateY() + cropBox.getLowerLeftY();
        float size = Math.abs(m.getScalingFactorY());
        // a point a third of the way up the glyph: inside the letter's box even for a rotated page
        double probeX = x + m.getShearX() * 0.33;
        double probeY = y + m.getScaleY() * 0.33;
        RenderingMode mode = state.getTextState().getRenderingMode();
        boolean painted = mode.isFill() || mode.isStroke();
        boolean transparent = mode.isFill() && !mode.isStroke() && state.getNonStrokeAlphaConstant() == 0;
        if (!painted || transparent) {
            return backdrop.imageAt(probeX, probeY) ? Optional.empty() : Optional.of(HiddenText.Way.INVISIBLE);
        }
        if (offPage(x, y, size, cropBox, undo)) {
            return Optional.of(HiddenText.Way.OFF_PAGE);
        }
        if (size < MIN_VISIBLE_SIZE) {
            return Optional.of(HiddenText.Way.TINY);
        }
        int under = backdrop.colourAt(probeX, probeY);
        if (under == Backdrop.IMAGE) {
            return Optional.empty();
        }
        int ink = Backdrop.rgbOf(mode.isFill() ? state.getNonStrokingColor() : state.getStrokingColor());
        if (ink == Backdrop.IMAGE || !sameColour(ink, under)) {
            return Optional.empty();
        }
        return Optional.of(under == Backdrop.PAPER || sameColour(under, Backdrop.PAPER)
                ? HiddenText.Way.WHITE_ON_WHITE : HiddenText.Way.BACKGROUND_COLOUR);
    }

    static boolean offPage(double x, double y, float size, PDRectangle cropBox, Matrix undo) {
        java.awt.geom.Point2D.Float p = undo.transformPoint((float) x, (float) y);
        float margin = Math.max(size, 1f);
        return p.x < cropBox.getLowerLeftX() - margin || p.x > cropBox.getUpperRightX()
                || p.y < cropBox.getLowerLeftY() - margin || p.y > cropBox.getUpperRightY();
    }

    static boolean sameColour(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > SAME_COLOUR_TOLERANCE) {
                return false;
            }
        }
        return true;
    }
}
