package dev.ponder.document;

import java.util.ArrayList;
import java.util.List;

/** Splits one over-long line into pieces, at spaces when it has any, never inside a surrogate pair. */
final class LineSplitter {

    private LineSplitter() {
    }

    /**
     * @param line     a line without newlines
     * @param maxChars the longest piece, in chars (UTF-16 units), at least 2
     * @return the pieces, stripped, none longer than {@code maxChars}; {@code [line]} when it fits
     */
    static List<String> split(String line, int maxChars) {
        // walks the line with an index (no copies of the rest), so a line of megabytes splits in linear time
        List<String> pieces = new ArrayList<>();
        int start = skipSpaces(line, 0);
        while (line.length() - start > maxChars) {
            int cut = cutPoint(line, start, maxChars);
            String piece = line.substring(start, cut).strip();
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
            start = skipSpaces(line, cut);
        }
        String rest = line.substring(start).strip();
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Where to cut the window {@code [start, start + maxChars]}: at the last space in its second
     * half, so words stay whole; otherwise at its end, stepping back one char rather than halving
     * a surrogate pair.
     */
    private static int cutPoint(String text, int start, int maxChars) {
        for (int i = start + maxChars; i > start + maxChars / 2; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        int cut = start + maxChars;
        if (Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }
}
