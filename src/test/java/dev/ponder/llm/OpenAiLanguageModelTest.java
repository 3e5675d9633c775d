package dev.ponder.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.LlmException.Kind;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.Settings;
import dev.ponder.testing.ChatReply;
import dev.ponder.testing.Fault;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.OpenAiTestServer;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.RecordingStreamListener;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link OpenAiModelServer} and {@link OpenAiLanguageModel} through langchain4j's real OpenAI
 * client, over real HTTP, against the OpenAI-protocol test server: streaming with usage, a server
 * without usage, cancellation, the deadline, an error mid-stream and a refused key.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OpenAiLanguageModelTest {

    private static final String MODEL = "qwen2.5-3b-instruct";
    private static final String KEY = "sk-test-123";
    private static final String USER = "Document: The warranty section. ANSWER: The warranty lasts 27 months. "
            + "Other text.\nQuestion: How long is the warranty?";
    private static final String ANSWER = "The warranty lasts 27 months.";
    private static final Prompt PROMPT = new Prompt("Answer from the document only.", USER, 64);
    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofSeconds(15);
    private static final Duration QUICK = Duration.ofSeconds(3);

    private OpenAiTestServer openAi;
    private OpenAiModelServer server;

    @BeforeEach
    void start() {
        openAi = OpenAiTestServer.start(MODEL, "other-model");
        openAi.requireApiKey(KEY);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        openAi.close();
    }

    private OpenAiModelServer server(URI url, String key, Duration deadline) {
        server = new OpenAiModelServer(Settings.defaults(Path.of("unused"))
                .withOpenAi(new OpenAiEndpoint(url, key))
                .withTimeouts(deadline, deadline));
        return server;
    }

    private LanguageModel model(Duration deadline) throws LlmException {
        return server(openAi.url(), KEY, deadline).chatModel();
    }

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
        assertSentence(e.getMessage());
        return e;
    }

    private static void assertSentence(String m) {
        assertTrue(m.endsWith("."), "a sentence: " + m);
        assertTrue(m.contains(" — "), "says what to do: " + m);
        assertFalse(m.contains("Exception"), "no technical names: " + m);
    }

    @Test
    void checkListsTheModelsAndChoosesTheFirstWithTheContextSetting() {
        ServerStatus status = server(openAi.url(), KEY, SHORT).check();

        assertTrue(status.ready(), () -> status.problem().orElse(""));
        assertEquals(List.of(MODEL, "other-model"), status.models());
        assertEquals(MODEL, status.model());
        assertEquals(Settings.DEFAULT_MAX_CONTEXT_TOKENS, status.contextTokens());
        assertEquals("Bearer " + KEY, openAi.authorizations().get(0));
    }

    @Test
    void embeddingOnlyModelsAreNotOfferedNorChosen() {
        openAi.close();
        openAi = OpenAiTestServer.start("text-embedding-nomic-embed-text-v1.5", "all-minilm-l6-v2", MODEL);
        ServerStatus status = server(openAi.url(), KEY, SHORT).check();

        assertEquals(3, status.models().size(), "every model the server lists");
        assertEquals(List.of(MODEL), status.chatModels(), "what the pickers offer");
        assertEquals(MODEL, status.model(), "automatic: the first model that can chat");
    }

    @Test
    void streamDeliversTheTokensAndTheUsageChunkTheServerCounted() throws Exception {
        RecordingStreamListener l = new RecordingStreamListener();
        model(SHORT).stream(PROMPT, l);
        finished(l, QUICK);

        assertNull(l.error());
        assertEquals(ANSWER, l.text());
        assertTrue(l.tokens().size() > 1, "tokens arrive one by one");
        assertEquals(ANSWER, l.completion().text());
        ChatReply reply = openAi.replies().get(0);
        assertEquals(new TokenUsage(reply.promptEvalCount(), reply.evalCount()), l.completion().usage());
        assertTrue(l.completion().usage().promptTokens() > 10);

        RecordedRequest r = openAi.lastChatRequest().orElseThrow();
        assertTrue(r.body().path("stream_options").path("include_usage").asBoolean(), r.rawBody());
        assertEquals(64, r.body().path("max_tokens").asInt(), r.rawBody());
        assertEquals(MODEL, r.model().orElseThrow());
        assertEquals(List.of("system", "user"), r.messageRoles());
        assertEquals("Bearer " + KEY, openAi.authorizations().get(openAi.authorizations().size() - 1));
    }

    @Test
    void aServerThatSendsNoUsageGivesTheWholeAnswerWithZeroTokens() throws Exception {
        openAi.setSendUsage(false);
        RecordingStreamListener l = new RecordingStreamListener();
        model(SHORT).stream(PROMPT, l);
        finished(l, QUICK);

        assertNull(l.error());
        assertEquals(ANSWER, l.completion().text());
        assertEquals(TokenUsage.NONE, l.completion().usage());
    }

    @Test
    void completeAnswersInOnePieceWithTheServersUsage() throws Exception {
        Completion c = model(SHORT).complete(PROMPT);

        assertEquals(ANSWER, c.text());
        ChatReply reply = openAi.replies().get(0);
        assertEquals(new TokenUsage(reply.promptEvalCount(), reply.evalCount()), c.usage());
        assertFalse(openAi.lastChatRequest().orElseThrow().body().path("stream").asBoolean(false));
    }

    @Test
    void cancelClosesTheStreamAndNoCallbackFollows() throws Exception {
        openAi.setTokenDelay(Duration.ofMillis(100));
        openAi.answerWith("one two three four five six seven eight nine ten eleven twelve thirteen fourteen");
        RecordingStreamListener l = new RecordingStreamListener();
        StreamHandle handle = model(LONG).stream(PROMPT, l);
        assertTrue(l.awaitFirstToken(QUICK));

        handle.cancel();
        int tokensAtCancel = l.tokens().size();

        long deadline = System.nanoTime() + QUICK.toNanos();
        while (openAi.streamsClosedByClient() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, openAi.streamsClosedByClient(), "the server saw the stream closed");
        Thread.sleep(300);
        assertEquals(tokensAtCancel, l.tokens().size(), "no token after cancel");
        assertTrue(tokensAtCancel < 14, "cancelled before the end: " + tokensAtCancel);
        assertEquals(0, l.terminalCalls(), "no onComplete or onError after cancel");
    }

    @Test
    void streamThatStallsAfterHeadersFailsWithTheDeadlineSentence() throws Exception {
        openAi.failNext(Fault.STALL_AFTER_HEADERS);
        RecordingStreamListener l = new RecordingStreamListener();
        model(SHORT).stream(PROMPT, l);

        LlmException e = failedWith(finished(l, QUICK), Kind.STALLED);
        assertTrue(e.getMessage().contains("did not start answering within 1 s"), e.getMessage());
    }

    @Test
    void anErrorMidStreamFailsAtOnceWithOneSentenceQuotingTheServer() throws Exception {
        openAi.failNext(Fault.ERROR_LINE_MID_STREAM);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG).stream(PROMPT, l);

        LlmException e = failedWith(finished(l, QUICK), Kind.SERVER_ERROR);
        assertTrue(e.getMessage().contains(OpenAiTestServer.MID_STREAM_ERROR), e.getMessage());
        assertFalse(l.tokens().isEmpty(), "the tokens before the error arrived");
    }

    @Test
    void aStreamThatEndsWithoutFinishReasonOrDoneFailsWithConnectionLost() throws Exception {
        openAi.failNext(Fault.END_WITHOUT_FINAL_LINE);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG).stream(PROMPT, l);

        failedWith(finished(l, QUICK), Kind.CONNECTION_LOST);
    }

    @Test
    void aChunkThatIsNotJsonAfterGoodOnesIsABrokenReply() throws Exception {
        openAi.failNext(Fault.NON_JSON_LINE);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG).stream(PROMPT, l);

        LlmException e = failedWith(finished(l, QUICK), Kind.SERVER_ERROR);
        assertTrue(e.getMessage().startsWith("The model server sent a broken reply"), e.getMessage());
    }

    @Test
    void aWrongKeyGivesOneSentenceAboutTheKeyInTheCheckAndInAStream() throws Exception {
        ServerStatus status = server(openAi.url(), "sk-wrong", SHORT).check();

        assertFalse(status.ready());
        assertTrue(status.reachable());
        String problem = status.problem().orElseThrow();
        assertSentence(problem);
        assertTrue(problem.contains("refused the API key (HTTP 401)"), problem);
        assertTrue(dev.ponder.settings.Advice.forTerminal(problem).contains("PONDER_API_KEY"), problem);
        assertTrue(dev.ponder.settings.Advice.forWindow(problem, "Retry").contains("set the right key in Settings ▸ API key"),
                problem);

        LlmException fromModel = assertThrows(LlmException.class, () -> server.chatModel());
        assertEquals(problem, fromModel.getMessage());

        // a key that becomes wrong while Ponder runs (rotated on a remote server)
        LanguageModel m = model(SHORT);
        openAi.requireApiKey("sk-rotated");
        RecordingStreamListener l = new RecordingStreamListener();
        m.stream(PROMPT, l);
        LlmException e = failedWith(finished(l, QUICK), Kind.SERVER_ERROR);
        assertTrue(e.getMessage().contains("refused the API key (HTTP 401)"), e.getMessage());
    }

    @Test
    void aModelTheServerDoesNotListIsNamedWithTheOnesItHas() {
        server = new OpenAiModelServer(Settings.defaults(Path.of("unused"))
                .withOpenAi(new OpenAiEndpoint(openAi.url(), KEY)).withModel("gpt-4o"));

        ServerStatus status = server.check();

        assertEquals(null, status.model());
        String problem = status.problem().orElseThrow();
        assertTrue(problem.contains("no model named gpt-4o"), problem);
        assertTrue(problem.contains(MODEL + ", other-model"), problem);
    }

    @Test
    void aServerThatIsDownIsUnreachableNamingTheUrl() {
        URI down = URI.create(OllamaTestServer.unusedUrl() + "/v1");
        ServerStatus status = server(down, null, SHORT).check();

        assertFalse(status.reachable());
        String problem = status.problem().orElseThrow();
        assertSentence(problem);
        assertTrue(problem.contains(down.toString()), problem);
    }

    @Test
    void anHttp500BeforeTheStreamQuotesTheServer() throws Exception {
        openAi.failNext(Fault.HTTP_500);
        RecordingStreamListener l = new RecordingStreamListener();
        model(LONG).stream(PROMPT, l);

        LlmException e = failedWith(finished(l, QUICK), Kind.SERVER_ERROR);
        assertTrue(e.getMessage().contains(OpenAiTestServer.MID_STREAM_ERROR), e.getMessage());
    }
}
