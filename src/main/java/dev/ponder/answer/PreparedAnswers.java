package dev.ponder.answer;

import dev.ponder.llm.Vectors;
import dev.ponder.store.AnticipatedQuestion;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepared-answer matching: the anticipated question nearest to what the user asked. Its cosine
 * similarity is the question's <em>query predictability</em> (Lin et al. 2025, §5.4 score
 * predictability by the log-probability of the question under a large model; Ponder uses the
 * similarity to what sleep-time anticipated, which it can compute on the spot — DESIGN.md,
 * "Vocabulary").
 */
final class PreparedAnswers {

    private PreparedAnswers() {
    }

    /**
     * @param question       the nearest anticipated question
     * @param predictability cosine similarity of the two questions' embeddings, −1..1
     */
    record Match(AnticipatedQuestion question, double predictability) {
    }

    /**
     * Whether two questions name the same things where sentence embeddings blur them: every number,
     * ordinal ("First", "2nd") and capitalised name in one appears in the other. MiniLM puts "What
     * does the Second Amendment protect?" at 0.89 of "What does the First Amendment protect?" —
     * above most rewordings of a question — so similarity alone would serve the wrong prepared
     * answer (measured in docs/decisions/0010).
     */
    static boolean nameTheSameThings(String question, String anticipated) {
        return words(anticipated).containsAll(distinguishing(question))
                && words(question).containsAll(distinguishing(anticipated));
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\-']*");
    private static final Set<String> ORDINALS = Set.of("first", "second", "third", "fourth", "fifth", "sixth",
            "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
            "last", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");

    /** Every word, lower-cased. */
    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Numbers, ordinals and capitalised words after the first, lower-cased. */
    private static Set<String> distinguishing(String question) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(question);
        boolean first = true;
        while (m.find()) {
            String w = m.group();
            String lower = w.toLowerCase(Locale.ROOT);
            boolean capitalised = Character.isUpperCase(w.charAt(0)) && !first && !w.equals("I");
            if (w.chars().anyMatch(Character::isDigit) || ORDINALS.contains(lower) || capitalised) {
                out.add(lower);
            }
            first = false;
        }
        return out;
    }

    /**
     * The anticipated question nearest to the user's, by cosine similarity; questions embedded by
     * another model (another vector length) are skipped.
     *
     * @param questionEmbedding unit vector of the user's question (MiniLM, as the anticipated questions')
     * @param anticipated       anticipated questions of the documents asked about
     * @return the nearest, empty when there are none
     */
    static Optional<Match> nearest(float[] questionEmbedding, Collection<AnticipatedQuestion> anticipated) {
        Match best = null;
        for (AnticipatedQuestion q : anticipated) {
            if (q.embedding().length != questionEmbedding.length) {
                continue;  // embedded by another model: not comparable
            }
            double similarity = Vectors.cosine(questionEmbedding, q.embedding());
            if (best == null || similarity > best.predictability()) {
                best = new Match(q, similarity);
            }
        }
        return Optional.ofNullable(best);
    }
}
