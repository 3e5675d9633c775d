package dev.ponder.sleeptime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a text as the skip rules of {@link NotesTriage} compare them: runs of letters (with
 * their combining marks), lower-cased, and, where asked for, runs of digits; a Han, kana or Hangul character is a word on its own, since
 * those scripts put no space between words. Digits and punctuation are not words. Language-independent
 * by construction: no word list, no stemming.
 */
final class TextWords {

    private TextWords() {
    }

    /** The words of {@code text}, in order, repeats kept. */
    static List<String> of(String text) {
        return of(text, false);
    }

    /** The words and the numbers (runs of digits) of {@code text}, in order, repeats kept. */
    static List<String> withNumbers(String text) {
        return of(text, true);
    }

    private static List<String> of(String text, boolean numbers) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (ideographic(cp)) {
                flush(word, out);
                out.add(new String(Character.toChars(cp)));
            } else if (Character.isLetter(cp) || (word.length() > 0 && isMark(cp))
                    || (numbers && Character.isDigit(cp))) {
                word.appendCodePoint(cp);
            } else {
                flush(word, out);
            }
        });
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) {
            out.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    static boolean ideographic(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }
}
