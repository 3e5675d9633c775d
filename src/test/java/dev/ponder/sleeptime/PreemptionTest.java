package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerService;
import dev.ponder.answer.Retriever;
import dev.ponder.search.SectionIndex;
import dev.ponder.answer.Retriever;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.store.Exchange;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.SleepStepEntry;
import dev.ponder.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The person's return, a question and the pause switch cancel a sleep-time request by closing its
 * HTTP stream; the cancelled step is redone later and nothing finished is lost.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PreemptionTest {

    /** Slow mode: a notes answer of about 150 tokens streams for about 3 s. */
    private static final Duration SLOW = Duration.ofMillis(20);

    @TempDir
    Path dir;
    private SleepTimeHarness h;
    private long id;

    @BeforeEach
    void setUp() {
        h = new SleepTimeHarness(dir);
        id = h.addDocument("service-note.pdf", SleepTimeServiceTest.SERVICE_NOTE);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** Waits until the first sleep-time stream is flowing. */
    private void awaitStreaming() throws InterruptedException {
        h.awaitStatus(s -> s.state() == SleepTimeState.THINKING && h.ollama.requestCount("/api/chat") >= 1,
                Duration.ofSeconds(10));
        Thread.sleep(150);
    }

    @Test
    void inputDuringAStepClosesItsStreamAndTheStepIsRedoneAtTheNextIdleTime() throws Exception {
        h.ollama.setTokenDelay(SLOW);
        h.personAway();
        awaitStreaming();

        h.activity.touch();

        assertTrue(h.ollama.awaitStreamsClosedByClient(1, Duration.ofSeconds(2)), "Ollama saw the stream closed");
        assertEquals("You're active — thinking starts after 20 s without input",
                h.awaitState(SleepTimeState.USER_ACTIVE).sentence());
        assertEquals(SleepStepEntry.Status.PENDING, h.sleep.steps(id).get("section-notes").status());
        assertEquals(0, h.count("SELECT COUNT(*) FROM section_notes"), "the cancelled call stored nothing");
        assertEquals(1, h.count("SELECT COUNT(*) FROM sleep_calls WHERE outcome = 'CANCELLED'"));
        Thread.sleep(300);
        assertEquals(1, h.requests(ScriptedSleepModel.Task.SECTION_NOTES).size(), "nothing new while the person is here");

        h.ollama.setTokenDelay(Duration.ZERO);
        h.personAway();
        h.awaitState(SleepTimeState.READY);

        List<RecordedRequest> notes = h.requests(ScriptedSleepModel.Task.SECTION_NOTES);
        assertEquals(3, notes.size(), "the cancelled batch once more, then the second batch");
        assertEquals(notes.get(0).lastUserMessage(), notes.get(1).lastUserMessage(), "the same sections were redone");
        assertEquals(SleepTimeServiceTest.SERVICE_NOTE.length, h.count("SELECT COUNT(*) FROM section_notes"));
    }

    @Test
    void aQuestionCancelsSleepTimeAtOnceAndThinkingGoesOnAfterTheAnswer() throws Exception {
        h.ollama.setTokenDelay(SLOW);
        h.personAway();
        awaitStreaming();

        TestTimeActivity.Answering answering = h.testTime.begin();

        assertTrue(h.ollama.awaitStreamsClosedByClient(1, Duration.ofSeconds(2)));
        assertEquals("Answering your question — thinking paused", h.awaitState(SleepTimeState.ANSWERING).sentence());
        Thread.sleep(300);
        assertEquals(1, h.ollama.requestCount("/api/chat"), "no sleep-time request while the answer is made");

        h.ollama.setTokenDelay(Duration.ZERO);
        answering.close();
        h.awaitState(SleepTimeState.READY);
    }

    @Test
    void aQuestionAskedThroughTheAnswerServiceTakesTheModelFromSleepTime() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (OllamaModelServer models = new OllamaModelServer(h.settings);
             SectionIndex index = SectionIndex.open(h.settings.dataDir(), h.library)) {
            AnswerService answers = new AnswerService(h.library, new ExchangeRepository(h.db),
                    new LearnedContextRepository(h.db), SleepTimeHarness.embedder(),
                    new Retriever(h.library, SleepTimeHarness.embedder(), index), models, h.settings, executor,
                    h.testTime);
            h.ollama.setTokenDelay(SLOW);
            h.personAway();
            awaitStreaming();

            CompletableFuture<Exchange> answered = new CompletableFuture<>();
            answers.ask("How long is the warranty?", List.of(), new AnswerListener() {
                @Override
                public void onText(String text) {
                }

                @Override
                public void onFinished(Exchange exchange) {
                    answered.complete(exchange);
                }
            });

            assertTrue(h.ollama.awaitStreamsClosedByClient(1, Duration.ofSeconds(2)), "the sleep-time stream was closed");
            h.ollama.setTokenDelay(Duration.ZERO);
            assertEquals(Exchange.Status.ANSWERED, answered.get(10, TimeUnit.SECONDS).status());
            h.awaitState(SleepTimeState.READY);
            assertTrue(!h.testTime.busy());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void thinkNowRunsWhileThePersonIsActiveAndIgnoresTheirInput() throws Exception {
        h.awaitState(SleepTimeState.USER_ACTIVE);
        h.ollama.setTokenDelay(Duration.ofMillis(1));
        h.service().thinkNow();
        h.awaitStatus(s -> s.state() == SleepTimeState.THINKING, Duration.ofSeconds(10));
        h.activity.touch();
        h.awaitState(SleepTimeState.READY);
        assertEquals(0, h.ollama.streamsClosedByClient(), "input does not stop what the person asked for");
    }

    @Test
    void thePauseSwitchCancelsTheRunningStepAndResumeGoesOn() throws Exception {
        h.ollama.setTokenDelay(SLOW);
        h.personAway();
        awaitStreaming();

        h.service().pause();

        assertTrue(h.ollama.awaitStreamsClosedByClient(1, Duration.ofSeconds(2)));
        SleepTimeStatus paused = h.awaitState(SleepTimeState.PAUSED);
        assertTrue(paused.sentence().startsWith("Thinking paused"), paused.sentence());
        h.ollama.setTokenDelay(Duration.ZERO);
        h.service().resume();
        h.awaitState(SleepTimeState.READY);
    }
}
