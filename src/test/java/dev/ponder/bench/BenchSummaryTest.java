package dev.ponder.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failure is counted and named, never averaged in as 0 tokens and 0 ms. */
class BenchSummaryTest {

    private static BenchRow answered(String context, String condition, String setting, long tokens, long sleep) {
        return new BenchRow(context, 0, condition, setting, 1, 256, true, tokens, sleep, 100, "direct", "x", "x");
    }

    private static BenchRow failed(String context, String condition, String setting, String response) {
        return new BenchRow(context, 0, condition, setting, 1, 256, false, 0, 0, 0, BenchRow.FAILED, "x", response);
    }

    @Test
    void failedAnswersAreLeftOutOfEveryMeanAndCounted() {
        List<ConditionSummary> s = ConditionSummary.of(List.of(
                answered("a", BenchRow.BASELINE, "brief", 100, 0),
                failed("b", BenchRow.BASELINE, "brief", "failed: Ollama stopped answering."),
                answered("c", BenchRow.BASELINE, "brief", 300, 0)));
        ConditionSummary brief = s.get(0);
        assertEquals(2, brief.queries());
        assertEquals(1, brief.failed());
        assertEquals(200, brief.testTimeTokens(), "the failure is not a 0");
        assertEquals(100, brief.latencyMs());
        assertEquals(1.0, brief.accuracy());
        assertEquals(Optional.of("Ollama stopped answering."), brief.firstFailure());
    }

    @Test
    void aConditionWithNoAnswerIsNotMeasuredAndHasNoCurve() {
        List<BenchRow> rows = List.of(
                answered("a", BenchRow.BASELINE, "brief", 100, 0),
                failed("a", BenchRow.SLEEP_TIME, "1", BenchRow.SLEEP_TIME_FAILED + "The model wrote no JSON."));
        ConditionSummary sleep = ConditionSummary.of(rows).get(1);
        assertFalse(sleep.measured());
        assertEquals(1, sleep.contextsFailed());
        assertTrue(Amortization.curve(rows, 10).isEmpty());
    }

    @Test
    void amortizationComparesOnlyContextsWhereBothConditionsWereMeasured() {
        List<BenchRow> rows = List.of(
                answered("a", BenchRow.BASELINE, "brief", 100, 0),
                answered("b", BenchRow.BASELINE, "brief", 900, 0),
                answered("a", BenchRow.SLEEP_TIME, "1", 50, 1000),
                failed("b", BenchRow.SLEEP_TIME, "1", BenchRow.SLEEP_TIME_FAILED + "cut off"));
        List<Amortization.Point> curve = Amortization.curve(rows, 10);
        Amortization.Point n10 = curve.stream().filter(p -> p.queries() == 10).findFirst().orElseThrow();
        assertEquals(1, n10.contexts());
        assertEquals(10 * 100, n10.withoutSleepTime(), 1e-9, "the baseline of context a only, not the mean with b");
        assertEquals((10 * 50 * 10 + 1000) / 10.0, n10.withSleepTime(), 1e-9);
    }

    @Test
    void theSummarySaysFailedAndWhy() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-summary");
        try (BenchResults results = new BenchResults(dir, 10, "test.jsonl")) {
            results.add(answered("a", BenchRow.BASELINE, "brief", 100, 0));
            results.add(failed("a", BenchRow.SLEEP_TIME, "1", BenchRow.SLEEP_TIME_FAILED + "The model wrote no JSON."));
            List<ConditionSummary> s = ConditionSummary.of(results.rows());
            String md = results.markdown(s, Amortization.curve(results.rows(), 10), "baseline brief", true);
            assertTrue(md.contains("| sleep-time k=1 | 0 | 1 | failed | failed | failed | failed |"), md);
            assertTrue(md.contains("- sleep-time k=1: sleep-time failed on 1 of 1 contexts: The model wrote no JSON."), md);
            assertFalse(md.contains("| k=1 |"), md);
        }
    }
}
