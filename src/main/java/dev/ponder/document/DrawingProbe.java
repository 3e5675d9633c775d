package dev.ponder.document;

import java.awt.geom.Point2D;
import java.io.IOException;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;

/**
 * What a page without text draws: images (image XObjects and inline images, also inside forms)
 * and filled shapes. Used only for pages without text, to tell a scanned page (an image, no
 * text) and a page whose letters were turned into outlines (many small filled curved shapes) from
 * a blank one (e.g. the empty last slide of a deck), which should not be reported at all.
 */
final class DrawingProbe extends PDFGraphicsStreamEngine {

    /**
     * A page with no text, no image, at least this many filled shapes and {@value #MIN_CURVES}
     * curve segments looks like text drawn as outlines: a line of 60 letters is about 60 filled
     * shapes and 200–400 curves, while a chart or a logo has few filled shapes.
     */
    static final int MIN_FILLED_SHAPES = 40;
    static final int MIN_CURVES = 150;

    /**
     * What the page draws.
     *
     * @param image        true when it draws an image
     * @param filledShapes subpaths that were filled
     * @param curves       Bézier curve segments drawn
     */
    record Drawing(boolean image, int filledShapes, int curves) {
        /** Many small filled curved shapes and no image: letters turned into outlines. */
        boolean looksLikeOutlinedText() {
            return !image && filledShapes >= MIN_FILLED_SHAPES && curves >= MIN_CURVES;
        }
    }

    private boolean sawImage;
    private int subpaths;
    private int filledShapes;
    private int curves;

    private DrawingProbe(PDPage page) {
        super(page);
    }

    /**
     * @throws IOException when PDFBox cannot read the page's content
     */
    static Drawing of(PDPage page) throws IOException {
        DrawingProbe probe = new DrawingProbe(page);
        probe.processPage(page);
        return new Drawing(probe.sawImage, probe.filledShapes, probe.curves);
    }

    @Override
    public void drawImage(PDImage pdImage) {
        sawImage = true;
    }

    @Override
    public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
        subpaths++;
    }

    @Override
    public void clip(int windingRule) {
    }

    @Override
    public void moveTo(float x, float y) {
        subpaths++;
    }

    @Override
    public void lineTo(float x, float y) {
    }

    @Override
    public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
        curves++;
    }

    @Override
    public Point2D getCurrentPoint() {
        return new Point2D.Float();
    }

    @Override
    public void closePath() {
    }

    @Override
    public void endPath() {
        subpaths = 0;
    }

    @Override
    public void strokePath() {
        subpaths = 0;
    }

    @Override
    public void fillPath(int windingRule) {
        filledShapes += subpaths;
        subpaths = 0;
    }

    @Override
    public void fillAndStrokePath(int windingRule) {
        fillPath(windingRule);
    }

    @Override
    public void shadingFill(COSName shadingName) {
    }
}
