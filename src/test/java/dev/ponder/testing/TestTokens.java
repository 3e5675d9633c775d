package dev.ponder.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test server's tokenizer: one simple, documented rule so tests can predict token counts.
 * <p>
 * A token is either a run of letters, digits and underscores ({@code \w+}, Unicode-aware) or a
 * single other non-space character (punctuation, symbols). Whitespace is never a token.
 * Examples: {@code "The warranty lasts 27 months."} is 6 tokens; {@code "don't"} is 3.
 * Real models tokenize differently; this only has to be deterministic and countable.
 */
public final class TestTokens {

    private static final Pattern TOKEN = Pattern.compile("\\w+|[^\\w\\s]", Pattern.UNICODE_CHARACTER_CLASS);
    /** A token together with the whitespace before it, so pieces concatenate back to the text. */
    private static final Pattern PIECE = Pattern.compile("\\s*(?:\\w+|[^\\w\\s])", Pattern.UNICODE_CHARACTER_CLASS);

    private TestTokens() {
    }

    /** Number of tokens in {@code text} by the rule above; 0 for {@code null}. */
    public static int count(String text) {
        if (text == null) {
            return 0;
        }
        Matcher m = TOKEN.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The tokens of {@code text} by the rule above, in order, without whitespace; empty for {@code null}. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                out.add(m.group());
            }
        }
        return out;
    }

    /**
     * Splits {@code text} into stream fragments, one token each, leading whitespace attached, so
     * that joining the fragments gives back {@code text} without its trailing whitespace.
     */
    public static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
