package dev.ponder.sleeptime;

import dev.ponder.store.AnticipatedQuestion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a prepared answer against the document before it may be served with 0 tokens: every
 * number, date and capitalised name in it must appear in the source — the text of its cited pages
 * and the notes c′ was made from (with the counts of the lists gathered in code). A small model
 * that invents "99 months" or "Napoleon" fails the check; a date passes when its parts do
 * ("September 17, 1787": {@code September}, {@code 17} and {@code 1787}).
 * <p>
 * Numbers compare without thousands separators and leading zeros ({@code 1,000} = {@code 1000},
 * {@code 05} = {@code 5}); words compare without case, a plural {@code s} and a possessive
 * {@code 's}. Capitalised words that only start a sentence in English ({@code The}, {@code It},
 * {@code Yes}…) are not names and are not checked.
 * <p>
 * A prepared answer written in the asker's language about a document in another keeps the
 * document's own terms in the original beside their translation ({@link AskersLanguage#rule}):
 * "Liu Haiyang (刘海洋)", "Grundgesetz (Basic Law)". The translated name is not in the document, but
 * its original is: the terms on one side of such a parenthesis count as found when the other side is
 * found whole — every word and number of it in the source, with at least one name or one word of a
 * script without capitals (Chinese, Japanese, Korean, Arabic) among them, so "(see page 3)" or
 * "(1787)" vouches for nothing.
 */
final class Grounding {

