package dev.ponder.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.CancelSignal;
import dev.ponder.llm.ModelServer;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.llm.OpenAiModelServer;
import dev.ponder.llm.Prompt;
import dev.ponder.llm.PromptTrackingModelServer;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.Settings;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.SleepCallEntry;
import dev.ponder.store.SleepTimeRepository;
import dev.ponder.store.SleepTokenTotal;
import dev.ponder.testing.Fault;
import dev.ponder.testing.NeverCancelled;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.OpenAiTestServer;
import dev.ponder.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PromptWarmUp} on its own, against the Ollama- and OpenAI-protocol test servers and a real
 * H2 file: what it sends, once, how it is recorded, and that a server failing it changes nothing.
 * Through the composition root (idle work, the next answer's prefill, cancelling):
 * {@code dev.ponder.app.PromptWarmUpEndToEndTest}.
 */
class PromptWarmUpTest {

    private static final String CONTEXT = "Summary: service note of the Q7 widget.\nKey facts:\n"
            + "- Warranty: 27 months from purchase [p. 2]\n- Maximum load: 45 kg [p. 2]\n";
    private static final CancelSignal NEVER = NeverCancelled.INSTANCE;

    @TempDir
    Path dir;
    private Database db;
    private LibraryRepository library;
    private LearnedContextRepository learned;
    private SleepTimeRepository sleepCalls;
    private ModelServer server;
    private long widget;
    private long selected;

    @BeforeEach
    void setUp() {
        db = Database.open(dir);
        library = new LibraryRepository(db);
        learned = new LearnedContextRepository(db);
        sleepCalls = new SleepTimeRepository(db);
        widget = library.add(new NewDocument(Optional.of("a".repeat(64)), "widget.pdf", dir.resolve("widget.pdf"), 1000),
                DocumentStatus.READY, Optional.empty());
        selected = widget;
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        db.close();
    }

    @Test
    void thePrefixOfTheSelectedDocumentGoesToOllamaOnceWithOneTokenAndIsCountedAsSleepTime() {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            PromptWarmUp warmUp = ollamaWarmUp(ollama);

            assertTrue(warmUp.due());
            warmUp.runOne(NEVER);

            RecordedRequest sent = ollama.lastChatRequest().orElseThrow();
            assertEquals(Optional.of(1), sent.numPredict(), "Ollama ignores num_predict 0");
            assertEquals(Optional.of(8192), sent.numCtx(), "the num_ctx answers send");
            Prompt expected = new PromptBuilder().learnedContextPrefix(List.of(new PromptBuilder.LearnedContextText(
                    widget, "widget.pdf", 0, CONTEXT)), 8192, Settings.defaults(dir).answerTokens()).orElseThrow();
            assertEquals(List.of(expected.system(), expected.user()), sent.messageContents());
            assertTrue(sent.lastUserMessage().orElseThrow().contains("Warranty: 27 months"));
            assertFalse(sent.lastUserMessage().orElseThrow().contains("Question:"), "nothing after c′");
            assertFalse(warmUp.due(), "once per model and prefix");

            SleepTokenTotal recorded = sleepCalls.tokenTotals(widget).get(0);
            assertEquals(PromptWarmUp.STEP, recorded.step());
            assertEquals((long) ollama.lastReply().orElseThrow().promptEvalCount(), recorded.promptTokens(),
                    "the server's count, as a sleep-time call");
            assertEquals(Map.of(SleepCallEntry.Outcome.OK, 1), sleepCalls.callOutcomes(widget));
        }
    }

    @Test
    void anotherCallTheServerAnsweredOrAnotherSelectionOrANewLearnedContextMakesItDueAgain() throws Exception {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            PromptWarmUp warmUp = ollamaWarmUp(ollama);
            warmUp.runOne(NEVER);
            assertFalse(warmUp.due());

            server.chatModel().complete(new Prompt("Answer briefly.", "Say yes.", 8));
            assertTrue(warmUp.due(), "the server's cache now holds another prompt");
            warmUp.runOne(NEVER);
            assertFalse(warmUp.due());

            long manual = library.add(new NewDocument(Optional.of("b".repeat(64)), "manual.pdf", dir.resolve("m.pdf"),
                    1000), DocumentStatus.READY, Optional.empty());
            learned.saveLearnedContext(manual, "key-m", "llama3.2", "test", "{}", "Summary: a manual.\n", 10, 2000,
                    "learned-context");
            selected = manual;
            Thread.sleep(PromptWarmUp.TARGET_MILLIS + 100);
            assertTrue(warmUp.due(), "another document selected");
            warmUp.runOne(NEVER);
            assertTrue(ollama.lastChatRequest().orElseThrow().lastUserMessage().orElseThrow().contains("a manual"));

            learned.saveLearnedContext(manual, "key-m2", "llama3.2", "test", "{}", "Summary: a newer manual.\n", 10,
                    2000, "learned-context");
            Thread.sleep(PromptWarmUp.TARGET_MILLIS + 100);
            assertTrue(warmUp.due(), "a new c′");
            assertEquals(3, ollama.requests("/api/chat").stream().filter(r -> r.numPredict().equals(Optional.of(1)))
                    .count());
        }
    }

    @Test
    void aServerThatFailsTheWarmUpIsNotAskedAgainAndNothingIsThrown() {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            PromptWarmUp warmUp = ollamaWarmUp(ollama);
            ollama.failAlways(Fault.HTTP_500);

            warmUp.runOne(NEVER);

            assertFalse(warmUp.due(), "not again for the same prefix");
            assertEquals(Map.of(SleepCallEntry.Outcome.FAILED, 1), sleepCalls.callOutcomes(widget));
            ollama.failAlways(Fault.ERROR_LINE_MID_STREAM);
            learned.saveLearnedContext(widget, "key2", "llama3.2", "test", "{}", CONTEXT + "- New fact [p. 1]\n", 45,
                    2000, "learned-context");
            PromptWarmUp fresh = warmUp((PromptTrackingModelServer) server, settings(ollama));
            fresh.runOne(NEVER);
            assertFalse(fresh.due());
            assertEquals(Map.of(SleepCallEntry.Outcome.FAILED, 2), sleepCalls.callOutcomes(widget));
        }
    }

    @Test
    void toAnOpenAiCompatibleServerItSendsMaxTokensOne() {
        try (OpenAiTestServer openAi = OpenAiTestServer.start("qwen2.5")) {
            learned.saveLearnedContext(widget, "key", "qwen2.5", "test", "{}", CONTEXT, 40, 2000, "learned-context");
            Settings settings = Settings.defaults(dir).withOpenAi(new OpenAiEndpoint(openAi.url(), ""));
            PromptTrackingModelServer tracking = new PromptTrackingModelServer(new OpenAiModelServer(settings));
            PromptWarmUp warmUp = warmUp(tracking, settings);

            warmUp.runOne(NEVER);

            RecordedRequest sent = openAi.lastChatRequest().orElseThrow();
            assertEquals(1, sent.body().path("max_tokens").asInt(), sent.rawBody());
            assertTrue(sent.lastUserMessage().orElseThrow().contains("Warranty: 27 months"));
            assertFalse(warmUp.due());
            assertEquals(Map.of(SleepCallEntry.Outcome.OK, 1), sleepCalls.callOutcomes(widget));
        }
    }

    /** A warm-up of widget.pdf's c′ (saved here) towards {@code ollama}. */
    private PromptWarmUp ollamaWarmUp(OllamaTestServer ollama) {
        learned.saveLearnedContext(widget, "key", "llama3.2", "test", "{}", CONTEXT, 40, 2000, "learned-context");
        return warmUp(new PromptTrackingModelServer(new OllamaModelServer(settings(ollama))), settings(ollama));
    }

    private PromptWarmUp warmUp(PromptTrackingModelServer tracking, Settings settings) {
        server = tracking;
        return new PromptWarmUp(library, learned, new ExchangeRepository(db), sleepCalls, tracking, tracking,
                () -> settings, () -> selected);
    }

    private Settings settings(OllamaTestServer ollama) {
        return Settings.defaults(dir).withOllamaUrl(ollama.url()).withTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }
}
