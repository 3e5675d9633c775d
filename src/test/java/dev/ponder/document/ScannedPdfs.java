package dev.ponder.document;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes scanned pages for the OCR tests: text drawn with Java2D into a grey image at
 * {@value #SCAN_DPI} dpi (a typical office scan), with a little noise, stored as a JPEG filling a
 * letter page, with no text layer. Variants: sideways (the sheet fed into the scanner turned 90°),
 * two columns, low contrast (grey text on grey paper).
 */
final class ScannedPdfs {

    static final int SCAN_DPI = 200;
    /** Facts on the plain scan. */
    static final List<String> MEMO = List.of("SERVICE MEMO",
            "The boiler room key is kept in locker 58 next to the stairs.",
            "Visitors sign in at reception desk B before nine o'clock.",
            "The spare projector has the serial number PX-7731.",
            "Questions go to Nadia Brooks on extension 2290.");
    static final List<String> SIDEWAYS = List.of("ROTATED NOTICE",
            "The emergency generator is tested every Monday at 07:15.",
            "Fuel deliveries arrive from Harbor Energy on Fridays.");
    static final String LEFT_COLUMN = "The orchard has 412 apple trees. They were planted by the founders in "
            + "rows running north to south, so that every tree gets the afternoon sun. Harvest begins in late "
            + "September and lasts about three weeks. Pickers are paid by the crate, and a good picker fills "
            + "twenty crates a day. The end of the left column.";
    static final String RIGHT_COLUMN = "The cider press holds 90 litres. It was bought second hand from a farm "
            + "near the river and repaired over one winter. Bottling happens in November, once the juice has "
            + "settled in the cellar. Labels are printed in Lyon by a small shop that also prints the menus. "
            + "The end of the right column.";
    static final List<String> FAINT = List.of("FAINT COPY",
            "The archive room stays locked after 18:00.",
            "Request the archive badge from Tomas Varga.");

    enum Layout { PLAIN, SIDEWAYS, TWO_COLUMNS, LOW_CONTRAST }

    private ScannedPdfs() {
    }

    /** A one-page scan of {@code lines} in {@code layout}. */
    static Path scan(Path file, Layout layout) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            addScan(doc, layout);
            doc.save(file.toFile());
        }
        return file;
    }

    /** Page 1 with a text layer saying {@code text}, page 2 a plain scan of {@link #MEMO}. */
    static Path textThenScan(Path file, String text) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText(text);
                cs.endText();
            }
            addScan(doc, Layout.PLAIN);
            doc.save(file.toFile());
        }
        return file;
    }

    /** {@code pages} plain scans of {@link #MEMO}, each with its page number in the first line. */
    static Path manyScans(Path file, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 1; i <= pages; i++) {
                List<String> lines = new java.util.ArrayList<>(MEMO);
                lines.set(0, "SERVICE MEMO " + i);
                addPage(doc, image(lines, List.of(), false));
            }
            doc.save(file.toFile());
        }
        return file;
    }

    /**
     * {@code pages} full pages of typed running text (about 30 lines of 11 pt each, under a heading
     * with the page number), as the scan of a report; no text layer.
     */
    static Path fullPages(Path file, int pages) throws IOException {
        String body = (LEFT_COLUMN + " " + RIGHT_COLUMN + " ").repeat(4).strip();
        try (PDDocument doc = new PDDocument()) {
            for (int i = 1; i <= pages; i++) {
                addPage(doc, typed("ORCHARD REPORT, PAGE " + i, List.of(body)));
            }
            doc.save(file.toFile());
        }
        return file;
    }

    static void addScan(PDDocument doc, Layout layout) throws IOException {
        BufferedImage image = switch (layout) {
            case PLAIN -> image(MEMO, List.of(), false);
            case SIDEWAYS -> turned(image(SIDEWAYS, List.of(), false));
            case TWO_COLUMNS -> columns(LEFT_COLUMN, RIGHT_COLUMN);
            case LOW_CONTRAST -> image(FAINT, List.of(), true);
        };
        addPage(doc, image);
    }

    private static void addPage(PDDocument doc, BufferedImage image) throws IOException {
        PDPage page = new PDPage(PDRectangle.LETTER);
        doc.addPage(page);
        PDImageXObject xobject = JPEGFactory.createFromImage(doc, image, 0.85f);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            cs.drawImage(xobject, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
        }
    }

    /** A letter page at {@value #SCAN_DPI} dpi: {@code left} from the left margin, {@code right} in a second column. */
    private static BufferedImage image(List<String> left, List<String> right, boolean faint) {
        int w = (int) (8.5 * SCAN_DPI);
        int h = 11 * SCAN_DPI;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(faint ? new Color(200, 200, 200) : Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(faint ? new Color(125, 125, 125) : new Color(20, 20, 20));
        int size = SCAN_DPI * 12 / 72;
        g.setFont(new Font(Font.SERIF, Font.PLAIN, size));
        int column = right.isEmpty() ? 0 : w / 2;
        draw(g, left, SCAN_DPI, SCAN_DPI, size);
        if (!right.isEmpty()) {
            draw(g, right, column + SCAN_DPI / 4, SCAN_DPI, size);
        }
        g.dispose();
        speckle(img, faint ? 40 : 25);
        return img;
    }

    /** Two columns of running text, each wrapped to its width, with a gutter of a third of an inch. */
    private static BufferedImage columns(String left, String right) {
        return typed("", List.of(left, right));
    }

    /**
     * A typed letter page at {@value #SCAN_DPI} dpi: {@code heading} (none when empty), then each of
     * {@code columns} as running text wrapped to its column, a third of an inch between columns.
     */
    private static BufferedImage typed(String heading, List<String> columns) {
        int w = (int) (8.5 * SCAN_DPI);
        int h = 11 * SCAN_DPI;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(20, 20, 20));
        int size = SCAN_DPI * 11 / 72;
        g.setFont(new Font(Font.SERIF, Font.PLAIN, size));
        int margin = SCAN_DPI;
        int gutter = SCAN_DPI / 3;
        int top = margin;
        if (!heading.isEmpty()) {
            draw(g, List.of(heading), margin, top, size * 3 / 4);
            top += size * 3;
        }
        int columnWidth = (w - 2 * margin - gutter * (columns.size() - 1)) / columns.size();
        for (int c = 0; c < columns.size(); c++) {
            draw(g, wrap(g, columns.get(c), columnWidth), margin + c * (columnWidth + gutter), top, size * 3 / 4);
        }
        g.dispose();
        speckle(img, 25);
        return img;
    }

    private static List<String> wrap(Graphics2D g, String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = line.length() == 0 ? word : line + " " + word;
            if (g.getFontMetrics().stringWidth(next) > width && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(next);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static void draw(Graphics2D g, List<String> lines, int x, int y, int size) {
        int lineY = y + size;
        for (String line : lines) {
            g.drawString(line, x, lineY);
            lineY += size * 2;
        }
    }

    /** Grey noise, as a scanner's sensor and the paper give, from a fixed seed. */
    private static void speckle(BufferedImage img, int amplitude) {
        Random random = new Random(16);
        var raster = img.getRaster();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int v = raster.getSample(x, y, 0) + random.nextInt(amplitude) - amplitude / 2;
                raster.setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
    }

    /** The page turned a quarter clockwise onto a landscape sheet, then back into a portrait image. */
    private static BufferedImage turned(BufferedImage upright) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage out = new BufferedImage(h, w, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.getRaster().setSample(h - 1 - y, x, 0, upright.getRaster().getSample(x, y, 0));
            }
        }
        // the scan is a portrait page again: the text now runs top to bottom
        BufferedImage portrait = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = portrait.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.drawImage(out.getScaledInstance(w, w * w / h, java.awt.Image.SCALE_SMOOTH), 0, (h - w * w / h) / 2, null);
        g.dispose();
        return portrait;
    }
}
