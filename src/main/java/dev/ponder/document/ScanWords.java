package dev.ponder.document;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words text recognition (OCR) read on a scanned page, with where each sits: the page's
 * stored text is made from them, and the page viewer marks the cited lines on the scan with their
 * boxes. Boxes are fractions (0–1) of the page as displayed, its {@code /Rotate} applied, from the
 * top-left corner: the same frame as the image {@link PageRenderer} draws, at any size.
 *
 * <p>Stored with the page ({@code pages.scan_words}) as {@link #encode() text}: a word a line,
 * {@code x y width height paragraph line confidence}, a tab, then the word.
 *
 * @param words in reading order
 */
public record ScanWords(List<Word> words) {

    /**
     * One word.
     *
     * @param x          left edge, fraction of the page width
     * @param y          top edge, fraction of the page height
     * @param paragraph  0-based paragraph number on the page
     * @param line       0-based line number on the page
     * @param confidence Tesseract's confidence, 0–100
     */
    public record Word(String text, double x, double y, double width, double height, int paragraph, int line,
                       float confidence) {
    }

    /** A line of words and the box around them, in fractions of the page. */
    record Line(String text, Rectangle2D box) {
    }

    public ScanWords {
        words = List.copyOf(words);
    }

    /** The page's text: a line per line, a blank line between paragraphs. */
    public String text() {
        StringBuilder out = new StringBuilder();
        Word previous = null;
        for (Word w : words) {
            if (previous != null) {
                out.append(w.paragraph() != previous.paragraph() ? "\n\n" : w.line() != previous.line() ? "\n" : " ");
            }
            out.append(w.text());
            previous = w;
        }
        return out.toString();
    }

    /** The lines, in reading order, each with the box around its words. */
    List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Rectangle2D box = null;
        Word previous = null;
        for (Word w : words) {
            if (previous != null && (w.line() != previous.line() || w.paragraph() != previous.paragraph())) {
                lines.add(new Line(text.toString(), box));
                text.setLength(0);
                box = null;
            }
            Rectangle2D wordBox = new Rectangle2D.Double(w.x(), w.y(), w.width(), w.height());
            box = box == null ? wordBox : box.createUnion(wordBox);
            text.append(text.length() == 0 ? "" : " ").append(w.text());
            previous = w;
        }
        if (box != null) {
            lines.add(new Line(text.toString(), box));
        }
        return lines;
    }

    /** The words as stored (see the class comment). */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Word w : words) {
            out.append(String.format(Locale.ROOT, "%.5f %.5f %.5f %.5f %d %d %.1f\t", w.x(), w.y(), w.width(),
                    w.height(), w.paragraph(), w.line(), w.confidence()));
            out.append(w.text().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        return out.toString();
    }

    /** Words stored by {@link #encode()}; lines that do not parse are skipped. */
    public static ScanWords decode(String stored) {
        List<Word> words = new ArrayList<>();
        for (String line : stored.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String[] f = line.substring(0, tab).split(" ");
            try {
                words.add(new Word(line.substring(tab + 1), Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), Double.parseDouble(f[3]), Integer.parseInt(f[4]),
                        Integer.parseInt(f[5]), Float.parseFloat(f[6])));
            } catch (RuntimeException e) {
                // a damaged line costs its word's mark, not the page
            }
        }
        return new ScanWords(words);
    }
}
