package dev.ponder.document;

import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text lines of one page with where each sits in the image {@link org.apache.pdfbox.rendering.PDFRenderer}
 * draws of it, found with PDFBox's text stripper, in content order or sorted by position as
 * {@link PageTextReader} chose at import (sorted when the page is turned or has text at other
 * angles), so lines read as they did when the page's text was stored and a line of a two-column
 * page stays in its column.
 *
 * <p>Each glyph's box is taken in glyph space (its advance wide, from {@value #DESCENT_EM} to
 * {@value #ASCENT_EM} em high) and mapped to image pixels through the same steps the renderer
 * takes: the text rendering matrix (already relative to the crop box), the flip to a top-left
 * origin, the page's {@code /Rotate} and the scale. So a page turned by {@code /Rotate} is marked
 * where its text is drawn. The same mapping is used by PDFBox's debugger ({@code DebugTextOverlay}).
 */
final class PageLines extends PDFTextStripper {

    /** Glyph box below the baseline, in em. */
    static final double DESCENT_EM = -0.22;
    /** Glyph box above the baseline, in em. */
    static final double ASCENT_EM = 0.80;

    /** A line of text and its box in image pixels. */
    record Line(String text, Rectangle2D box) {
    }

    private PDPage target;
    private AffineTransform toImage;
    private final List<Line> lines = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private Rectangle2D box;

    private boolean angled;

    PageLines() {
        setLineSeparator("\n");
        setParagraphEnd("\n");
        // see PageStripper: only the target page is processed, so the page counter stays 0
        setStartPage(0);
    }

    /**
     * The lines of {@code page}, top to bottom as PDFBox orders them, with boxes in the pixels of
     * an image drawn at {@code scale} pixels per point.
     *
     * @throws IOException when PDFBox cannot read the page's content
     */
    List<Line> linesOf(PDDocument document, PDPage page, double scale) throws IOException {
        boolean turned = Math.floorMod(page.getRotation(), 360) != 0;
        List<Line> found = linesOf(document, page, scale, turned);
        return turned || !angled ? found : linesOf(document, page, scale, true);
    }

    private List<Line> linesOf(PDDocument document, PDPage page, double scale, boolean sortByPosition)
            throws IOException {
        setSortByPosition(sortByPosition);
        target = page;
        toImage = pageToImage(page, scale);
        lines.clear();
        text.setLength(0);
        box = null;
        angled = false;
        try {
            writeText(document, new StringWriter());
            endLine();
            return List.copyOf(lines);
        } finally {
            target = null;
        }
    }

    /**
     * From the crop-box-relative, bottom-up user space the stripper reports in, to image pixels:
     * scale, then the page's rotation (as {@code PDFRenderer} applies it), then the y flip.
     */
    static AffineTransform pageToImage(PDPage page, double scale) {
        PDRectangle crop = page.getCropBox();
        AffineTransform t = AffineTransform.getScaleInstance(scale, scale);
        int rotation = Math.floorMod(page.getRotation(), 360);
        switch (rotation) {
            case 90 -> t.translate(crop.getHeight(), 0);
            case 180 -> t.translate(crop.getWidth(), crop.getHeight());
            case 270 -> t.translate(0, crop.getWidth());
            default -> { }
        }
        t.rotate(Math.toRadians(rotation));
        t.translate(0, crop.getHeight());
        t.scale(1, -1);
        return t;
    }

    @Override
    protected void processPages(PDPageTree pages) throws IOException {
        if (target != null && target.hasContents()) {
            processPage(target);
        }
    }

    @Override
    protected void processTextPosition(TextPosition text) {
        angled |= PageStripper.angleBucket(text.getTextMatrix()) != 0;
        // the same letters as the import read (ligatures named f_f_i in fonts without a Unicode map)
        super.processTextPosition(GlyphNames.named(text));
    }

    @Override
    protected void writeString(String string, List<TextPosition> positions) throws IOException {
        text.append(string);
        for (TextPosition p : positions) {
            Rectangle2D glyph = glyphBox(p);
            if (glyph != null) {
                box = box == null ? glyph : box.createUnion(glyph);
            }
        }
    }

    private Rectangle2D glyphBox(TextPosition p) {
        AffineTransform glyphToImage = new AffineTransform(toImage);
        AffineTransform rendering = p.getTextMatrix().createAffineTransform();
        glyphToImage.concatenate(rendering);
        double scaleX = p.getTextMatrix().getScalingFactorX();
        if (scaleX == 0) {
            return null;
        }
        double advanceEm = p.getWidthDirAdj() / scaleX;
        Rectangle2D em = new Rectangle2D.Double(0, DESCENT_EM, Math.max(advanceEm, 0), ASCENT_EM - DESCENT_EM);
        return glyphToImage.createTransformedShape(em).getBounds2D();
    }

    @Override
    protected void writeWordSeparator() throws IOException {
        text.append(' ');
        super.writeWordSeparator();
    }

    @Override
    protected void writeLineSeparator() throws IOException {
        endLine();
        super.writeLineSeparator();
    }

    @Override
    protected void writeParagraphEnd() throws IOException {
        endLine();
        super.writeParagraphEnd();
    }

    @Override
    protected void writePageEnd() throws IOException {
        endLine();
        super.writePageEnd();
    }

    private void endLine() {
        if (box != null && !text.toString().isBlank()) {
            lines.add(new Line(TextNormaliser.normalise(text.toString()).strip(), box));
        }
        text.setLength(0);
        box = null;
    }
}
