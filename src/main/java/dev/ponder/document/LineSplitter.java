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
        List<String> pieces = new ArrayList<>();
        String rest = line;
        while (rest.length() > maxChars) {
            int cut = cutPoint(rest, maxChars);
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }

    /**
     * Where to cut: after the last space in the second half of the window, so words stay whole;
     * otherwise at the window's end, stepping back one char rather than halving a surrogate pair.
     */
    private static int cutPoint(String text, int maxChars) {
        for (int i = maxChars; i > maxChars / 2; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        int cut = maxChars;
        if (Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }
}
