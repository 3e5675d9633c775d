package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.answer.AnswerRequest;
import dev.ponder.answer.PromptWarmUp;
import dev.ponder.answer.SavingsReport;
import dev.ponder.document.ImportOutcome;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.ScriptedSleepModel;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.ThinkOutcome;
import dev.ponder.store.SleepTimeRepository;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.Exchange;
import dev.ponder.testing.Asking;
import dev.ponder.testing.ChatReply;
import dev.ponder.testing.OllamaStandIn;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sleep-time, answers and the savings accounting through the composition root, with the
 * Ollama-protocol test server counting every token: the figures Ponder reports are exactly the
 * server's counts, and the cost per query follows cost = w × test-time + sleep-time tokens.
 */
class SavingsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    @Test
    void savingsAndCostFiguresAreTheServersCountsPutThroughTheCostModel() throws Exception {
        Path pdf = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ScriptedSleepModel sleepModel = new ScriptedSleepModel();
            ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? sleepModel.apply(r)
                    : OllamaStandIn.extract(r.lastUserMessage().orElse("")));
            // the person is always away: sleep-time and baseline measurements run whenever nothing is asked
            Settings settings = Settings.defaults(dataDir).withOllamaUrl(ollama.url()).withIdleThreshold(Duration.ZERO);
            try (Ponder ponder = Ponder.open(settings)) {
                ImportOutcome imported = ponder.libraryService().open(pdf).get(60, TimeUnit.SECONDS);
                long doc = assertInstanceOf(ImportOutcome.Imported.class, imported).document().id();
                ponder.sleepTime().start();
                ThinkOutcome thought = ponder.sleepTime().think(doc).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertTrue(thought.ready(), thought::toString);
                List<AnticipatedQuestion> anticipated = ponder.sleepTime().insights(doc).orElseThrow().anticipatedQuestions();
                assertTrue(anticipated.size() >= 2, "anticipated: " + anticipated.size());
                List<Long> ids = anticipated.stream().map(AnticipatedQuestion::id).toList();
                await(() -> ponder.savings().anticipatedBaselines(ids).size() == ids.size(), "every anticipated question's baseline");

                // the scripted sequence: two anticipated questions, then one nobody anticipated
                List<String> questions = List.of(anticipated.get(0).question(), anticipated.get(1).question(),
                        "Which colour is the cover of this copy?");
                List<String> modes = new java.util.ArrayList<>();
                int n = 0;
                for (String q : questions) {
                    modes.add(ask(ponder, q, doc).mode());
                    int asked = ++n;
                    await(() -> ponder.savings().report(List.of(doc)).baselinesMeasured() == asked, "baseline of question " + asked);
                }
                assertEquals(List.of(Exchange.MODE_PREPARED, Exchange.MODE_PREPARED, Exchange.MODE_LEARNED_CONTEXT), modes);

                // no idle work from here on: a prompt warm-up in flight is cancelled and recorded (with no tokens)
                ponder.sleepTime().pause();
                await(() -> ponder.sleepTime().status().state() == SleepTimeState.PAUSED, "sleep-time paused");
                SavingsReport report = ponder.savings().report(List.of(doc));
                Map<String, Long> baselineByQuestion = ollama.replies().stream()
                        .filter(r -> ScriptedSleepModel.Task.of(r.request()).isEmpty() && !learnedContext(r) && !warmUp(r))
                        .collect(Collectors.toMap(r -> question(r), SavingsEndToEndTest::tokens, (a, b) -> a));
                // the prompt warm-ups are sleep-time calls too; their counts are checked against the server's in
                // PromptWarmUpTest (one cancelled by a question counts on the server but not in Ponder)
                long warmUpTokens = new SleepTimeRepository(ponder.database()).tokenTotals(doc).stream()
                        .filter(t -> t.step().equals(PromptWarmUp.STEP))
                        .mapToLong(t -> t.promptTokens() + t.completionTokens()).sum();
                long sleepTokens = warmUpTokens + ollama.replies().stream()
                        .filter(r -> ScriptedSleepModel.Task.of(r.request()).isPresent())
                        .mapToLong(SavingsEndToEndTest::tokens).sum();
                long testTimeTokens = ollama.replies().stream().filter(r -> learnedContext(r) && !warmUp(r))
                        .mapToLong(SavingsEndToEndTest::tokens).sum();
                long baselineTokens = questions.stream().mapToLong(baselineByQuestion::get).sum();

                assertEquals(sleepTokens, report.sleepTimeTokens());
                assertEquals(3, report.questionsAsked());
                assertEquals(2, report.preparedAnswers());
                assertEquals(testTimeTokens, report.testTimeTokens());
                assertEquals(3, report.baselinesMeasured());
                assertEquals(baselineTokens, report.baselineTokens());
                assertEquals(baselineTokens - testTimeTokens, report.savedTestTimeTokens());
                assertEquals((10.0 * testTimeTokens + sleepTokens) / 3, report.costPerQueryWithSleepTime().orElseThrow(), 1e-9);
                assertEquals(10.0 * baselineTokens / 3, report.costPerQueryWithoutSleepTime().orElseThrow(), 1e-9);
                assertEquals(4, report.curve().size());
                assertEquals(new SavingsReport.CostPoint(0, sleepTokens, 0), report.curve().get(0));
                assertEquals(new SavingsReport.CostPoint(3, sleepTokens + 10.0 * testTimeTokens, 10.0 * baselineTokens),
                        report.curve().get(3));
                double firstBaseline = 10.0 * baselineByQuestion.get(questions.get(0));
                assertEquals(new SavingsReport.CostPoint(1, sleepTokens, firstBaseline), report.curve().get(1),
                        "a prepared answer adds no test-time cost");
            }
        }
    }

    private static Exchange ask(Ponder ponder, String question, long doc) throws Exception {
        Exchange e = Asking.ask(ponder.answers(), AnswerRequest.of(question, List.of(doc)), 60);
        assertEquals(Exchange.Status.ANSWERED, e.status(), () -> e.error().orElse(""));
        return e;
    }

    private static boolean learnedContext(ChatReply r) {
        return r.request().lastUserMessage().orElse("").contains("kind=\"learned context\"");
    }

    /** A prompt warm-up: the learned-context prefix with a one-token budget. */
    private static boolean warmUp(ChatReply r) {
        return r.request().numPredict().equals(java.util.Optional.of(1));
    }

    private static String question(ChatReply r) {
        String prompt = r.request().lastUserMessage().orElse("");
        String tail = prompt.substring(prompt.lastIndexOf("Question: ") + "Question: ".length());
        // the question is followed by the line naming the language to answer in, when it can be told
        return tail.lines().findFirst().orElse("");
    }

    private static long tokens(ChatReply r) {
        return r.promptEvalCount() + r.evalCount();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
