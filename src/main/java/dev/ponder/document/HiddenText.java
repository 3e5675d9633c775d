package dev.ponder.document;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text of one page that a reader cannot see, collected glyph by glyph while the page is
 * stripped: how many glyphs were hidden in each way, and the hidden text itself (shortened) so the
 * user can see what Ponder left out.
 *
 * <p>Such text is left out of the page's indexed text by default, so it reaches neither the
 * learned context c′ nor a test-time prompt: it is the usual way to plant instructions for an AI
 * assistant in a document (corpus case prompt-injection).
 */
final class HiddenText {

    /** How a glyph is hidden; {@link #phrase} is what the user reads. */
    enum Way {
        /** Text render mode 3 or 7 (neither filled nor stroked), or a fill alpha of 0. */
        INVISIBLE("invisible"),
        /** White text on a white page (nothing painted under it). */
        WHITE_ON_WHITE("white on white"),
        /** Text in the colour of the shape painted under it. */
        BACKGROUND_COLOUR("the colour of its background"),
        /** Smaller than {@link GlyphVisibility#MIN_VISIBLE_SIZE} points. */
        TINY("too small to read"),
        /** Placed outside the page's visible area (its crop box). */
        OFF_PAGE("off the page");

        final String phrase;

        Way(String phrase) {
            this.phrase = phrase;
        }
    }

    /** Longest excerpt kept, in chars. */
    static final int MAX_EXCERPT = 2000;

    private final Map<Way, Integer> glyphs = new EnumMap<>(Way.class);
    private final StringBuilder excerpt = new StringBuilder();
    private float lastX = Float.NaN;
    private float lastY = Float.NaN;

    /** Counts a hidden glyph drawn at display position (x, y) with the given size, all in points. */
    void add(Way way, String unicode, float x, float y, float width, float size) {
        glyphs.merge(way, 1, Integer::sum);
        if (excerpt.length() >= MAX_EXCERPT) {
            return;
        }
        if (!Float.isNaN(lastX) && !excerpt.isEmpty()
                && (Math.abs(y - lastY) > size / 2 || x - lastX > size * 0.25f || x < lastX - size)) {
            excerpt.append(' ');
        }
        excerpt.append(unicode);
        lastX = x + width;
        lastY = y;
    }

    boolean isEmpty() {
        return glyphs.isEmpty();
    }

    /** Hidden glyphs by way, in the order of {@link Way}. */
    Map<Way, Integer> glyphsByWay() {
        return Map.copyOf(glyphs);
    }

    int total() {
        return glyphs.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The hidden text, in drawing order, words separated by spaces, at most {@value #MAX_EXCERPT} chars. */
    String excerpt() {
        return TextNormaliser.normalise(excerpt.toString()).strip();
    }

    /** "white on white, off the page": the ways this page hides text, in the order of {@link Way}. */
    String ways() {
        List<Way> ways = glyphs.keySet().stream().sorted().toList();
        return ways.stream().map(w -> w.phrase).collect(Collectors.joining(", "));
    }
}