    /** At most this many missing terms are kept with the outcome. */
    static final int MAX_TERMS = 10;

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern CAPITALISED = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{Lu}[\\p{L}'’]*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}]+");
    /** Letters of scripts without capitals and, for the first four, without spaces between words. */
    private static final String CASELESS = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\\p{IsArabic}";
    /**
     * A term and, in parentheses after it, another form of it: group 1 is the run of capitalised
     * words and numbers (or of caseless letters) just before the parenthesis, group 2 what is inside.
     */
    private static final Pattern GLOSS = Pattern.compile("([" + CASELESS + "]+|(?:[\\p{Lu}\\p{N}][\\p{L}\\p{N}'’.-]*\\s+){0,5}"
            + "[\\p{Lu}\\p{N}][\\p{L}\\p{N}'’.-]*)\\s*[(（]([^()（）]{1,80})[)）]");
    /** The tokens of a gloss's side: a run of caseless letters, a word, a number. */
    private static final Pattern TOKEN = Pattern.compile("[" + CASELESS + "]+|\\p{L}+|\\d+(?:[.,]\\d+)*");
    private static final Pattern CASELESS_RUN = Pattern.compile("[" + CASELESS + "]+");
    private static final Set<String> NOT_NAMES = Set.of("the", "a", "an", "it", "its", "this", "that", "these", "those",
            "there", "they", "their", "them", "he", "she", "his", "her", "we", "you", "your", "our", "i", "in", "on",
            "at", "for", "of", "to", "by", "with", "as", "if", "when", "where", "what", "which", "who", "whom", "whose",
            "why", "how", "each", "every", "all", "any", "some", "no", "not", "yes", "both", "only", "after", "before",
            "under", "from", "and", "but", "or", "so", "also", "according", "one", "per", "then", "than", "such", "most",
            "more", "many", "few", "here", "is", "are", "was", "were", "be", "can", "may", "must", "shall", "will",
            "should", "would", "do", "does", "did", "has", "have", "had", "answer", "question", "note", "see", "page",
            "pages", "none", "nothing", "about", "between", "during", "since", "until", "unless", "while");

    /** The outcome of one check. */
    record Outcome(AnticipatedQuestion.Grounding grounding, List<String> missing) {
    }

    private final Set<String> numbers = new HashSet<>();
    private final Set<String> words = new HashSet<>();
    /** The source without white space, where a run of Chinese or Japanese is looked for. */
    private final String compact;

    /** @param source the text the answer may rest on: its cited pages and c′'s notes */
    Grounding(String source) {
        Matcher n = NUMBER.matcher(source);
        while (n.find()) {
            numbers.addAll(numberForms(n.group()));
        }
        Matcher w = WORD.matcher(source.toLowerCase(Locale.ROOT));
        while (w.find()) {
            words.add(w.group());
        }
        compact = source.replaceAll("\\s+", "");
    }

    /** Checks {@code answer}: GROUNDED when every term is in the source, else UNGROUNDED with the terms missing. */
    Outcome check(String answer) {
        Set<String> missing = new LinkedHashSet<>();
        Set<String> glossed = glossed(answer);
        for (String term : terms(answer)) {
            if (!found(term) && !glossed.contains(term)) {
                missing.add(term);
            }
        }
        List<String> kept = new ArrayList<>(missing).subList(0, Math.min(MAX_TERMS, missing.size()));
        return new Outcome(missing.isEmpty() ? AnticipatedQuestion.Grounding.GROUNDED
                : AnticipatedQuestion.Grounding.UNGROUNDED, List.copyOf(kept));
    }

    /** The numbers and capitalised names of {@code answer}, in order, each once. */
    static List<String> terms(String answer) {
        Set<String> out = new LinkedHashSet<>();
        Matcher n = NUMBER.matcher(answer);
        while (n.find()) {
            out.add(trimNumber(n.group()));
        }
        Matcher c = CAPITALISED.matcher(answer);
        while (c.find()) {
            String word = c.group().replaceAll("['’]s$", "").replaceAll("['’]$", "");
            if (!word.isEmpty() && !NOT_NAMES.contains(word.toLowerCase(Locale.ROOT))) {
                out.add(word);
            }
        }
        return List.copyOf(out);
    }

    /** The terms of {@code answer} written beside an original the source has ("Liu Haiyang (刘海洋)"). */
    private Set<String> glossed(String answer) {
        Set<String> out = new HashSet<>();
        Matcher g = GLOSS.matcher(answer);
        while (g.find()) {
            if (foundWhole(g.group(2))) {
                out.addAll(terms(g.group(1)));
            }
            if (foundWhole(g.group(1))) {
                out.addAll(terms(g.group(2)));
            }
        }
        return out;
    }

    /** Whether every token of {@code side} is in the source, and one of them is a name or caseless letters. */
    private boolean foundWhole(String side) {
        boolean telling = false;
        Matcher t = TOKEN.matcher(side);
        while (t.find()) {
            String token = t.group();
            boolean caseless = CASELESS_RUN.matcher(token).matches();
            if (caseless ? !compact.contains(token) : !found(token)) {
                return false;
            }
            telling |= caseless || (Character.isUpperCase(token.charAt(0))
                    && !NOT_NAMES.contains(token.toLowerCase(Locale.ROOT)));
        }
        return telling;
    }

    private boolean found(String term) {
        if (Character.isDigit(term.charAt(0))) {
            return numberForms(term).stream().anyMatch(numbers::contains);
        }
        String w = term.toLowerCase(Locale.ROOT).replace("’", "'");
        for (String part : w.split("'")) {
            if (!part.isEmpty() && !wordFound(part)) {
                return false;
            }
        }
        return true;
    }

    private boolean wordFound(String w) {
        if (words.contains(w) || words.contains(w + "s") || words.contains(w + "es")) {
            return true;
        }
        return (w.endsWith("es") && words.contains(w.substring(0, w.length() - 2)))
                || (w.endsWith("s") && words.contains(w.substring(0, w.length() - 1)));
    }

    /**
     * The ways one number may be written: "1,000" → {1,000, 1000}; "3,5" → {3,5, 3.5}; "05" → {5};
     * "1,250.00" → {1,250.00, 1,250, 1250}.
     */
    private static Set<String> numberForms(String raw) {
        Set<String> forms = new HashSet<>();
        String n = trimNumber(raw);
        for (String form : new String[] {n, n.replaceFirst("[.,]0+$", "")}) {
            forms.add(stripZeros(form));
            if (form.matches("\\d{1,3}([.,]\\d{3})+")) {
                forms.add(stripZeros(form.replaceAll("[.,]", "")));
            }
            if (form.contains(",") && !form.contains(".")) {
                forms.add(stripZeros(form.replace(',', '.')));
            }
        }
        return forms;
    }

    private static String trimNumber(String raw) {
        return raw.replaceAll("[.,]+$", "");
    }

    private static String stripZeros(String n) {
        String s = n.replaceFirst("^0+(?=\\d)", "");
        return s.isEmpty() ? "0" : s;
    }
}
