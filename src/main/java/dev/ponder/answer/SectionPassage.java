package dev.ponder.answer;

import dev.ponder.document.AddressedToAssistants;
import dev.ponder.search.LanguageDetection;
import dev.ponder.search.TextRanking;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The part of a section that speaks to a question, as a learned-context prompt quotes it beside c′.
 * c′ carries what spans the document; the passage carries the exact wording of the part asked about,
 * in fewer test-time tokens than the whole section (and, with the prompt prefix warm, less prefill:
 * docs/decisions/0020).
 *
 * <p>The section's sentences ({@link BreakIterator}; a PDF's line breaks read as spaces, and a sentence
 * longer than the budget split at its line breaks, as a table's rows are) are ranked by BM25 against the
 * question ({@link TextRanking#rankWithStems}; in the section's language when the question is too short
 * to tell its own). The best are kept while they fit the budget — the best one always — then the
 * sentences beside those kept (the one after first: a heading is followed by what it announces), and
 * what is kept is quoted in the section's order, with "…" where sentences were left out. The budget
 * is in characters, not tokens: a Chinese character is estimated at a token, so a token budget would
 * leave a Chinese passage a third of a French one's sentences.
 *
 * <p>A section is quoted whole when it fits the budget, when the question is in another language
 * (the words both share are then names and commands, not what is asked: an English question about a
 * French section, which retrieval ranked by them or by meaning), and when it shares no word or stem
 * with the question: nothing then says which part answers it. Text that addresses AI assistants
 * ({@link AddressedToAssistants}) is never cut: it is kept whole or left out, so that the prompt marks it
 * as a whole.
 */
public final class SectionPassage {

    /** Marks where sentences were left out. */
    static final String GAP = "…";

    private SectionPassage() {
    }

    /** A sentence (or a line of a long one): chars {@code start} to {@code end} of the section. */
    private record Unit(int start, int end, String text) {

        int length() {
            return end - start;
        }
    }

    /**
     * @param question  the user's question
     * @param text      the section's text
     * @param maxChars  the most characters of the passage, gaps included; its best sentence is kept
     *                  even when it alone is longer
     * @return the passage; {@code text} itself when it fits, when the question is in another language
     *         than the section, or when nothing in the section matches the question
     */
    public static String of(String question, String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        Optional<String> questionLanguage = LanguageDetection.ofText(question);
        Optional<String> sectionLanguage = LanguageDetection.ofText(text);
        if (questionLanguage.isPresent() && sectionLanguage.isPresent() && !questionLanguage.equals(sectionLanguage)) {
            // the words they share are names and commands, not what is asked
            return text;
        }
        List<Unit> units = units(text, maxChars);
        // a question too short to tell its language is most likely in the section's
        Optional<String> language = questionLanguage.or(() -> sectionLanguage);
        List<Integer> ranked = TextRanking.rankWithStems(question, language, units.stream().map(Unit::text).toList());
        if (ranked.isEmpty()) {
            return text;
        }
        int gap = (" " + GAP + " ").length();
        TreeSet<Integer> kept = new TreeSet<>();
        int used = 0;
        for (int i : ranked) {
            int cost = units.get(i).length() + gap;
            if (kept.isEmpty() || used + cost <= maxChars) {
                kept.add(i);
                used += cost;
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int i : List.copyOf(kept)) {
                for (int beside : new int[] {i + 1, i - 1}) {
                    if (beside >= 0 && beside < units.size() && !kept.contains(beside)
                            && used + units.get(beside).length() <= maxChars) {
                        kept.add(beside);
                        used += units.get(beside).length();
                        grew = true;
                    }
                }
            }
        }
        if (kept.size() == units.size()) {
            return text;
        }
        return quoted(text, units, kept);
    }

    /** The kept units in order: a run of neighbours as it stands in the text, runs joined by {@link #GAP}. */
    private static String quoted(String text, List<Unit> units, TreeSet<Integer> kept) {
        StringBuilder out = new StringBuilder();
        int runStart = -1;
        int previous = -2;
        for (int i : kept) {
            if (i != previous + 1) {
                if (runStart >= 0) {
                    out.append(text, units.get(runStart).start(), units.get(previous).end());
                }
                if (i > 0 || runStart >= 0) {
                    stripEnd(out);
                    out.append(out.length() == 0 ? "" : " ").append(GAP).append(' ');
                }
                runStart = i;
            }
            previous = i;
        }
        out.append(text, units.get(runStart).start(), units.get(previous).end());
        stripEnd(out);
        if (previous < units.size() - 1) {
            out.append(' ').append(GAP);
        }
        return out.toString();
    }

    private static void stripEnd(StringBuilder out) {
        while (out.length() > 0 && Character.isWhitespace(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
    }

    /**
     * The section's sentences; one longer than {@code maxChars} is split at its line breaks;
     * the units that overlap a passage addressing AI assistants are joined into one.
     */
    private static List<Unit> units(String text, int maxChars) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text.replace('\n', ' ').replace('\r', ' '));
        List<int[]> spans = new ArrayList<>();
        for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE;
             start = end, end = sentences.next()) {
            if (end - start > maxChars) {
                int lineStart = start;
                for (int i = start; i < end; i++) {
                    if (text.charAt(i) == '\n' && i + 1 > lineStart) {
                        spans.add(new int[] {lineStart, i + 1});
                        lineStart = i + 1;
                    }
                }
                if (lineStart < end) {
                    spans.add(new int[] {lineStart, end});
                }
            } else {
                spans.add(new int[] {start, end});
            }
        }
        for (AddressedToAssistants.Passage p : AddressedToAssistants.find(text)) {
            List<int[]> joined = new ArrayList<>();
            int[] open = null;
            for (int[] s : spans) {
                boolean overlaps = s[0] < p.end() && s[1] > p.start();
                if (overlaps && open != null) {
                    open[1] = s[1];
                } else {
                    open = overlaps ? new int[] {s[0], s[1]} : null;
                    joined.add(open == null ? s : open);
                }
            }
            spans = joined;
        }
        List<Unit> units = new ArrayList<>();
        for (int[] s : spans) {
            String t = text.substring(s[0], s[1]);
            if (!t.isBlank()) {
                units.add(new Unit(s[0], s[1], t));
            }
        }
        return units;
    }
}
