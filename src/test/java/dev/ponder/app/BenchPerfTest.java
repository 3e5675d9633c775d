package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.bench.PerfResults;
import dev.ponder.bench.PerfRow;
import dev.ponder.sleeptime.ScriptedSleepModel;
import dev.ponder.testing.OllamaStandIn;
import dev.ponder.testing.OllamaTestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ponder bench perf} end to end against the Ollama-protocol test server in slow mode (a token
 * every 20 ms; sleep-time tasks answered by the scripted sleep model, questions by the stand-in's
 * extraction) on two sample documents: every figure's row is printed with a number, and written to
 * perf.md and perf.csv. Plumbing, not speed: nothing here asserts a time.
 */
class BenchPerfTest {

    static final Path FILE = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf");
    static final Path LARGE = Path.of("sample-docs", "booktabs-tables.pdf");
    /** A number (one or two decimals, or none), then the unit column. */
    static final Pattern NUMBER = Pattern.compile("\\s\\d+(\\.\\d\\d?)?\\s+(pages/s|ms|s|MB)\\s");

    @TempDir
    Path dir;

    @Test
    void benchPerfPrintsEveryFigureWithANumber() throws Exception {
        Path out = dir.resolve("out");
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ScriptedSleepModel sleepModel = new ScriptedSleepModel();
            ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? sleepModel.apply(r)
                    : OllamaStandIn.extract(r.lastUserMessage().orElse("")));
            ollama.setTokenDelay(Duration.ofMillis(20));
            StringWriter stdout = new StringWriter();
            StringWriter stderr = new StringWriter();
            // slow mode while cancelling and preempting are measured; full speed once the bench thinks the
            // document through (the scripted notes for every section would take minutes at 20 ms a token)
            Thread fast = new Thread(() -> {
                try {
                    while (!stderr.toString().contains("sleep-time: thinking about")) {
                        Thread.sleep(5);
                    }
                    ollama.setTokenDelay(Duration.ZERO);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-perf-test-fast");
            fast.setDaemon(true);
            fast.start();
            int exit = cli(stdout, stderr).execute("--data-dir", dir.resolve("data").toString(),
                    "--ollama-url", ollama.url().toString(), "bench", "perf", "--file", FILE.toString(),
                    "--large", LARGE.toString(), "--trials", "3", "--profile", "laptop-cpu", "--profile", "gpu",
                    "--out", out.toString());
            assertEquals(0, exit, stderr::toString);
            String table = stdout.toString();
            List<String> lines = table.lines().toList();
            assertEquals(PerfRow.COLUMNS, List.of(lines.get(0).trim().split("\\s{2,}")), table);

            for (String name : List.of(FILE.getFileName().toString(), LARGE.getFileName().toString())) {
                assertNumber(lines, "extraction, " + name + " (", ", Ponder first run");
                assertNumber(lines, "extraction, " + name + " (", ", Ponder median of 3");
                String poppler = row(lines, "extraction, " + name + " (", ", pdftotext");
                if (installed("pdftotext", "-v")) {
                    assertTrue(NUMBER.matcher(poppler + " ").find(), poppler);
                    assertTrue(row(lines, "extraction, " + name, "Ponder median").matches(".*\\d\\.\\d\\d×.*"),
                            "the ratio to pdftotext is shown");
                } else {
                    assertTrue(poppler.contains("not installed"), poppler);
                }
            }
            String ocr = "OCR (Tesseract ";
            if (dev.ponder.document.ocr.TesseractLibrary.availability() instanceof dev.ponder.document.ocr.OcrAvailability.Available) {
                String ponderOcr = assertNumber(lines, ocr, "Ponder (drawn and read as an import does), mean of 2");
                String cli = row(lines, ocr, "tesseract command line");
                if (installed("tesseract", "--version")) {
                    assertNumber(lines, ocr, "tesseract command line (drawn by PDFBox, read by one process), mean of 2");
                    assertTrue(ponderOcr.matches(".*tesseract \\d+(\\.\\d+)? pages/s\\s+\\d+\\.\\d\\d×.*"),
                            "the ratio to the command line is shown: " + ponderOcr);
                } else {
                    assertTrue(cli.contains("not installed"), cli);
                }
            } else {
                assertTrue(row(lines, ocr.strip(), "").contains("not available"));
            }
            assertNumber(lines, "input → sleep-time request closed, p50 of 3", "");
            assertNumber(lines, "input → sleep-time request closed, p95 of 3", "");
            assertNumber(lines, "time to first token, idle, p50 of 3", "");
            String loaded = assertNumber(lines, "time to first token under sleep-time, p50 of 3", "");
            assertTrue(loaded.matches(".*idle \\d+(\\.\\d\\d?)? ms\\s+\\d+\\.\\d\\d×\\s+≤ 1\\.10×.*"), loaded);
            String prepared = assertNumber(lines, "prepared-answer latency (3 of 3 served prepared), p50 of 3", "");
            assertTrue(prepared.contains("learned-context "), "the reference is in the same row: " + prepared);
            assertNumber(lines, "prepared-answer latency (3 of 3 served prepared), p95 of 3", "");
            String timeline = "sleep-time of " + FILE.getFileName() + " (";
            for (String milestone : List.of("the first anticipated question (stored with its prepared answer)",
                    "c′ first usable", "c′ complete")) {
                String wall = assertNumber(lines, timeline, milestone + ", wall time of ");
                assertTrue(wall.matches(".*wall time of \\d+ calls\\s.*"), "measured, with its calls: " + wall);
                assertTrue(row(lines, timeline, milestone + ", tokens").matches(".*\\s\\d+\\s+tokens\\s.*"));
                String cpu = assertNumber(lines, timeline, milestone + ", ESTIMATE from measured tokens at laptop-cpu "
                        + "(prefill 80 tok/s, decode 15 tok/s)");
                assertTrue(cpu.contains(milestone.equals("c′ complete") ? "–" : "≤ "), "the issue's target: " + cpu);
                assertNumber(lines, timeline, milestone + ", ESTIMATE from measured tokens at gpu (prefill 3000 tok/s, "
                        + "decode 90 tok/s)");
            }
            assertTrue(row(lines, "sleep-time tokens per page of " + FILE.getFileName(), "")
                    .matches(".*\\s\\d+(\\.\\d)?\\s+tokens/page\\s.*"));
            assertTrue(Files.readString(out.resolve(PerfResults.MARKDOWN)).contains("rows marked ESTIMATE are seconds "
                    + "estimated from the measured tokens at laptop-cpu"), "the heading says what an estimate is");
            assertNumber(lines, "import of booktabs-tables.pdf (18 pages), wall time", "");
            assertNumber(lines, "import of booktabs-tables.pdf (18 pages), peak heap", "");

            List<String> csv = Files.readAllLines(out.resolve(PerfResults.CSV));
            assertEquals(String.join(",", PerfRow.COLUMNS), csv.get(0));
            assertEquals(lines.stream().filter(l -> !l.isBlank() && !l.startsWith("---") && !l.startsWith("Written"))
                    .count(), csv.size(), "the same rows in the CSV as on the terminal");
            assertTrue(Files.readString(out.resolve(PerfResults.MARKDOWN)).contains("| figure | value | unit |"));
        }
    }

    @Test
    void aFigureThatCouldNotBeMeasuredSaysFailedAndWhyNeverANumber() throws Exception {
        Path out = dir.resolve("out");
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            // a sleep-time model that writes no JSON at all: sleep-time fails, answers still come
            ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? "I am sorry, I cannot help with that."
                    : OllamaStandIn.extract(r.lastUserMessage().orElse("")));
            CliRun run = CliRun.of("--data-dir", dir.resolve("data").toString(),
                    "--ollama-url", ollama.url().toString(), "bench", "perf", "--file", FILE.toString(),
                    "--trials", "2", "--out", out.toString());
            assertEquals(0, run.exit(), run::err);
            List<String> lines = run.out().lines().toList();
            for (String p : List.of("p50", "p95")) {
                String prepared = row(lines, "prepared-answer latency, " + p + " — sleep-time failed: The sleep-time model",
                        "");
                assertTrue(prepared.matches(".*\\s+failed\\s+ms\\s.*"), "failed, not a number: " + prepared);
            }
            assertNumber(lines, "time to first token, idle, p50 of 2", "");
            for (String l : lines) {
                assertTrue(!l.matches(".*\\s0\\.00?\\s+ms.*"), "no failure reported as 0 ms: " + l);
            }
        }
    }

    @Test
    void aMissingFileOrAnUnreachableServerIsOneSentenceAndExit1() throws Exception {
        StringWriter stderr = new StringWriter();
        Path none = dir.resolve("none.pdf");
        int exit = cli(new StringWriter(), stderr).execute("--data-dir", dir.resolve("data").toString(), "bench", "perf",
                "--file", none.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, exit);
        assertEquals("Ponder: there is no file " + none + ".", stderr.toString().strip());

        stderr = new StringWriter();
        exit = cli(new StringWriter(), stderr).execute("--data-dir", dir.resolve("data").toString(),
                "--ollama-url", OllamaTestServer.unusedUrl().toString(), "bench", "perf", "--file", FILE.toString(),
                "--trials", "1", "--out", dir.resolve("out").toString());
        assertEquals(1, exit);
        String last = stderr.toString().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("Ponder: ") && last.contains("Ollama"), stderr.toString());
    }

    private static CommandLine cli(StringWriter stdout, StringWriter stderr) {
        CommandLine cli = new CommandLine(new PonderCommand());
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        return cli;
    }

    /** The row that starts with {@code start} and holds {@code part}. */
    private static String row(List<String> lines, String start, String part) {
        return lines.stream().filter(l -> l.startsWith(start) && l.contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + start + "…" + part + " in\n" + String.join("\n", lines)));
    }

    private static String assertNumber(List<String> lines, String start, String part) {
        String row = row(lines, start, part);
        assertTrue(NUMBER.matcher(row + " ").find(), "a number in: " + row);
        return row;
    }

    /** Whether {@code command} runs (with {@code versionFlag}, which prints and exits 0). */
    private static boolean installed(String command, String versionFlag) {
        try {
            Process p = new ProcessBuilder(command, versionFlag).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
