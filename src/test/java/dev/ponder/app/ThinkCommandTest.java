package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.sleeptime.ScriptedSleepModel;
import dev.ponder.testing.ChatReply;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ponder think} as a person runs it: a real PDF, a real library, real HTTP to the Ollama test server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ThinkCommandTest {

    private static final Path PDF = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();

    @TempDir
    Path dir;
    private OllamaTestServer ollama;

    @BeforeEach
    void startOllama() {
        ollama = OllamaTestServer.start();
        ollama.answerWith(new ScriptedSleepModel());
    }

    @AfterEach
    void stopOllama() {
        ollama.close();
    }

    private CliRun ponder(String... args) {
        return CliRun.of(dir, ollama.url(), args);
    }

    @Test
    void thinkingTwiceAboutAnUnchangedFileCallsNoModelTheSecondTime() throws Exception {
        CliRun first = ponder("think", "--json", PDF.toString());
        assertEquals(0, first.exit(), first.err());
        JsonNode o = new ObjectMapper().readTree(first.out().strip());
        assertEquals("us-constitution-bill-of-rights.pdf", o.get("document").asText());
        assertTrue(o.get("learned_context").asText().startsWith("Learned context of us-constitution-bill-of-rights.pdf"));
        assertTrue(o.get("learned_context").asText().contains("Summary: "));
        assertTrue(o.get("anticipated_questions").size() > 0);
        for (JsonNode q : o.get("anticipated_questions")) {
            assertTrue(q.get("question").asText().endsWith("?"));
            assertFalse(q.get("answer").asText().isBlank());
            assertTrue(q.get("pages").isArray());
        }
        long prompt = ollama.replies().stream().mapToLong(ChatReply::promptEvalCount).sum();
        long completion = ollama.replies().stream().mapToLong(ChatReply::evalCount).sum();
        assertEquals(prompt, o.get("sleep_prompt_tokens").asLong());
        assertEquals(completion, o.get("sleep_completion_tokens").asLong());
        assertEquals(4, o.get("steps_run").asInt(), "the first look, the notes, c′ and the questions");
        assertEquals(0, o.get("steps_reused").asInt());
        assertTrue(first.err().contains("Thinking about us-constitution-bill-of-rights.pdf — section 1 of "), first.err());
        assertTrue(first.err().contains("Thinking about us-constitution-bill-of-rights.pdf — writing the learned context"));
        int calls = ollama.requestCount("/api/chat");

        CliRun second = ponder("think", "--json", PDF.toString());

        assertEquals(0, second.exit(), second.err());
        JsonNode again = new ObjectMapper().readTree(second.out().strip());
        assertEquals(0, again.get("steps_run").asInt(), "nothing changed: no step runs");
        assertEquals(4, again.get("steps_reused").asInt());
        assertEquals(calls, ollama.requestCount("/api/chat"), "no model call at all");
        assertEquals(o.get("learned_context"), again.get("learned_context"));
        assertEquals(o.get("anticipated_questions"), again.get("anticipated_questions"));
        assertEquals(prompt, again.get("sleep_prompt_tokens").asLong());
    }

    @Test
    void withoutJsonItPrintsTheLearnedContextAndTheQuestionsAsText() {
        CliRun run = ponder("think", "--k", "2", PDF.toString());
        assertEquals(0, run.exit(), run.err());
        // version 1 is the first look at the outline, the last one is made from every section's notes
        assertTrue(run.out().matches("(?s)== us-constitution-bill-of-rights\\.pdf — learned context \\(version [2-9]\\).*"),
                run.out());
        assertTrue(run.out().contains("== Anticipated questions ("));
        assertTrue(run.out().contains("1. "));
        assertTrue(run.out().contains("4 steps run, 0 reused."), run.out());
        assertEquals(1 + 2 * ollama.requests("/api/chat").stream()
                .filter(r -> ScriptedSleepModel.Task.of(r).orElse(null) == ScriptedSleepModel.Task.LEARNED_CONTEXT)
                .count(), ollama.requests("/api/chat").stream()
                .filter(r -> ScriptedSleepModel.Task.of(r).orElse(null) == ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS)
                .count(), "--k 2: two generations from each c′ written from notes, one from the first look");
    }

    @Test
    void whenOllamaIsDownItSaysSoAndExitsWithOne() {
        ollama.stop();
        CliRun run = ponder("think", PDF.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("us-constitution-bill-of-rights.pdf: Ollama is not running at " + ollama.url()),
                run.err());
    }

    @Test
    void anOutOfRangeKIsAUsageError() {
        CliRun run = ponder("think", "--k", "9", PDF.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--k must be 1 to 5"), run.err());
    }

    @Test
    void theIdleThresholdAndTheSleepModelAreInheritedOptions() {
        CommandLine cli = new CommandLine(new PonderCommand());
        CommandLine.ParseResult parsed = cli.parseArgs("think", "--idle-seconds", "45", "--sleep-model", "qwen3:8b", "x.pdf");
        PonderCommand root = (PonderCommand) parsed.commandSpec().userObject();
        var settings = root.options.toSettings(java.util.Map.of());
        assertEquals(java.time.Duration.ofSeconds(45), settings.idleThreshold());
        assertEquals("qwen3:8b", settings.sleepModel());
        CliRun negative = ponder("--idle-seconds", "-1", "doctor");
        assertEquals(2, negative.exit());
        assertTrue(negative.err().contains("--idle-seconds must be 0 or more"), negative.err());
    }

    @Test
    void afterThinkingAnAnticipatedQuestionIsAnsweredFromItsPreparedAnswerWithoutTheModel() throws Exception {
        CliRun thought = ponder("think", "--json", PDF.toString());
        assertEquals(0, thought.exit(), thought.err());
        JsonNode anticipated = new ObjectMapper().readTree(thought.out().strip()).get("anticipated_questions").get(0);
        int before = ollama.requestCount("/api/chat");

        CliRun prepared = ponder("ask", "--json", "--doc", PDF.toString(), anticipated.get("question").asText());
        assertEquals(0, prepared.exit(), prepared.err());
        JsonNode o = new ObjectMapper().readTree(prepared.out().strip());
        assertEquals("prepared", o.get("mode").asText());
        assertTrue(o.get("predictability").asDouble() > 0.99, o.toString());
        assertTrue(o.get("answer").asText().startsWith(anticipated.get("answer").asText()), o.toString());
        assertEquals(0, o.get("prompt_tokens").asInt() + o.get("completion_tokens").asInt());
        assertEquals(before, ollama.requestCount("/api/chat"), "no model call");

        ollama.answerWith("The President must be thirty five years old.");
        CliRun modelAsked = ponder("ask", "--ask-model", "--doc", PDF.toString(), anticipated.get("question").asText());
        assertEquals(0, modelAsked.exit(), modelAsked.err());
        assertTrue(modelAsked.out().contains("From the learned context (predictability 1.00"), modelAsked.out());
        assertEquals(before + 1, ollama.requestCount("/api/chat"));
    }

    @Test
    void thinkFileThinksAboutThatFileOnlyNotTheRestOfTheLibrary() throws Exception {
        Path other = Path.of("sample-docs", "booktabs-tables.pdf").toAbsolutePath();
        CliRun imported = ponder("import", other.toString());
        assertEquals(0, imported.exit(), imported.err());

        CliRun run = ponder("think", PDF.toString());

        assertEquals(0, run.exit(), run.err());
        assertFalse(run.err().contains("booktabs"), "no progress about a document nobody asked about: " + run.err());
        assertTrue(ollama.requests("/api/chat").stream().noneMatch(r -> r.rawBody().contains("booktabs")),
                "the model was never asked about booktabs-tables.pdf");
        for (String line : run.err().split("\n")) {
            assertTrue(line.isEmpty() || line.startsWith("Thinking about us-constitution-bill-of-rights.pdf"),
                    "every progress line is about the file asked for, and whole: " + line);
        }
    }

    @Test
    void aFailedStepSaysRunTheCommandAgainAndNamesTheOptionNotTheWindowsButtonOrSetting() {
        ollama.setLoadDelay(java.time.Duration.ofSeconds(5));
        CliRun run = ponder("--stream-timeout", "1", "think", PDF.toString());

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("run the command again, or allow more time with `--stream-timeout SECONDS`"),
                run.err());
        assertFalse(run.err().contains("press Retry") || run.err().contains("Think now")
                || run.err().contains("Settings") || run.err().contains("{"), run.err());
    }
}
