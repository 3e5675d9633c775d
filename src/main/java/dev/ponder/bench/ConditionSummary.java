package dev.ponder.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The figures of one condition over the rows finished so far. Failed answers (and every query of a
 * context whose sleep-time failed) are counted and left out of every mean: a failure is never a
 * figure of 0 tokens and 0 ms.
 *
 * @param condition       {@code baseline}, {@code pass@k} or {@code sleep-time}
 * @param setting         its parameter (verbosity level or k)
 * @param queries         answered queries (the means are over these)
 * @param failed          queries that got no answer
 * @param accuracy        share of the answered queries right, 0..1
 * @param testTimeTokens  mean test-time tokens per answered query (prompt + completion)
 * @param sleepTimeTokens mean sleep-time tokens per context whose sleep-time succeeded (0 without sleep-time)
 * @param latencyMs       mean latency per answered query, in ms
 * @param contexts        contexts the condition ran on
 * @param contextsFailed  contexts with no answered query (for sleep-time: mostly those whose sleep-time failed)
 * @param firstFailure    the reason of the first failed query, if any
 */
public record ConditionSummary(String condition, String setting, int queries, int failed, double accuracy,
                               double testTimeTokens, double sleepTimeTokens, double latencyMs, int contexts,
                               int contextsFailed, Optional<String> firstFailure) {

    /** A label for tables and plots, e.g. {@code sleep-time k=3}. */
    public String label() {
        return condition + (condition.equals(BenchRow.BASELINE) ? " " + setting : " k=" + setting);
    }

    /** Whether at least one query was answered, so the means are figures; otherwise the condition failed. */
    public boolean measured() {
        return queries > 0;
    }

    /** One summary per condition and setting, in the order they first appear in {@code rows}. */
    public static List<ConditionSummary> of(List<BenchRow> rows) {
        Map<String, List<BenchRow>> groups = new LinkedHashMap<>();
        for (BenchRow r : rows) {
            groups.computeIfAbsent(r.condition() + "\u0000" + r.setting(), key -> new ArrayList<>()).add(r);
        }
        List<ConditionSummary> out = new ArrayList<>();
        for (List<BenchRow> g : groups.values()) {
            List<BenchRow> ok = g.stream().filter(r -> !r.failed()).toList();
            Set<String> contexts = new LinkedHashSet<>();
            g.forEach(r -> contexts.add(r.contextId()));
            Map<String, Long> sleepByContext = new LinkedHashMap<>();
            ok.forEach(r -> sleepByContext.putIfAbsent(r.contextId(), r.sleepTimeTokens()));
            out.add(new ConditionSummary(g.get(0).condition(), g.get(0).setting(), ok.size(), g.size() - ok.size(),
                    ok.isEmpty() ? 0 : ok.stream().filter(BenchRow::correct).count() / (double) ok.size(),
                    ok.stream().mapToLong(BenchRow::testTimeTokens).average().orElse(0),
                    sleepByContext.values().stream().mapToLong(Long::longValue).average().orElse(0),
                    ok.stream().mapToLong(BenchRow::latencyMs).average().orElse(0),
                    contexts.size(), contexts.size() - sleepByContext.size(),
                    g.stream().filter(BenchRow::failed).map(BenchRow::failure).findFirst()));
        }
        return out;
    }
}
