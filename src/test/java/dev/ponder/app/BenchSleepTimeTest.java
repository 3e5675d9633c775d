package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.bench.BenchResults;
import dev.ponder.bench.BenchRow;
import dev.ponder.sleeptime.ScriptedSleepModel;
import dev.ponder.testing.OllamaStandIn;
import dev.ponder.testing.OllamaTestServer;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ponder bench sleeptime} end to end against the Ollama-protocol test server (sleep-time tasks
 * answered by the scripted sleep model, questions by the stand-in's extraction): every condition's rows
 * in the CSV with the server's token counts, the Markdown table, and both plots as PNG images.
 * Plumbing, not model quality.
 */
class BenchSleepTimeTest {

    @TempDir
    Path dir;

    @Test
    void benchWritesEveryConditionsRowsTheSummaryTableAndBothPlots() throws Exception {
        Path dataset = Files.writeString(dir.resolve("three.jsonl"), """
                {"id": "wages", "context": "Article I, Section 6. The Senators and Representatives shall receive a Compensation for their Services, to be ascertained by Law, and paid out of the Treasury of the United States. No Senator or Representative shall, during the Time for which he was elected, be appointed to any civil Office.", "queries": [{"question": "Out of what are the Senators and Representatives paid?", "answer": "Treasury of the United States"}, {"question": "Who ascertains their Compensation?", "answer": "by Law"}]}
                {"id": "floats", "context": "The float package improves the interface for defining floating objects such as figures and tables. It adds the H float placement specifier, which places the float here definitely. New float types are defined with the newfloat command.", "queries": [{"question": "Which placement specifier does the float package add?", "answer": "H"}, {"question": "Which command defines new float types?", "answer": "newfloat"}]}
                {"id": "rules", "context": "The booktabs package provides three rules for tables: toprule, midrule and bottomrule. Vertical rules should never be used in a formal table. Double rules are also discouraged.", "queries": [{"question": "Which rules should never be used in a formal table?", "answer": "Vertical rules"}, {"question": "Which rule goes in the middle of a table?", "answer": "midrule"}]}
                """);
        Path out = dir.resolve("out");
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ScriptedSleepModel sleepModel = new ScriptedSleepModel();
            ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? sleepModel.apply(r)
                    : OllamaStandIn.extract(r.lastUserMessage().orElse("")));
            StringWriter stdout = new StringWriter();
            StringWriter stderr = new StringWriter();
            CommandLine cli = new CommandLine(new PonderCommand());
            cli.setOut(new PrintWriter(stdout, true));
            cli.setErr(new PrintWriter(stderr, true));
            int exit = cli.execute("--data-dir", dir.resolve("data").toString(), "--ollama-url", ollama.url().toString(),
                    "bench", "sleeptime", "--dataset", dataset.toString(), "--out", out.toString(),
                    "--samples", "2", "--max-k", "2");
            assertEquals(0, exit, stderr::toString);

            List<String> csv = Files.readAllLines(out.resolve(BenchResults.CSV));
            assertEquals(String.join(",", BenchRow.COLUMNS), csv.get(0));
            // 6 queries × (3 baseline budgets + 2 pass@k samples + sleep-time k = 1, 2)
            assertEquals(1 + 6 * 7, csv.size(), () -> String.join("\n", csv));
            for (String condition : List.of(",baseline,direct,", ",baseline,brief,", ",baseline,stepwise,",
                    ",pass@k,1,", ",pass@k,2,", ",sleep-time,1,", ",sleep-time,2,")) {
                assertEquals(6, csv.stream().filter(l -> l.contains(condition)).count(), condition);
            }
            assertTrue(csv.stream().filter(l -> l.contains(",sleep-time,")).allMatch(l -> l.contains(",learned-context,")),
                    "sleep-time answers come from the learned context");
            assertTrue(csv.stream().anyMatch(l -> l.contains(",true,")), "the stand-in's extraction gets some answers right");
            long sleepTokens = ollama.replies().stream().filter(r -> ScriptedSleepModel.Task.of(r.request()).isPresent())
                    .mapToLong(r -> r.promptEvalCount() + r.evalCount()).sum();
            assertTrue(sleepTokens > 0);

            String summary = Files.readString(out.resolve(BenchResults.SUMMARY));
            assertTrue(summary.contains("| condition | queries answered | failed | accuracy | test-time tokens / query |"),
                    summary);
            for (String label : List.of("| baseline direct | 6 | 0 |", "| pass@k k=2 | 6 | 0 |", "| sleep-time k=1 | 6 | 0 |",
                    "| k=2 | 3 | 10 |")) {
                assertTrue(summary.contains(label), label + " in\n" + summary);
            }
            assertFalse(summary.contains("| failed | failed |") || summary.contains("answers failed")
                    || summary.contains("sleep-time failed on"), summary);
            assertTrue(stdout.toString().contains("| sleep-time k=2 | 6 | 0 |"), "the summary is printed");
            for (String png : List.of(BenchResults.ACCURACY_PNG, BenchResults.COST_PNG)) {
                BufferedImage image = ImageIO.read(out.resolve(png).toFile());
                assertNotNull(image, png + " is a PNG");
                assertEquals(800, image.getWidth());
                assertEquals(500, image.getHeight());
            }
        }
    }

    @Test
    void aConditionWhoseSleepTimeFailedPrintsFailedAndNamesTheReasonNeverZeroTokens() throws Exception {
        Path dataset = Files.writeString(dir.resolve("two.jsonl"), """
                {"id": "floats", "context": "The float package adds the H float placement specifier.", "queries": [{"question": "Which specifier does it add?", "answer": "H"}]}
                {"id": "rules", "context": "The booktabs package provides toprule, midrule and bottomrule.", "queries": [{"question": "Which rule goes in the middle?", "answer": "midrule"}]}
                """);
        Path out = dir.resolve("out");
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            // a model that fills no JSON at all: every context's sleep-time fails
            ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? "I am sorry, I cannot help with that."
                    : OllamaStandIn.extract(r.lastUserMessage().orElse("")));
            CliRun run = CliRun.of("--data-dir", dir.resolve("data").toString(), "--ollama-url",
                    ollama.url().toString(), "bench", "sleeptime", "--dataset", dataset.toString(), "--out", out.toString(),
                    "--samples", "1", "--max-k", "1");
            assertEquals(0, run.exit(), run::err);

            String summary = Files.readString(out.resolve(BenchResults.SUMMARY));
            assertTrue(summary.contains("| sleep-time k=1 | 0 | 2 | failed | failed | failed | failed |"), summary);
            assertTrue(summary.contains("- sleep-time k=1: sleep-time failed on 2 of 2 contexts: The sleep-time model "
                    + "(llama3.2) did not answer in the form Ponder asked for"), summary);
            assertTrue(summary.contains("sleep-time k=1: not computed — no context where both it and baseline brief were "
                    + "measured."), summary);
            assertFalse(summary.contains("| k=1 |"), "no amortization from a failed condition:\n" + summary);
            assertTrue(summary.contains("| baseline brief | 2 | 0 |"), "the baselines are measured:\n" + summary);
            assertTrue(run.out().contains("| sleep-time k=1 | 0 | 2 | failed |"), "printed too");
            List<String> csv = Files.readAllLines(out.resolve(BenchResults.CSV));
            assertEquals(2, csv.stream().filter(l -> l.contains(",sleep-time,1,") && l.contains(",failed,")).count());
        }
    }

    @Test
    void aMissingOrMalformedDatasetIsOneSentenceAndExit1() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"context\": \"x\"}\n");
        for (String[] c : List.of(new String[] {dir.resolve("none.jsonl").toString(), "Ponder: there is no dataset file "
                + dir.resolve("none.jsonl") + "."}, new String[] {bad.toString(),
                "Ponder: Line 1 of bad.jsonl is neither {\"context\", \"queries\"} nor {\"question\", \"answer\"}."})) {
            StringWriter stderr = new StringWriter();
            CommandLine cli = new CommandLine(new PonderCommand());
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(stderr, true));
            int exit = cli.execute("--data-dir", dir.resolve("data").toString(), "bench", "sleeptime", "--dataset", c[0],
                    "--out", dir.resolve("out").toString());
            assertEquals(1, exit);
            assertEquals(c[1], stderr.toString().strip());
        }
    }
}
