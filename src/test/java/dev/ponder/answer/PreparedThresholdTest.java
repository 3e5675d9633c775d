package dev.ponder.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.settings.Settings;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The default prepared-answer threshold on the hand-written question pairs of the sample documents
 * (docs/decisions/0010): it is the lowest threshold on a 0.025 grid that never serves the prepared
 * answer of a neighbouring question, so it serves as many rewordings as that allows. Prints the
 * whole curve so the choice can be re-made when the embedder or the rule changes.
 */
class PreparedThresholdTest {

    @Test
    void theDefaultThresholdIsTheLowestThatServesNoWrongPreparedAnswer() {
        List<PredictabilityPairs.Matched> matched = PredictabilityPairs.match(new MiniLmEmbedder());
        System.out.println("threshold  rewordings served right  other questions served a wrong answer");
        for (double t = 0.60; t <= 0.951; t += 0.025) {
            PredictabilityPairs.Outcome o = PredictabilityPairs.at(t, matched);
            System.out.printf(Locale.ROOT, "  %.3f    %2d / %2d                   %2d / %2d%n", t, o.servedRight(),
                    o.sameQuestions(), o.servedWrong(), o.differentQuestions());
        }
        matched.stream().filter(m -> !m.same()).sorted((a, b) -> Double.compare(b.similarity(), a.similarity())).limit(5)
                .forEach(m -> System.out.printf(Locale.ROOT, "  closest other question %.3f: %s ~ %s%n",
                        m.similarity(), m.question(), m.nearest()));

        PredictabilityPairs.Outcome atDefault = PredictabilityPairs.at(Settings.DEFAULT_PREPARED_THRESHOLD, matched);
        assertEquals(0, atDefault.servedWrong(), "a neighbouring question got another question's prepared answer");
        PredictabilityPairs.Outcome below = PredictabilityPairs.at(Settings.DEFAULT_PREPARED_THRESHOLD - 0.025, matched);
        assertTrue(below.servedWrong() > 0, "a lower threshold would serve more rewordings without a wrong answer");
        assertTrue(atDefault.servedRight() > 0, "no rewording is served at all");
    }

    @Test
    void aQuestionNamesTheSameThingsAsItselfAndNotAsItsNeighbour() {
        String q = "What does the H option [H] do, as in Section 2?";
        assertTrue(PreparedAnswers.nameTheSameThings(q, q), "one-letter names and numbers count too");
        assertTrue(PreparedAnswers.nameTheSameThings("how many senators per state", "How many Senators does each state have?"));
        assertTrue(!PreparedAnswers.nameTheSameThings("What does the Second Amendment protect?",
                "What does the First Amendment protect?"));
        assertTrue(!PreparedAnswers.nameTheSameThings("What happened in 1791?", "What happened in 1787?"));
    }
}
