package dev.ponder.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's output folder: {@code results.csv}, written a row at a time as answers finish (so an
 * interrupted run keeps them), and on {@link #writeSummary(boolean)} {@code summary.md},
 * {@code accuracy-vs-test-time-tokens.png} and {@code cost-per-query.png} over the rows so far.
 * Thread-safe: a shutdown hook may write the summary while the run is adding rows.
 */
public final class BenchResults implements AutoCloseable {

    public static final String CSV = "results.csv";
    public static final String SUMMARY = "summary.md";
    public static final String ACCURACY_PNG = "accuracy-vs-test-time-tokens.png";
    public static final String COST_PNG = "cost-per-query.png";

    private final Path dir;
    private final double weight;
    private final String dataset;
    private final BufferedWriter csv;
    private final List<BenchRow> rows = new ArrayList<>();
    private boolean summarised;

    /**
     * Creates {@code dir} if needed and starts {@code results.csv} (replacing an earlier one).
     *
     * @param weight  w of the cost model, the weight of a test-time token against a sleep-time token
     * @param dataset the dataset's name, for the summary
     * @throws IOException when the folder or file cannot be written
     */
    public BenchResults(Path dir, double weight, String dataset) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.weight = weight;
        this.dataset = dataset;
        this.csv = Files.newBufferedWriter(dir.resolve(CSV), StandardCharsets.UTF_8);
        csv.write(String.join(",", BenchRow.COLUMNS));
        csv.newLine();
        csv.flush();
    }

    /** Appends {@code row} to the CSV and flushes it to disk. */
    public synchronized void add(BenchRow row) {
        rows.add(row);
        try {
            csv.write(row.csv());
            csv.newLine();
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized List<BenchRow> rows() {
        return List.copyOf(rows);
    }

    /**
     * Writes the summary table and the two plots over the rows so far.
     *
     * @param complete whether the run finished (the summary says when it was interrupted)
     * @throws IOException when a file cannot be written
     */
    public synchronized void writeSummary(boolean complete) throws IOException {
        List<ConditionSummary> summaries = ConditionSummary.of(rows);
        List<Amortization.Point> curve = Amortization.curve(rows, weight);
        String baselineLabel = Amortization.reference(summaries).map(ConditionSummary::label).orElse("baseline");
        Files.writeString(dir.resolve(SUMMARY), markdown(summaries, curve, baselineLabel, complete), StandardCharsets.UTF_8);
        BenchCharts.accuracyVsTestTimeTokens(summaries.stream().filter(ConditionSummary::measured).toList(),
                dir.resolve(ACCURACY_PNG));
        BenchCharts.costPerQuery(curve, baselineLabel, weight, dir.resolve(COST_PNG));
        summarised = true;
    }

    /** Whether a summary was written. */
    public synchronized boolean summarised() {
        return summarised;
    }

    String markdown(List<ConditionSummary> summaries, List<Amortization.Point> curve, String baselineLabel,
                    boolean complete) {
        StringBuilder md = new StringBuilder();
        md.append("# Sleep-time benchmark: ").append(dataset).append("\n\n");
        if (!complete) {
            md.append("**Interrupted** — the figures cover the ").append(rows.size()).append(" answers that finished.\n\n");
        }
        md.append("Tokens are prompt + completion as the model server counted them. Sleep-time tokens are per context. "
                + "Failed answers, and every query of a context whose sleep-time failed, are counted and left out of "
                + "every mean.\n\n");
        md.append("| condition | queries answered | failed | accuracy | test-time tokens / query | sleep-time tokens / context "
                + "| latency / query (ms) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (ConditionSummary s : summaries) {
            if (s.measured()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% | %.0f | %.0f | %.0f |%n", s.label(),
                        s.queries(), s.failed(), 100 * s.accuracy(), s.testTimeTokens(), s.sleepTimeTokens(), s.latencyMs()));
            } else {
                md.append(String.format(Locale.ROOT, "| %s | 0 | %d | failed | failed | failed | failed |%n", s.label(),
                        s.failed()));
            }
        }
        List<String> failures = failureLines(summaries);
        if (!failures.isEmpty()) {
            md.append('\n');
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        md.append("\n## Amortization (w = ").append(BenchCharts.format(weight)).append(")\n\n");
        md.append("Cost per query = (w × test-time tokens × N + sleep-time tokens) / N against w × test-time tokens of ")
                .append(baselineLabel).append(" (Lin et al. 2025, §6), from the means over the contexts where both were "
                        + "measured.\n\n");
        if (!curve.isEmpty()) {
            md.append("| sleep-time | contexts | N = queries per context | cost / query with sleep-time | cost / query without "
                    + "| ratio (without ÷ with; > 1: sleep-time pays) |\n");
            md.append("|---|---:|---:|---:|---:|---:|\n");
            for (Amortization.Point p : curve) {
                md.append(String.format(Locale.ROOT, "| k=%s | %d | %d | %.0f | %.0f | %s |%n", p.sleepSetting(), p.contexts(),
                        p.queries(), p.withSleepTime(), p.withoutSleepTime(), p.withSleepTime() == 0 ? "–"
                                : String.format(Locale.ROOT, "%.2f×", p.withoutSleepTime() / p.withSleepTime())));
            }
        }
        boolean first = true;
        for (ConditionSummary s : summaries) {
            if (s.condition().equals(BenchRow.SLEEP_TIME) && curve.stream().noneMatch(p -> p.sleepSetting().equals(s.setting()))) {
                md.append(first && !curve.isEmpty() ? "\n" : "").append(s.label())
                        .append(": not computed — no context where both it and ").append(baselineLabel)
                        .append(" were measured.\n");
                first = false;
            }
        }
        md.append("\nPlots: `").append(ACCURACY_PNG).append("`, `").append(COST_PNG).append("`; every answer: `")
                .append(CSV).append("`.\n");
        return md.toString();
    }

    /**
     * One line per condition that had failures: "sleep-time k=1: sleep-time failed on 3 of 11 contexts:
     * REASON" when its sleep-time failed, else "baseline brief: 2 of 55 answers failed: REASON".
     */
    private List<String> failureLines(List<ConditionSummary> summaries) {
        List<String> out = new ArrayList<>();
        for (ConditionSummary s : summaries) {
            if (s.failed() == 0) {
                continue;
            }
            List<BenchRow> failed = rows.stream().filter(r -> r.condition().equals(s.condition())
                    && r.setting().equals(s.setting()) && r.failed()).toList();
            long sleepFailed = failed.stream().filter(BenchRow::sleepTimeFailed).map(BenchRow::contextId).distinct().count();
            if (sleepFailed > 0) {
                String reason = failed.stream().filter(BenchRow::sleepTimeFailed).findFirst().orElseThrow().failure();
                out.add(s.label() + ": sleep-time failed on " + sleepFailed + " of " + s.contexts() + " contexts: " + reason);
            }
            long answers = failed.stream().filter(r -> !r.sleepTimeFailed()).count();
            if (answers > 0) {
                String reason = failed.stream().filter(r -> !r.sleepTimeFailed()).findFirst().orElseThrow().failure();
                out.add(s.label() + ": " + answers + " of " + (s.queries() + s.failed()) + " answers failed: " + reason);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        csv.close();
    }
}
