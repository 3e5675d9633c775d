package dev.ponder.answer;

import dev.ponder.llm.Embedder;
import dev.ponder.store.AnticipatedQuestion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hand-written question pairs of {@code predictability-pairs.tsv}, matched the way
 * {@link AnswerService} matches: each user question against every anticipated question of its
 * document, with the real embedder.
 */
final class PredictabilityPairs {

    /**
     * One user question, matched.
     *
     * @param same        whether it asks what {@code intended} asks (the prepared answer is right)
     * @param intended    the anticipated question it was written against
     * @param nearest     the anticipated question it is nearest to
     * @param similarity  its query predictability
     */
    record Matched(String document, String question, boolean same, String intended, String nearest, double similarity) {

        /** Served a prepared answer at threshold {@code t}, by the rule of {@link AnswerService}. */
        boolean served(double t) {
            return similarity >= t && PreparedAnswers.nameTheSameThings(question, nearest);
        }

        /** Whether {@code nearest}'s prepared answer answers this question. */
        boolean nearestIsRight() {
            return same ? nearest.equals(intended) : nearest.equals(question);
        }
    }

    /**
     * What a threshold does to the pairs. A "different" question that is itself one of the
     * anticipated questions is right to get that question's prepared answer.
     */
    record Outcome(double threshold, int sameQuestions, int servedRight, int differentQuestions, int servedWrong) {
    }

    private PredictabilityPairs() {
    }

    static List<Matched> match(Embedder embedder) {
        record Row(String document, String anticipated, boolean same, String question) {
        }
        List<Row> rows = new ArrayList<>();
        try (InputStream in = PredictabilityPairs.class.getResourceAsStream("predictability-pairs.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.add(new Row(f[0], f[1], f[2].equals("same"), f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<AnticipatedQuestion>> anticipated = new LinkedHashMap<>();
        for (Row r : rows) {
            List<AnticipatedQuestion> set = anticipated.computeIfAbsent(r.document(), d -> new ArrayList<>());
            if (set.stream().noneMatch(q -> q.question().equals(r.anticipated()))) {
                set.add(new AnticipatedQuestion(set.size() + 1, 1, 1, set.size(), r.anticipated(), "", List.of(),
                        embedder.embed(r.anticipated()), 1, 0, 0));
            }
        }
        List<Matched> out = new ArrayList<>();
        for (Row r : rows) {
            Optional<PreparedAnswers.Match> m = PreparedAnswers.nearest(embedder.embed(r.question()),
                    anticipated.get(r.document()));
            out.add(new Matched(r.document(), r.question(), r.same(), r.anticipated(),
                    m.orElseThrow().question().question(), m.get().predictability()));
        }
        return out;
    }

    static Outcome at(double t, List<Matched> matched) {
        int same = 0;
        int right = 0;
        int different = 0;
        int wrong = 0;
        for (Matched m : matched) {
            if (m.same()) {
                same++;
            } else {
                different++;
            }
            if (m.served(t) && m.nearestIsRight()) {
                right += m.same() ? 1 : 0;
            } else if (m.served(t)) {
                wrong++;
            }
        }
        return new Outcome(t, same, right, different, wrong);
    }
}
