package dev.ponder.bench;

import dev.ponder.answer.SavingsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cost per query when N queries share one context, with and without sleep-time, by the cost model
 * of Lin et al. 2025 §6 as {@link SavingsReport} applies it: with sleep-time (w × test-time + sleep-time) / N
 * per query, without w × baseline test-time. The per-query and per-context means measured by the run are
 * scaled to N queries, so N may exceed the queries the dataset has per context.
 */
public final class Amortization {

    /** The paper's N values. */
    public static final List<Integer> QUERIES_PER_CONTEXT = List.of(1, 2, 5, 10);

    /**
     * One point of the curve.
     *
     * @param sleepSetting     the sleep-time condition's k
     * @param queries          N, queries per context
     * @param withSleepTime    cost per query with sleep-time, in weighted tokens
     * @param withoutSleepTime cost per query of the reference baseline, in weighted tokens
     */
    public record Point(String sleepSetting, int queries, double withSleepTime, double withoutSleepTime) {
    }

    private Amortization() {
    }

    /** The baseline compared against: {@code brief} when it ran, else the first baseline; empty before any. */
    public static Optional<ConditionSummary> reference(List<ConditionSummary> summaries) {
        List<ConditionSummary> baselines = summaries.stream().filter(s -> s.condition().equals(BenchRow.BASELINE)).toList();
        return baselines.stream().filter(s -> s.setting().equals("brief")).findFirst()
                .or(() -> baselines.stream().findFirst());
    }

    /** The curve for every sleep-time condition in {@code summaries}, weight w = {@code weight}. */
    public static List<Point> curve(List<ConditionSummary> summaries, double weight) {
        Optional<ConditionSummary> baseline = reference(summaries);
        List<Point> points = new ArrayList<>();
        if (baseline.isEmpty()) {
            return points;
        }
        for (ConditionSummary s : summaries) {
            if (!s.condition().equals(BenchRow.SLEEP_TIME)) {
                continue;
            }
            for (int n : QUERIES_PER_CONTEXT) {
                long testTime = Math.round(n * s.testTimeTokens());
                SavingsReport report = new SavingsReport(Math.round(s.sleepTimeTokens()), n, 0, testTime, n,
                        Math.round(n * baseline.get().testTimeTokens()), testTime, weight, List.of());
                points.add(new Point(s.setting(), n, report.costPerQueryWithSleepTime().orElseThrow(),
                        report.costPerQueryWithoutSleepTime().orElseThrow()));
            }
        }
        return points;
    }
}
