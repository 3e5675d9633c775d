package dev.ponder.document;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words Ponder matches between a question or an answer and a document's text: lower-cased
 * runs of letters and digits, keeping inner hyphens and apostrophes so codes such as "31-47-09"
 * or "EMP-40917" stay one word. Used by retrieval, by the narrowing of cited pages, and to mark
 * the lines of a cited page that support an answer.
 */
public final class Terms {

    private static final Pattern TERM = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\-']*");

    /** Words too common to tell texts apart (English function words and question words). */
    public static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "are", "was", "were", "what", "which", "who", "whom", "whose", "when", "where",
            "why", "how", "does", "did", "do", "is", "it", "its", "this", "that", "these", "those", "with", "from",
            "into", "about", "there", "their", "them", "they", "has", "have", "had", "can", "could", "would",
            "should", "will", "shall", "may", "might", "not", "but", "any", "all", "our", "your", "you", "his",
            "her", "she", "him", "document", "documents", "say", "says", "tell", "give", "list", "many", "much", "of", "in",
            "on", "to", "a", "an", "be", "by", "or", "as", "at");

    private Terms() {
    }

    /**
     * The distinct words of {@code text}, lower-cased; single characters only when they are digits.
     * The returned set is a new, modifiable one.
     */
    public static Set<String> of(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = TERM.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String t = m.group();
            if (t.length() >= 2 || Character.isDigit(t.charAt(0))) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Words of an answer worth matching against a page: not stop words, not Ponder's source labels
     * ({@code s1}, {@code s12}), not shorter than three letters unless they hold a digit. A new,
     * modifiable set.
     */
    public static Set<String> distinctive(String answer) {
        Set<String> terms = of(answer);
        terms.removeAll(STOP_WORDS);
        terms.removeIf(t -> t.matches("s\\d+") || (t.length() < 3 && !t.chars().anyMatch(Character::isDigit)));
        return terms;
    }
}
