package dev.ponder.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.LlmException.Kind;
import dev.ponder.settings.Settings;
import dev.ponder.testing.ChatReply;
import dev.ponder.testing.Fault;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.RecordingStreamListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link OllamaLanguageModel} through langchain4j's real Ollama client, over real HTTP, against the
 * Ollama test server and each of its faults.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OllamaLanguageModelTest {

    private static final String SYSTEM = "Answer from the document only.";
    private static final String USER = "Document: The warranty section. ANSWER: The warranty lasts 27 months. "
            + "Other text.\nQuestion: How long is the warranty?";
    private static final String ANSWER = "The warranty lasts 27 months.";
    private static final Prompt PROMPT = new Prompt(SYSTEM, USER, 64);
    /** Short deadlines, so faults the watchdog must catch end quickly. */
    private static final Duration SHORT = Duration.ofSeconds(1);
    /** Long deadlines, to show a fault is detected from the stream itself, not by the watchdog. */
    private static final Duration LONG = Duration.ofSeconds(15);
    private static final Duration QUICK = Duration.ofSeconds(3);

    private OllamaTestServer ollama;
    private OllamaModelServer server;

    @BeforeEach
    void startOllama() {
        ollama = OllamaTestServer.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        ollama.close();
    }

    private LanguageModel model(Duration firstToken, Duration inactivity) throws LlmException {
        server = new OllamaModelServer(Settings.defaults(Path.of("unused"))
                .withOllamaUrl(ollama.url())
                .withTimeouts(firstToken, inactivity));
        return server.chatModel();
    }

    /** Waits for the terminal callback, then a little longer to catch a second one. */
    private static RecordingStreamListener finished(RecordingStreamListener l, Duration within) throws Exception {
        assertTrue(l.awaitTerminal(within), "a terminal callback within " + within);
        Thread.sleep(200);
        assertEquals(1, l.terminalCalls(), "exactly one terminal callback");
        return l;
    }

    private static LlmException failedWith(RecordingStreamListener l, Kind kind) {
        assertNull(l.completion(), "no onComplete after a failure");
        LlmException e = l.error();
        assertNotNull(e);
        assertEquals(kind, e.kind(), e::getMessage);
        assertTrue(e.getMessage().endsWith("."), "a sentence: " + e.getMessage());
        assertTrue(e.getMessage().contains(" — "), "says what to do: " + e.getMessage());
        return e;
    }

    // ---------------------------------------------------------------- streaming, happy path

    @Test
    void streamDeliversTheTokensAndTheUsageTheServerCounted() throws Exception {
        RecordingStreamListener l = new RecordingStreamListener();
        model(SHORT, SHORT).stream(PROMPT, l);
        finished(l, QUICK);

        assertNull(l.error());
        assertEquals(ANSWER, l.text());
        assertTrue(l.tokens().size() > 1, "tokens arrive one by one");
        assertEquals(ANSWER, l.completion().text());
        ChatReply reply = ollama.lastReply().orElseThrow();
        assertEquals(new TokenUsage(reply.promptEvalCount(), reply.evalCount()), l.completion().usage());
        assertTrue(l.completion().usage().promptTokens() > 10);
    }

    @Test
    void everyRequestSendsNumCtxNumPredictALowTemperatureAndBothMessages() throws Exception {
        LanguageModel model = model(SHORT, SHORT);
        RecordingStreamListener l = new RecordingStreamListener();
        model.stream(PROMPT, l);
        finished(l, QUICK);
        model.complete(new Prompt(SYSTEM, USER, 32));

        List<RecordedRequest> chats = ollama.requests("/api/chat");
        assertEquals(2, chats.size());
        RecordedRequest streamed = chats.get(0);
        assertTrue(streamed.stream());
        assertEquals(8192, streamed.numCtx().orElseThrow());
        assertEquals(64, streamed.numPredict().orElseThrow());
        assertEquals(OllamaLanguageModel.TEMPERATURE, streamed.temperature().orElseThrow());
        assertEquals(List.of("system", "user"), streamed.messageRoles());
        assertEquals(List.of(SYSTEM, USER), streamed.messageContents());
        RecordedRequest blocking = chats.get(1);
        assertEquals(false, blocking.stream());
        assertEquals(8192, blocking.numCtx().orElseThrow());
        assertEquals(32, blocking.numPredict().orElseThrow());
    }

    @Test
    void anAnswerCutByNumPredictStillCompletes() throws Exception {
        RecordingStreamListener l = new RecordingStreamListener();
        model(SHORT, SHORT).stream(new Prompt(SYSTEM, USER, 3), l);
        finished(l, QUICK);
        assertEquals("The warranty lasts", l.completion().text());
        assertEquals(3, l.completion().usage().completionTokens());
    }

    // ---------------------------------------------------------------- streaming faults

    @Test
    void streamForAModelOllamaDoesNotHaveFailsWithModelMissingAndThePullCommand() throws Exception {
        ollama.failNext(Fault.UNKNOWN_MODEL);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG, LONG).stream(PROMPT, l);
        LlmException e = failedWith(finished(l, QUICK), Kind.MODEL_MISSING);
        assertEquals("Ollama has no model named llama3.2 — run `ollama pull llama3.2` (or choose another model in "
                + "Settings ▸ Test-time model), then press Retry.", dev.ponder.settings.Advice.forWindow(e.getMessage(), "Retry"));
    }

    @Test
    void streamAnsweredWithHttp500FailsWithServerErrorQuotingOllama() throws Exception {
        ollama.failNext(Fault.HTTP_500);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG, LONG).stream(PROMPT, l);
        LlmException e = failedWith(finished(l, QUICK), Kind.SERVER_ERROR);
        assertTrue(e.getMessage().contains(OllamaTestServer.RUNNER_ERROR), e.getMessage());
    }

    @Test
    void errorLineMidStreamFailsWithServerErrorAtOnceNotAtTheDeadline() throws Exception {
        ollama.failNext(Fault.ERROR_LINE_MID_STREAM);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG, LONG).stream(PROMPT, l);
        LlmException e = failedWith(finished(l, QUICK), Kind.SERVER_ERROR);
        assertTrue(e.getMessage().contains(OllamaTestServer.MID_STREAM_ERROR), e.getMessage());
        assertTrue(l.tokens().size() >= 1, "tokens before the error line were delivered");
    }

    @Test
    void connectionDroppedMidStreamFailsWithConnectionLost() throws Exception {
        ollama.failNext(Fault.DROP_MID_STREAM);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG, LONG).stream(PROMPT, l);
        failedWith(finished(l, QUICK), Kind.CONNECTION_LOST);
    }

    @Test
    void streamThatEndsWithoutItsFinalLineFailsWithConnectionLostAtOnce() throws Exception {
        ollama.failNext(Fault.END_WITHOUT_FINAL_LINE);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG, LONG).stream(PROMPT, l);
        LlmException e = failedWith(finished(l, QUICK), Kind.CONNECTION_LOST);
        assertTrue(e.getMessage().startsWith("Ollama ended the answer before it was complete"), e.getMessage());
    }

    @Test
    void aGarbledLineAfterGoodOnesIsABrokenReplyNotAWrongAddress() throws Exception {
        ollama.failNext(Fault.NON_JSON_LINE);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG, LONG).stream(PROMPT, l);
        LlmException e = failedWith(finished(l, QUICK), Kind.SERVER_ERROR);
        assertTrue(l.tokens().size() >= 1, "good lines came first");
        assertEquals("The model server sent a broken reply in the middle of the answer (a line that is not JSON) — "
                + "press Retry; if it keeps happening, restart Ollama.",
                dev.ponder.settings.Advice.forWindow(e.getMessage(), "Retry"));
        assertFalse(e.getMessage().contains("address"), "the same server just answered: " + e.getMessage());
    }

    @Test
    void aStreamWhoseFirstLineIsNotJsonIsNotOllamaCheckTheAddress() throws Exception {
        ollama.answerWith("");
        ollama.failNext(Fault.NON_JSON_LINE);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG, LONG).stream(PROMPT, l);
        LlmException e = failedWith(finished(l, QUICK), Kind.BAD_RESPONSE);
        assertTrue(e.getMessage().contains(ollama.url().toString()) && e.getMessage().contains("does not answer like Ollama"),
                e.getMessage());
    }

    @Test
    void streamThatStallsAfterHeadersFailsWithStalledWithinTheDeadline() throws Exception {
        ollama.failNext(Fault.STALL_AFTER_HEADERS);
        RecordingStreamListener l = new RecordingStreamListener();
        long start = System.nanoTime();
        model(SHORT, SHORT).stream(PROMPT, l);
        LlmException e = failedWith(finished(l, QUICK), Kind.STALLED);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 900 && millis < 2500, "failed after " + millis + " ms");
        assertTrue(e.getMessage().startsWith("Ollama did not start answering within 1 s"), e.getMessage());
    }

    @Test
    void streamThatGoesQuietMidAnswerFailsWithStalledAfterTheInactivityDeadline() throws Exception {
        ollama.setTokenDelay(Duration.ofMillis(1500));
        RecordingStreamListener l = new RecordingStreamListener();
        model(Duration.ofSeconds(5), Duration.ofMillis(500)).stream(PROMPT, l);
        LlmException e = failedWith(finished(l, Duration.ofSeconds(4)), Kind.STALLED);
        assertEquals(1, l.tokens().size(), "the first token came, then silence");
        assertTrue(e.getMessage().startsWith("Ollama stopped answering"), e.getMessage());
    }

    @Test
    void streamToAServerThatIsDownFailsWithUnreachableNamingTheUrl() throws Exception {
        LanguageModel model = model(LONG, LONG);
        ollama.stop();
        RecordingStreamListener l = new RecordingStreamListener();
        model.stream(PROMPT, l);
        LlmException e = failedWith(finished(l, QUICK), Kind.UNREACHABLE);
        assertTrue(e.getMessage().contains(ollama.url().toString()), e.getMessage());
    }

    // ---------------------------------------------------------------- cancellation

    @Test
    void cancelClosesTheStreamAndNoCallbackFollows() throws Exception {
        ollama.setTokenDelay(Duration.ofMillis(100));
        ollama.answerWith("one two three four five six seven eight nine ten eleven twelve thirteen fourteen");
        RecordingStreamListener l = new RecordingStreamListener();
        StreamHandle handle = model(LONG, LONG).stream(PROMPT, l);
        assertTrue(l.awaitFirstToken(QUICK));

        handle.cancel();
        int tokensAtCancel = l.tokens().size();

        assertTrue(ollama.awaitStreamsClosedByClient(1, QUICK), "the server saw the stream closed");
        Thread.sleep(400);
        assertEquals(tokensAtCancel, l.tokens().size(), "no token after cancel");
        assertEquals(0, l.terminalCalls(), "no onComplete or onError after cancel");
        handle.cancel();
    }

    @Test
    void cancelWhileTheModelIsStillLoadingClosesTheConnectionBeforeTheFirstToken() throws Exception {
        ollama.setLoadDelay(Duration.ofMillis(500));
        ollama.setTokenDelay(Duration.ofMillis(50));
        RecordingStreamListener l = new RecordingStreamListener();
        StreamHandle handle = model(LONG, LONG).stream(PROMPT, l);
        Thread.sleep(150);

        handle.cancel();

        assertTrue(ollama.awaitStreamsClosedByClient(1, QUICK), "the server saw the stream closed");
        Thread.sleep(300);
        assertTrue(l.tokens().isEmpty());
        assertEquals(0, l.terminalCalls());
    }

    @Test
    void cancelAfterCompletionChangesNothing() throws Exception {
        RecordingStreamListener l = new RecordingStreamListener();
        StreamHandle handle = model(SHORT, SHORT).stream(PROMPT, l);
        finished(l, QUICK);
        handle.cancel();
        assertEquals(1, l.terminalCalls());
        assertNotNull(l.completion());
    }

    // ---------------------------------------------------------------- blocking

    @Test
    void completeAnswersInOnePieceWithTheServersCounts() throws Exception {
        Completion c = model(SHORT, SHORT).complete(PROMPT);
        assertEquals(ANSWER, c.text());
        ChatReply reply = ollama.lastReply().orElseThrow();
        assertEquals(new TokenUsage(reply.promptEvalCount(), reply.evalCount()), c.usage());
    }

    @Test
    void completeFailsOnceWithoutRetryingAServerError() throws Exception {
        LanguageModel model = model(SHORT, SHORT);
        ollama.failAlways(Fault.HTTP_500);
        LlmException e = assertThrows(LlmException.class, () -> model.complete(PROMPT));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertTrue(e.getMessage().contains(OllamaTestServer.RUNNER_ERROR));
        assertEquals(1, ollama.requestCount("/api/chat"), "no retries");
    }

    @Test
    void completeMapsEachFaultToItsKind() throws Exception {
        LanguageModel model = model(SHORT, SHORT);
        assertCompleteFails(model, Fault.UNKNOWN_MODEL, Kind.MODEL_MISSING);
        assertCompleteFails(model, Fault.ERROR_LINE_MID_STREAM, Kind.SERVER_ERROR);
        assertCompleteFails(model, Fault.DROP_MID_STREAM, Kind.CONNECTION_LOST);
        assertCompleteFails(model, Fault.NON_JSON_LINE, Kind.BAD_RESPONSE);
    }

    @Test
    void completeThatStallsFailsWithStalledAtItsDeadline() throws Exception {
        LanguageModel model = model(SHORT, SHORT);
        ollama.failNext(Fault.STALL_AFTER_HEADERS);
        long start = System.nanoTime();
        // deadline: 1 s first token + 1 token at 2 tokens/s
        LlmException e = assertThrows(LlmException.class, () -> model.complete(new Prompt(SYSTEM, USER, 1)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Kind.STALLED, e.kind());
        assertTrue(millis < 3000, "failed after " + millis + " ms");
    }

    @Test
    void completeAgainstAServerThatIsDownFailsWithUnreachable() throws Exception {
        LanguageModel model = model(SHORT, SHORT);
        ollama.stop();
        LlmException e = assertThrows(LlmException.class, () -> model.complete(PROMPT));
        assertEquals(Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().startsWith("Ollama is not running at " + ollama.url()));
    }

    private void assertCompleteFails(LanguageModel model, Fault fault, Kind kind) {
        ollama.failNext(fault);
        LlmException e = assertThrows(LlmException.class, () -> model.complete(PROMPT), fault::name);
        assertEquals(kind, e.kind(), () -> fault + ": " + e.getMessage());
    }
}
