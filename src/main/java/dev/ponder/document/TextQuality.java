package dev.ponder.document;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Tells text that came out of a page as garbage from real text, so a garbled page is flagged and
 * left out of the index instead of being answered from as if it were fine.
 *
 * <p>Garbage comes from fonts without a Unicode map (PDFBox then passes on the raw character
 * codes, or drops the glyphs of composite fonts) and from bitmap (Type 3) fonts that drop
 * letters. The rules, each needing enough material to judge:
 * <ol>
 * <li><b>unmapped glyphs</b>: at least {@value #MIN_GLYPHS} glyphs and {@value #MAX_BAD_SHARE}
 *     or more of them have no Unicode value in their font;</li>
 * <li><b>unreadable characters</b>: at least {@value #MIN_GLYPHS} non-space characters and
 *     {@value #MAX_BAD_SHARE} or more of them are U+FFFD, private-use, control or unassigned
 *     code points;</li>
 * <li><b>implausible Latin letters</b>: at least {@value #MIN_LATIN_LETTERS} Latin letters, and
 *     vowels (a e i o u y, accents ignored) are under {@value #MIN_VOWEL_SHARE} of them (English
 *     and the other Latin-script languages run at 0.3–0.45), or, of the words of three or more
 *     letters, under {@value #MIN_WORDLIKE_SHARE} are word-like: they have a vowel and no run of
 *     more than four consonants.</li>
 * </ol>
 * Scripts other than Latin are judged by rules 1 and 2 only.
 */
final class TextQuality {

    static final int MIN_GLYPHS = 20;
    static final double MAX_BAD_SHARE = 0.3;
    static final int MIN_LATIN_LETTERS = 80;
    static final double MIN_VOWEL_SHARE = 0.15;
    static final int MIN_WORDS = 15;
    static final double MIN_WORDLIKE_SHARE = 0.5;
    private static final int MAX_CONSONANT_RUN = 4;

    private TextQuality() {
    }

    /**
     * Why the page's text looks like garbage, as a short phrase for the log and the flag's detail,
     * or empty when it looks like text.
     *
     * @param raw            the page's text as extracted (before normalisation, which drops control characters)
     * @param glyphs         glyphs the page showed
     * @param unmappedGlyphs of those, glyphs without a Unicode value
     */
    static Optional<String> problem(String raw, int glyphs, int unmappedGlyphs) {
        if (glyphs >= MIN_GLYPHS && unmappedGlyphs >= MAX_BAD_SHARE * glyphs) {
            return Optional.of(unmappedGlyphs + " of " + glyphs + " glyphs have no Unicode value in their font");
        }
        int visible = 0;
        int bad = 0;
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            visible++;
            if (isUnreadable(c)) {
                bad++;
            }
        }
        if (visible >= MIN_GLYPHS && bad >= MAX_BAD_SHARE * visible) {
            return Optional.of(bad + " of " + visible + " characters are unreadable (control, private-use or U+FFFD)");
        }
        return latinProblem(raw);
    }

    static boolean isUnreadable(int c) {
        int type = Character.getType(c);
        return c == 0xFFFD || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                || type == Character.SURROGATE || (type == Character.CONTROL && c != '\t' && c != '\n' && c != '\r'
                        && c != '\f');
    }

    private static Optional<String> latinProblem(String raw) {
        // accents off: "é" counts as the vowel "e", "ß" stays a consonant
        String base = Normalizer.normalize(raw, Normalizer.Form.NFD);
        int letters = 0;
        int vowels = 0;
        int words = 0;
        int wordLike = 0;
        int wordLength = 0;
        boolean wordVowel = false;
        int consonantRun = 0;
        int longestRun = 0;
        for (int i = 0; i <= base.length(); i++) {
            char c = i < base.length() ? base.charAt(i) : ' ';
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (isLatinLetter(c)) {
                letters++;
                wordLength++;
                if (isVowel(c)) {
                    vowels++;
                    wordVowel = true;
                    consonantRun = 0;
                } else {
                    consonantRun++;
                    longestRun = Math.max(longestRun, consonantRun);
                }
                continue;
            }
            if (wordLength >= 3) {
                words++;
                if (wordVowel && longestRun <= MAX_CONSONANT_RUN) {
                    wordLike++;
                }
            }
            wordLength = 0;
            wordVowel = false;
            consonantRun = 0;
            longestRun = 0;
        }
        if (letters < MIN_LATIN_LETTERS) {
            return Optional.empty();
        }
        if (vowels < MIN_VOWEL_SHARE * letters) {
            return Optional.of("only " + vowels + " of " + letters + " letters are vowels");
        }
        if (words >= MIN_WORDS && wordLike < MIN_WORDLIKE_SHARE * words) {
            return Optional.of("only " + wordLike + " of " + words + " words look like words");
        }
        return Optional.empty();
    }

    private static boolean isLatinLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
    }

    private static boolean isVowel(char c) {
        return "aeiouyAEIOUYæøœÆØŒ".indexOf(c) >= 0;
    }
}
