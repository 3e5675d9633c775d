package dev.ponder.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The figures of {@code ponder bench perf}, in the order measured: a plain-text table for the
 * terminal, and {@value #MARKDOWN} and {@value #CSV} (columns {@link PerfRow#COLUMNS}) in the
 * output folder.
 */
public final class PerfResults {

    public static final String MARKDOWN = "perf.md";
    public static final String CSV = "perf.csv";

    private final List<PerfRow> rows = new ArrayList<>();

    synchronized void add(PerfRow row) {
        rows.add(row);
    }

    public synchronized List<PerfRow> rows() {
        return List.copyOf(rows);
    }

    /** Columns padded to their widest cell, a rule under the header. */
    public String table() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(PerfRow.COLUMNS);
        rows().forEach(r -> lines.add(r.cells()));
        int[] widths = new int[PerfRow.COLUMNS.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < lines.size(); l++) {
            List<String> line = lines.get(l);
            for (int i = 0; i < widths.length; i++) {
                String cell = line.get(i);
                // the figure left-aligned, the numbers right-aligned
                out.append(i == 0 ? cell + " ".repeat(widths[i] - cell.length())
                        : " ".repeat(widths[i] - cell.length()) + cell);
                out.append(i + 1 < widths.length ? "  " : "\n");
            }
            if (l == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                out.append("-".repeat(total - 2)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Writes {@value #MARKDOWN} (with {@code heading} above the table) and {@value #CSV} into {@code dir}.
     *
     * @throws IOException when the folder or a file cannot be written
     */
    public void write(Path dir, String heading) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder(heading).append("\n\n| ")
                .append(String.join(" | ", PerfRow.COLUMNS)).append(" |\n|")
                .append(" --- |".repeat(PerfRow.COLUMNS.size())).append('\n');
        StringBuilder csv = new StringBuilder(String.join(",", PerfRow.COLUMNS)).append('\n');
        for (PerfRow r : rows()) {
            md.append("| ").append(r.cells().stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ")))
                    .append(" |\n");
            csv.append(r.cells().stream().map(PerfResults::csvCell).collect(Collectors.joining(","))).append('\n');
        }
        Files.writeString(dir.resolve(MARKDOWN), md);
        Files.writeString(dir.resolve(CSV), csv);
    }

    private static String csvCell(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
