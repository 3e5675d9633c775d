package dev.ponder.document;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Makes extracted page text searchable without changing what it says.
 *
 * <p>Only the Latin ligatures U+FB00–U+FB06 (ff, fi, fl, ffi, ffl, long s + t, st) are expanded,
 * explicitly; then the text is put in NFC, which composes base letters with combining accents
 * ("e" + U+0301 → "é", as PDFBox gives for the French LaTeX manual) so "être" matches.
 * NFKC is deliberately <em>not</em> applied to everything: it would also rewrite full-width CJK
 * punctuation and letters, superscripts ("m²" → "m2"), fractions ("½" → "1/2"), circled numbers
 * and Arabic presentation forms, changing meaning and the text the user cites. PDFBox already
 * maps Arabic and Hebrew presentation forms itself ({@code PDFTextStripper.normalizeWord}).
 *
 * <p>Also: line ends become {@code \n}, control characters other than tab and newline are dropped
 * (they carry no text and upset tokenisers), trailing spaces on lines are removed and
 * runs of blank lines become one.
 */
final class TextNormaliser {

    private static final Pattern TRAILING_SPACES = Pattern.compile("[ \\t]+$", Pattern.MULTILINE);
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

    private TextNormaliser() {
    }

    static String normalise(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            String ligature = ligature(c);
            if (ligature != null) {
                out.append(ligature);
            } else if (c == '\r') {
                if (i + 1 >= raw.length() || raw.charAt(i + 1) != '\n') {
                    out.append('\n');
                }
            } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return tidyLines(Normalizer.normalize(out, Normalizer.Form.NFC));
    }

    /** The letters of a Latin ligature, or null when {@code c} is not one. */
    static String ligature(char c) {
        return switch (c) {
            case '\uFB00' -> "ff";
            case '\uFB01' -> "fi";
            case '\uFB02' -> "fl";
            case '\uFB03' -> "ffi";
            case '\uFB04' -> "ffl";
            case '\uFB05', '\uFB06' -> "st";
            default -> null;
        };
    }

    private static String tidyLines(String text) {
        String trimmed = TRAILING_SPACES.matcher(text).replaceAll("");
        // one blank line marks a paragraph end; more say nothing more
        return BLANK_LINES.matcher(trimmed).replaceAll("\n\n");
    }
}
