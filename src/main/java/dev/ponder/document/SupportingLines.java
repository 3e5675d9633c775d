package dev.ponder.document;

import java.util.ArrayList;
import dev.ponder.search.Words;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Picks the lines of a page that best support an answer: the lines sharing the answer's
 * distinctive words ({@link Words#distinctive}), the same words that
 * narrow an answer's cited pages, in any language. A word counts less the more lines of the page
 * hold it, so the line with "vault combination 31-47-09" wins over a footer that only repeats the
 * page number.
 */
final class SupportingLines {

    /** At most this many lines are marked on a page. */
    static final int MAX_LINES = 6;
    /**
     * Lines scoring more than this share of the best line are marked too (a table's header row that
     * shares only the year with "North: 1,512 in 2023" scores half the row that holds both).
     */
    static final double SHARE_OF_BEST = 0.5;
    /** Page references Ponder writes into answers ("[p. 12]", "[report.pdf pp. 3–4]"); not the answer's words. */
    private static final Pattern MARKER = Pattern.compile("\\[[^\\[\\]\\n]{0,120}]");

    private SupportingLines() {
    }

    /**
     * Indices into {@code lines} of the lines to mark, ascending; empty when no line shares a
     * distinctive word with {@code answer}.
     */
    static List<Integer> pick(List<String> lines, String answer) {
        Map<String, Integer> answerTerms = Words.distinctive(MARKER.matcher(answer == null ? "" : answer).replaceAll(" "));
        if (answerTerms.isEmpty()) {
            return List.of();
        }
        List<Set<String>> shared = new ArrayList<>(lines.size());
        Map<String, Integer> linesHolding = new HashMap<>();
        for (String line : lines) {
            Set<String> terms = Words.of(line);
            terms.retainAll(answerTerms.keySet());
            terms.forEach(t -> linesHolding.merge(t, 1, Integer::sum));
            shared.add(terms);
        }
        double[] score = new double[lines.size()];
        double best = 0;
        for (int i = 0; i < lines.size(); i++) {
            for (String t : shared.get(i)) {
                score[i] += 1.0 / linesHolding.get(t);
            }
            best = Math.max(best, score[i]);
        }
        if (best == 0) {
            return List.of();
        }
        double threshold = best * SHARE_OF_BEST;
        double top = best;
        return IntStream.range(0, lines.size()).boxed()
                .filter(i -> score[i] > 0 && (score[i] > threshold || score[i] == top))
                .sorted(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparing(i -> i))
                .limit(MAX_LINES)
                .sorted()
                .toList();
    }
}
