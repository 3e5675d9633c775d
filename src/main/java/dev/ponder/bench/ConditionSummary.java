package dev.ponder.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one condition over the rows finished so far.
 *
 * @param condition             {@code baseline}, {@code pass@k} or {@code sleep-time}
 * @param setting               its parameter (verbosity level or k)
 * @param queries               answered queries
 * @param accuracy              share right, 0..1
 * @param testTimeTokens        mean test-time tokens per query (prompt + completion)
 * @param sleepTimeTokens       mean sleep-time tokens per context (0 without sleep-time)
 * @param latencyMs             mean latency per query, in ms
 */
public record ConditionSummary(String condition, String setting, int queries, double accuracy, double testTimeTokens,
                               double sleepTimeTokens, double latencyMs) {

    /** A label for tables and plots, e.g. {@code sleep-time k=3}. */
    public String label() {
        return condition + (condition.equals(BenchRow.BASELINE) ? " " + setting : " k=" + setting);
    }

    /** One summary per condition and setting, in the order they first appear in {@code rows}. */
    public static List<ConditionSummary> of(List<BenchRow> rows) {
        Map<String, List<BenchRow>> groups = new LinkedHashMap<>();
        for (BenchRow r : rows) {
            groups.computeIfAbsent(r.condition() + "\u0000" + r.setting(), key -> new ArrayList<>()).add(r);
        }
        List<ConditionSummary> out = new ArrayList<>();
        for (List<BenchRow> g : groups.values()) {
            Map<String, Long> sleepByContext = g.stream().collect(Collectors.toMap(BenchRow::contextId,
                    BenchRow::sleepTimeTokens, (a, b) -> a, LinkedHashMap::new));
            out.add(new ConditionSummary(g.get(0).condition(), g.get(0).setting(), g.size(),
                    g.stream().filter(BenchRow::correct).count() / (double) g.size(),
                    g.stream().mapToLong(BenchRow::testTimeTokens).average().orElse(0),
                    sleepByContext.values().stream().mapToLong(Long::longValue).average().orElse(0),
                    g.stream().mapToLong(BenchRow::latencyMs).average().orElse(0)));
        }
        return out;
    }
}
