package dev.ponder.document;

import java.awt.geom.Point2D;
import java.io.IOException;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;

/**
 * Tells whether a page draws an image (image XObjects and inline images, also inside forms).
 * Used only for pages without text, to tell a scanned page (an image, no text) from a blank one
 * (e.g. the empty last slide of a deck), which should not be reported as scanned.
 */
final class ImageProbe extends PDFGraphicsStreamEngine {

    private boolean sawImage;

    private ImageProbe(PDPage page) {
        super(page);
    }

    /**
     * @throws IOException when PDFBox cannot read the page's content
     */
    static boolean drawsImage(PDPage page) throws IOException {
        ImageProbe probe = new ImageProbe(page);
        probe.processPage(page);
        return probe.sawImage;
    }

    @Override
    public void drawImage(PDImage pdImage) {
        sawImage = true;
    }

    // paths, clips and shadings do not matter here

    @Override
    public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
    }

    @Override
    public void clip(int windingRule) {
    }

    @Override
    public void moveTo(float x, float y) {
    }

    @Override
    public void lineTo(float x, float y) {
    }

    @Override
    public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
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
    }

    @Override
    public void strokePath() {
    }

    @Override
    public void fillPath(int windingRule) {
    }

    @Override
    public void fillAndStrokePath(int windingRule) {
    }

    @Override
    public void shadingFill(COSName shadingName) {
    }
}
