package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.answer.AnswerRequest;
import dev.ponder.answer.PromptWarmUp;
import dev.ponder.document.ImportOutcome;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.ScriptedSleepModel;
import dev.ponder.sleeptime.SleepTimeStatus;
import dev.ponder.sleeptime.ThinkOutcome;
import dev.ponder.store.Exchange;
import dev.ponder.store.SleepCallEntry;
import dev.ponder.store.SleepTimeRepository;
import dev.ponder.testing.Asking;
import dev.ponder.testing.Fault;
import dev.ponder.testing.OllamaStandIn;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompt-prefix warm-up through the composition root, with the Ollama-protocol test server in
 * its speed mode (it counts a prefix shared with the previous request to the model as computed):
 * once sleep-time is done and the person is away, the prefix of the selected document's next answer
 * is sent once with {@code num_predict: 1}; the next question then pays prefill only for its sections
 * and itself; every call to the model carries the same {@code num_ctx}; a question cancels a warm-up
 * in flight; a server that fails it changes nothing the person sees and answers still come.
 */
class PromptWarmUpEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Path PDF = Path.of("sample-docs", "float-package-paper.pdf").toAbsolutePath();

    @TempDir
    Path dataDir;

    @Test
    void afterThinkingTheNextQuestionPaysPrefillOnlyForItsSectionsAndItselfAndEveryCallHasOneNumCtx() throws Exception {
        try (OllamaTestServer ollama = server()) {
            // the sleep-time model named as the chat model, resolved on its own path: still the same num_ctx
            Settings settings = settings(ollama).withSleepModel("llama3.2:latest");
            try (Ponder ponder = Ponder.open(settings)) {
                long doc = thinkAbout(ponder);
                ponder.sleepTime().focus(doc);
                await(() -> warmUps(ollama).size() == 1, "the warm-up");
                Thread.sleep(PromptWarmUp.TARGET_MILLIS * 2);
                assertEquals(1, warmUps(ollama).size(), "sent once");

                int before = ollama.requests("/api/chat").size();
                Exchange e = Asking.ask(ponder.answers(), new AnswerRequest("How can a figure be placed exactly here?", List.of(doc), 0,
                        false), 60);
                assertEquals(Exchange.MODE_LEARNED_CONTEXT, e.mode(), () -> e.error().orElse(""));
                RecordedRequest warmUp = warmUps(ollama).get(0);
                RecordedRequest answer = ollama.requests("/api/chat").get(before);
                assertEquals(warmUp.messageContents().get(0), answer.messageContents().get(0));
                assertTrue(answer.lastUserMessage().orElseThrow().startsWith(warmUp.lastUserMessage().orElseThrow()),
                        "the answer's prompt begins with the warmed prefix");
                int paid = ollama.prefilledTokens().get(before);
                assertEquals(tokens(answer) - tokens(warmUp), paid, "prefill for its sections and the question only");

                List<Integer> numCtx = ollama.requests("/api/chat").stream().map(r -> r.numCtx().orElse(-1)).distinct()
                        .toList();
                assertEquals(List.of(settings.maxContextTokens()), numCtx,
                        "sleep-time, baseline, warm-up and answer calls: one num_ctx, so Ollama never reloads the model");
                assertEquals(1, new SleepTimeRepository(ponder.database()).tokenTotals(doc).stream()
                        .filter(t -> t.step().equals(PromptWarmUp.STEP)).count(), "counted as sleep-time");
            }
        }
    }

    @Test
    void aQuestionCancelsAWarmUpInFlightAndIsAnswered() throws Exception {
        try (OllamaTestServer ollama = server()) {
            try (Ponder ponder = Ponder.open(settings(ollama))) {
                long doc = thinkAndMeasure(ponder);
                // slow prefill: the warm-up of c′ takes seconds
                ollama.setSpeed(new OllamaTestServer.Speed(Duration.ofMillis(20), Duration.ZERO));
                ponder.sleepTime().focus(doc);
                await(() -> warmUps(ollama).size() == 1, "the warm-up to start");

                Exchange e = Asking.ask(ponder.answers(), new AnswerRequest("How can a figure be placed exactly here?", List.of(doc), 0,
                        false), 60);

                assertEquals(Exchange.Status.ANSWERED, e.status(), () -> e.error().orElse(""));
                assertTrue(ollama.awaitStreamsClosedByClient(1, Duration.ofSeconds(30)), "the warm-up's stream closed");
                await(() -> new SleepTimeRepository(ponder.database()).callOutcomes(doc)
                        .containsKey(SleepCallEntry.Outcome.CANCELLED), "the cancelled warm-up recorded");
            }
        }
    }

    @Test
    void aServerThatFailsTheWarmUpShowsNothingAndAnswersStillCome() throws Exception {
        try (OllamaTestServer ollama = server()) {
            try (Ponder ponder = Ponder.open(settings(ollama))) {
                long doc = thinkAndMeasure(ponder);
                SleepTimeStatus before = ponder.sleepTime().status();
                String documentSentence = ponder.sleepTime().documentState(doc).orElseThrow().sentence();
                ollama.failAlways(Fault.HTTP_500);
                ponder.sleepTime().focus(doc);
                await(() -> warmUps(ollama).size() == 1, "the warm-up");
                Thread.sleep(PromptWarmUp.TARGET_MILLIS * 2);

                assertEquals(1, warmUps(ollama).size(), "not asked again for the same prefix");
                SleepTimeStatus after = ponder.sleepTime().status();
                assertEquals(before.state(), after.state());
                assertEquals(before.sentence(), after.sentence(), "nothing about the warm-up in the window");
                assertEquals(Optional.empty(), ponder.sleepTime().documentState(doc).orElseThrow().failure());
                assertEquals(ponder.sleepTime().documentState(doc).orElseThrow().sentence(), documentSentence);
                ollama.clearFault();
                Exchange e = Asking.ask(ponder.answers(), new AnswerRequest("How can a figure be placed exactly here?", List.of(doc), 0,
                        false), 60);
                assertEquals(Exchange.MODE_LEARNED_CONTEXT, e.mode(), () -> e.error().orElse(""));
            }
        }
    }

    /** A test server playing the scripted sleep-time model, in its speed mode at no cost (its prompt cache only). */
    static OllamaTestServer server() {
        return server(new ScriptedSleepModel());
    }

    /** The test server answering sleep-time tasks with {@code sleepModel} and questions by extraction. */
    static OllamaTestServer server(ScriptedSleepModel sleepModel) {
        OllamaTestServer ollama = OllamaTestServer.start();
        ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? sleepModel.apply(r)
                : OllamaStandIn.extract(r.lastUserMessage().orElse("")));
        // the speed mode at no cost: only its prompt cache and its count of what each request paid for
        ollama.setSpeed(new OllamaTestServer.Speed(Duration.ZERO, Duration.ZERO));
        return ollama;
    }

    /** The person is always away: sleep-time and idle work run whenever nothing is asked. */
    private Settings settings(OllamaTestServer ollama) {
        return Settings.defaults(dataDir).withOllamaUrl(ollama.url()).withIdleThreshold(Duration.ZERO);
    }

    private static long thinkAbout(Ponder ponder) throws Exception {
        return thinkAbout(ponder, PDF);
    }

    /** Imports {@code pdf} and thinks about it now; returns its document id. */
    static long thinkAbout(Ponder ponder, Path pdf) throws Exception {
        return thinkAbout(ponder, pdf, WAIT);
    }

    /** {@link #thinkAbout(Ponder, Path)}, waiting up to {@code wait} (at least a minute) for importing, and {@code wait} for thinking. */
    static long thinkAbout(Ponder ponder, Path pdf, Duration wait) throws Exception {
        ImportOutcome imported = ponder.libraryService().open(pdf.toAbsolutePath())
                .get(Math.max(60, wait.toSeconds()), TimeUnit.SECONDS);
        long doc = assertInstanceOf(ImportOutcome.Imported.class, imported).document().id();
        ponder.sleepTime().start();
        ThinkOutcome thought = ponder.sleepTime().think(doc).get(wait.toSeconds(), TimeUnit.SECONDS);
        assertTrue(thought.ready(), thought::toString);
        return doc;
    }

    /** {@link #thinkAbout}, then waits for the baseline measurements of its anticipated questions, which go first. */
    private static long thinkAndMeasure(Ponder ponder) throws Exception {
        long doc = thinkAbout(ponder);
        List<Long> anticipated = ponder.sleepTime().insights(doc).orElseThrow().anticipatedQuestions().stream()
                .map(q -> q.id()).toList();
        await(() -> ponder.savings().anticipatedBaselines(anticipated).size() == anticipated.size(),
                "the baseline measurements");
        await(() -> ponder.sleepTime().status().state() != dev.ponder.sleeptime.SleepTimeState.THINKING,
                "the end of thinking");
        return doc;
    }

    private static List<RecordedRequest> warmUps(OllamaTestServer ollama) {
        return ollama.requests("/api/chat").stream().filter(r -> r.numPredict().equals(Optional.of(1))).toList();
    }

    /** The prompt tokens the speed mode counts: every message's tokens and one separator before each. */
    private static int tokens(RecordedRequest r) {
        return r.messageContents().stream().mapToInt(c -> 1 + TestTokens.count(c)).sum();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
