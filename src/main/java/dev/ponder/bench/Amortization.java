package dev.ponder.bench;

import dev.ponder.answer.SavingsReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cost per query when N queries share one context, with and without sleep-time, by the cost model
 * of Lin et al. 2025 §6 as {@link SavingsReport} applies it: with sleep-time (w × test-time + sleep-time) / N
 * per query, without w × baseline test-time. Each sleep-time condition is compared with the reference
 * baseline over the contexts where <b>both</b> were measured (answered queries, sleep-time that
 * succeeded); the per-query and per-context means over those contexts are scaled to N queries, so N
 * may exceed the queries the dataset has per context. A condition with no such context has no curve.
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
     * @param contexts         contexts both conditions were measured on
     */
    public record Point(String sleepSetting, int queries, double withSleepTime, double withoutSleepTime, int contexts) {
    }

    private Amortization() {
    }

    /** The baseline compared against: {@code brief} when it ran, else the first baseline; empty before any. */
    public static Optional<ConditionSummary> reference(List<ConditionSummary> summaries) {
        List<ConditionSummary> baselines = summaries.stream().filter(s -> s.condition().equals(BenchRow.BASELINE)).toList();
        return baselines.stream().filter(s -> s.setting().equals("brief")).findFirst()
                .or(() -> baselines.stream().findFirst());
    }

    /** The curve for every sleep-time condition in {@code rows}, weight w = {@code weight}. */
    public static List<Point> curve(List<BenchRow> rows, double weight) {
        Optional<ConditionSummary> baseline = reference(ConditionSummary.of(rows));
        List<Point> points = new ArrayList<>();
        if (baseline.isEmpty()) {
            return points;
        }
        List<BenchRow> reference = answered(rows, BenchRow.BASELINE, baseline.get().setting());
        Set<String> settings = new LinkedHashSet<>();
        rows.stream().filter(r -> r.condition().equals(BenchRow.SLEEP_TIME)).forEach(r -> settings.add(r.setting()));
        for (String k : settings) {
            List<BenchRow> sleep = answered(rows, BenchRow.SLEEP_TIME, k);
            Set<String> both = contexts(sleep);
            both.retainAll(contexts(reference));
            if (both.isEmpty()) {
                continue;
            }
            List<ConditionSummary> common = ConditionSummary.of(java.util.stream.Stream.concat(reference.stream(),
                    sleep.stream()).filter(r -> both.contains(r.contextId())).toList());
            ConditionSummary base = common.get(0);
            ConditionSummary with = common.get(1);
            for (int n : QUERIES_PER_CONTEXT) {
                long testTime = Math.round(n * with.testTimeTokens());
                SavingsReport report = new SavingsReport(Math.round(with.sleepTimeTokens()), n, 0, testTime, n,
                        Math.round(n * base.testTimeTokens()), testTime, weight, List.of());
                points.add(new Point(k, n, report.costPerQueryWithSleepTime().orElseThrow(),
                        report.costPerQueryWithoutSleepTime().orElseThrow(), both.size()));
            }
        }
        return points;
    }

    private static List<BenchRow> answered(List<BenchRow> rows, String condition, String setting) {
        return rows.stream().filter(r -> r.condition().equals(condition) && r.setting().equals(setting) && !r.failed())
                .toList();
    }

    private static Set<String> contexts(List<BenchRow> rows) {
        Set<String> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(r.contextId()));
        return out;
    }
}
