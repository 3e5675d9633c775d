package dev.ponder.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The words Ponder matches between an answer and the text it came from, in any language: the
 * language-neutral analysis of {@link Analysis} (Unicode word breaking, lower case, accents folded,
 * CJK bigrams), so a Chinese sentence, "l'environnement" and a code joined by hyphens
 * ("FFI-2718-FL") are matched piece by piece. Used to attribute an answer's sentences to pages and to
 * mark the lines of a cited page.
 */
public final class Words {

    /** Weight of a word holding a digit (numbers, codes, dates): they identify a fact. */
    public static final int NUMBER_WEIGHT = 3;
    /** Weight of a capitalised word after a sentence's first (a name). */
    public static final int NAME_WEIGHT = 2;

    private static final Analysis ANALYSIS = new Analysis();
    private static final Pattern CAPITALISED = Pattern.compile("(?<=\\s)\\p{Lu}[\\p{L}\\p{N}]*");
    /** Ponder's source labels ("S1"), not the answer's words. */
    private static final Pattern LABEL = Pattern.compile("\\[S\\d+(?:\\s*[,;]\\s*S\\d+)*]");

    private Words() {
    }

    /** The distinct words of {@code text}. A new, modifiable set. */
    public static Set<String> of(String text) {
        Set<String> out = new HashSet<>();
        try (TokenStream ts = ANALYSIS.neutral().tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The words of an answer worth matching against a page, each with its weight: numbers
     * {@value #NUMBER_WEIGHT}, names {@value #NAME_WEIGHT}, other words 1; stop words of the
     * answer's language, source labels and single letters left out.
     */
    public static Map<String, Integer> distinctive(String answer) {
        String text = LABEL.matcher(answer).replaceAll(" ");
        Set<String> names = new HashSet<>();
        Matcher m = CAPITALISED.matcher(text);
        while (m.find()) {
            names.addAll(of(m.group()));
        }
        String key = Analysis.key(LanguageDetection.ofText(text));
        Map<String, Integer> out = new HashMap<>();
        try (TokenStream ts = ANALYSIS.neutralQuestion(key).tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                boolean digit = t.chars().anyMatch(Character::isDigit);
                boolean cjk = t.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
                if (!digit && !cjk && t.length() < 3) {
                    continue;
                }
                int weight = digit ? NUMBER_WEIGHT : names.contains(t) ? NAME_WEIGHT : 1;
                out.merge(t, weight, Math::max);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The summed weight of the {@code weighted} words that {@code text} holds. */
    public static int overlap(Map<String, Integer> weighted, Set<String> text) {
        int score = 0;
        for (Map.Entry<String, Integer> e : weighted.entrySet()) {
            if (text.contains(e.getKey())) {
                score += e.getValue();
            }
        }
        return score;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
