package dev.ponder.document;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorProcessor;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * What a page has painted so far, so that text can be compared with what lies under it: white
 * text on a white page is hidden, white text on a dark box is not, and invisible text over a
 * scanned image is an OCR text layer, not a trick.
 *
 * <p>Tracks, in user space (the current transformation applied), the bounding box of every
 * filled path with its fill colour, and the area of every image. A text stripper does not run
 * PDFBox's graphics operators, so this class brings its own small ones for path building and
 * painting ({@link #operators}). Bounding boxes over-approximate curved shapes; that errs toward
 * "something is painted here", i.e. toward keeping text. At most {@value #MAX_AREAS} areas are
 * kept per page (the newest), which bounds memory and time on pages with many shapes.
 */
final class Backdrop {

    /** The colour under a point that was never painted over: paper, white. */
    static final int PAPER = 0xFFFFFF;
    /** What lies under text that sits on an image or a shading: colours unknown. */
    static final int IMAGE = -1;
    static final int MAX_AREAS = 4000;

    private record Area(Rectangle2D box, int rgb) {
    }

    private final PDFStreamEngine engine;
    private final List<Area> areas = new ArrayList<>();
    private Rectangle2D path;

    Backdrop(PDFStreamEngine engine) {
        this.engine = engine;
    }

    /** Forgets the page painted so far; call before each page. */
    void reset() {
        areas.clear();
        path = null;
    }

    /**
     * The colour painted last under user-space point ({@code x}, {@code y}) as 0xRRGGBB,
     * {@link #PAPER} when nothing was, {@link #IMAGE} when it is an image or a shading.
     */
    int colourAt(double x, double y) {
        for (int i = areas.size() - 1; i >= 0; i--) {
            if (areas.get(i).box().contains(x, y)) {
                return areas.get(i).rgb();
            }
        }
        return PAPER;
    }

    /** True when an image (or shading) lies under user-space point ({@code x}, {@code y}). */
    boolean imageAt(double x, double y) {
        for (Area a : areas) {
            if (a.rgb() == IMAGE && a.box().contains(x, y)) {
                return true;
            }
        }
        return false;
    }

    /** The operators to register on the text stripper: path building, painting, images. */
    List<OperatorProcessor> operators() {
        List<OperatorProcessor> ops = new ArrayList<>();
        ops.add(op("m", args -> addPoints(args, 2)));
        ops.add(op("l", args -> addPoints(args, 2)));
        ops.add(op("c", args -> addPoints(args, 6)));
        ops.add(op("v", args -> addPoints(args, 4)));
        ops.add(op("y", args -> addPoints(args, 4)));
        ops.add(op("h", args -> { }));
        ops.add(op("re", this::addRectangle));
        for (String fill : List.of("f", "F", "f*", "B", "B*", "b", "b*")) {
            ops.add(op(fill, args -> fill()));
        }
        for (String discard : List.of("S", "s", "n")) {
            ops.add(op(discard, args -> path = null));
        }
        ops.add(op("sh", args -> paint(new Rectangle2D.Double(-1e6, -1e6, 2e6, 2e6), IMAGE)));
        ops.add(op("BI", args -> paintUnitSquare()));
        ops.add(new ImageAwareDrawObject());
        return ops;
    }

    private void addPoints(List<COSBase> args, int numbers) {
        for (int i = 0; i + 1 < Math.min(numbers, args.size()); i += 2) {
            if (args.get(i) instanceof COSNumber x && args.get(i + 1) instanceof COSNumber y) {
                include(x.floatValue(), y.floatValue());
            }
        }
    }

    private void addRectangle(List<COSBase> args) {
        if (args.size() < 4 || !(args.get(0) instanceof COSNumber x) || !(args.get(1) instanceof COSNumber y)
                || !(args.get(2) instanceof COSNumber w) || !(args.get(3) instanceof COSNumber h)) {
            return;
        }
        include(x.floatValue(), y.floatValue());
        include(x.floatValue() + w.floatValue(), y.floatValue());
        include(x.floatValue(), y.floatValue() + h.floatValue());
        include(x.floatValue() + w.floatValue(), y.floatValue() + h.floatValue());
    }

    private void include(float x, float y) {
        Point2D.Float p = engine.getGraphicsState().getCurrentTransformationMatrix().transformPoint(x, y);
        if (path == null) {
            path = new Rectangle2D.Double(p.x, p.y, 0, 0);
        } else {
            path.add(p.x, p.y);
        }
    }

    private void fill() {
        if (path != null && engine.getGraphicsState().getNonStrokeAlphaConstant() > 0) {
            paint(path, rgbOf(engine.getGraphicsState().getNonStrokingColor()));
        }
        path = null;
    }

    private void paintUnitSquare() {
        Matrix ctm = engine.getGraphicsState().getCurrentTransformationMatrix();
        Rectangle2D box = null;
        for (float[] corner : new float[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
            Point2D.Float p = ctm.transformPoint(corner[0], corner[1]);
            if (box == null) {
                box = new Rectangle2D.Double(p.x, p.y, 0, 0);
            } else {
                box.add(p.x, p.y);
            }
        }
        paint(box, IMAGE);
    }

    private void paint(Rectangle2D box, int rgb) {
        if (areas.size() >= MAX_AREAS) {
            areas.remove(0);
        }
        areas.add(new Area(box, rgb));
    }

    /** 0xRRGGBB of {@code colour}, or {@link #IMAGE} when it has none (a pattern) or cannot be converted. */
    static int rgbOf(PDColor colour) {
        if (colour == null || colour.isPattern()) {
            return IMAGE;
        }
        try {
            return colour.toRGB() & 0xFFFFFF;
        } catch (IOException | RuntimeException e) {
            // unusual colour spaces (e.g. a broken ICC profile) say nothing about visibility
            return IMAGE;
        }
    }

    @FunctionalInterface
    private interface Action {
        void run(List<COSBase> args);
    }

    private OperatorProcessor op(String name, Action action) {
        return new OperatorProcessor(engine) {
            @Override
            public void process(Operator operator, List<COSBase> operands) {
                action.run(operands);
            }

            @Override
            public String getName() {
                return name;
            }
        };
    }

    /** PDFBox's {@code Do} (which runs forms) that also notes where images are drawn. */
    private final class ImageAwareDrawObject extends DrawObject {
        ImageAwareDrawObject() {
            super(engine);
        }

        @Override
        public void process(Operator operator, List<COSBase> operands) throws IOException {
            if (!operands.isEmpty() && operands.get(0) instanceof COSName name && engine.getResources() != null) {
                PDXObject xobject = engine.getResources().getXObject(name);
                if (xobject instanceof PDImageXObject) {
                    paintUnitSquare();
                    return;
                }
            }
            super.process(operator, operands);
        }
    }
}
