package dev.ponder.testing;

import static dev.ponder.testing.OllamaWire.sendError;
import static dev.ponder.testing.OllamaWire.sendJson;
import static dev.ponder.testing.OllamaWire.sendText;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 that speaks Ollama's wire protocol (see
 * {@code docs/ollama-protocol.md}), so that langchain4j's Ollama client and Ponder's adapter are
 * exercised over real sockets. A test fixture only: it imitates a model so that no weights are
 * needed on build machines.
 *
 * <h2>Endpoints</h2>
 * {@code GET /api/version}, {@code GET /api/tags}, {@code POST /api/show} (body {@code name} or
 * {@code model}), {@code POST /api/chat} streaming (NDJSON, chunked) and non-streaming. A model name
 * without a tag means {@code :latest}, as in Ollama.
 *
 * <h2>Answers and token counts</h2>
 * The answer comes from {@link #answerWith(Function)} if a test set one, else from
 * {@link TestAnswers} (quote the sentence after {@code ANSWER:}, or echo the user's first sentence).
 * {@code prompt_eval_count} is the number of {@link TestTokens} in all message contents;
 * {@code eval_count} the number in the answer sent. {@code num_predict} cuts the answer (then
 * {@code done_reason} is {@code length}). Streams send one token per line.
 *
 * <h2>Timing</h2>
 * {@link #setLoadDelay} waits before the response starts (a model loading or reading a long
 * prompt: Ollama sends no header before the first token); {@link #setTokenDelay} waits before each
 * token (slow mode). {@link #setSpeed} is the speed mode instead: it waits per prompt token before
 * the first token (prefill) and per generated token after it (decode), and counts a prompt prefix
 * shared with the previous request to the same model as already computed, as Ollama's and llama.cpp
 * server's prompt cache do ({@link #prefilledTokens()} lists what each request paid for).
 *
 * <h2>Faults</h2>
 * {@link #failNext(Fault)} or {@link #failAlways(Fault)} apply to {@code /api/chat} requests;
 * {@link #stop()} takes the server down (connection refused) and {@link #restart()} brings it back
 * on the same port; {@link #unusedUrl()} is an address where nothing listens.
 *
 * <h2>Answer formats and thinking</h2>
 * A {@code format} schema object is taken unless {@link #setSchemaRefusal} says otherwise (the
 * server does not constrain its answers by it: a test that wants schema-shaped answers scripts
 * them). A model with the {@code thinking} capability ({@link TestModel#thinking}) writes
 * {@value #THINKING} into its thinking field first, unless the request sends {@code "think":false};
 * with {@link #setAnswerInThinkingField} it writes its whole answer there instead, content empty,
 * whatever {@code think} says (as some thinking models do). {@code "think":true} to a model that
 * cannot think gets 400 {@code "x" does not support thinking}, as Ollama answers.
 *
 * <h2>Observation</h2>
 * Every request is recorded ({@link #requests()}) before faults apply. A stream whose write fails
 * because the client closed it is counted ({@link #streamsClosedByClient()}); note that, like a
 * real server, it notices only when it next writes, so a stream stalled by
 * {@link Fault#STALL_AFTER_HEADERS} never notices.
 */
public final class OllamaTestServer implements AutoCloseable {

    /** What {@code /api/version} answers. */
    public static final String VERSION = "0.12.6";
    /** The text of the error line sent by {@link Fault#ERROR_LINE_MID_STREAM}. */
    public static final String MID_STREAM_ERROR = "an error was encountered while running the model: unexpected EOF";
    /** The error text of {@link Fault#HTTP_500}. */
    public static final String RUNNER_ERROR = "llama runner process has terminated: exit status 2";
    /** The line sent by {@link Fault#NON_JSON_LINE}. */
    public static final String NON_JSON = "<html><body>502 Bad Gateway</body></html>";
    /** What a thinking model thinks before its answer. */
    public static final String THINKING = "Okay, the user wants the answer in the form asked for. Let me write it.";
    /** Ollama before 0.5 to a schema {@code format}. */
    public static final String OLD_FORMAT_ERROR =
            "json: cannot unmarshal object into Go struct field ChatRequest.format of type string";
    /** A current Ollama to a schema it cannot use. */
    public static final String INVALID_SCHEMA_ERROR = "invalid JSON schema in format";


    private record FaultPlan(Fault fault, boolean once) {
    }

    private final int port;
    private final Object lifecycle = new Object();
    private HttpServer server;
    private ExecutorService executor;

    private volatile List<TestModel> models;
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile Duration loadDelay = Duration.ZERO;
    /** The speed mode: wait per prompt token not cached and per generated token; null when off. */
    private volatile Speed speed;
    /** The prompt tokens of the last chat request per model, the prefix cache of the speed mode. */
    private final Map<String, List<String>> cachedPrompt = new ConcurrentHashMap<>();
    private final List<Integer> prefilled = new CopyOnWriteArrayList<>();
    private volatile boolean versionEndpoint = true;
    private volatile SchemaRefusal schemaRefusal = SchemaRefusal.NONE;
    private volatile boolean answerInThinkingField;
    private volatile Function<RecordedRequest, String> responder;
    private final AtomicReference<FaultPlan> fault = new AtomicReference<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<ChatReply> replies = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final Object closedByClientSignal = new Object();
    private final AtomicInteger threadNumber = new AtomicInteger();

    private OllamaTestServer(List<TestModel> models) throws IOException {
        this.models = List.copyOf(models);
        HttpServer s = bind(0);
        this.port = s.getAddress().getPort();
        startOn(s);
    }

    /** Starts a server with {@code llama3.2} (131072-token context) and {@code nomic-embed-text}. */
    public static OllamaTestServer start() {
        return start(TestModel.chat("llama3.2", 131072), TestModel.embedding("nomic-embed-text"));
    }

    /** Starts a server with exactly these models installed (none is allowed). */
    public static OllamaTestServer start(TestModel... models) {
        try {
            return new OllamaTestServer(Arrays.asList(models));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Ollama test server", e);
        }
    }

    /** An http URL on 127.0.0.1 where nothing listens (connection refused), for "Ollama is down". */
    public static URI unusedUrl() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- configuration

    /** Base URL, e.g. {@code http://127.0.0.1:43125}; stays the same across {@link #stop()}/{@link #restart()}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Replaces the installed models. */
    public void setModels(TestModel... installed) {
        this.models = List.of(installed);
    }

    public List<TestModel> models() {
        return models;
    }

    /**
     * The speed mode: how long one prompt token not cached and one generated token take.
     *
     * @param perPromptToken    prefill time per prompt token (e.g. 12.5 ms at 80 tok/s)
     * @param perGeneratedToken decode time per generated token (e.g. 66.7 ms at 15 tok/s)
     */
    public record Speed(Duration perPromptToken, Duration perGeneratedToken) {

        /** The speed of {@code prefillPerSecond} and {@code decodePerSecond} tokens, e.g. 80 and 15 on a laptop CPU. */
        public static Speed of(double prefillPerSecond, double decodePerSecond) {
            return new Speed(Duration.ofNanos(Math.round(1e9 / prefillPerSecond)),
                    Duration.ofNanos(Math.round(1e9 / decodePerSecond)));
        }
    }

    /**
     * Turns on the speed mode (null turns it off) and forgets the cached prompts: each chat request
     * waits {@link Speed#perPromptToken} for every prompt token after the prefix it shares with the
     * previous request to the same model (at least one), then streams at {@link Speed#perGeneratedToken}
     * instead of {@link #setTokenDelay}'s delay.
     */
    public void setSpeed(Speed speed) {
        this.speed = speed;
        cachedPrompt.clear();
    }

    /** The prompt tokens each chat request paid prefill for in the speed mode, in the order they came. */
    public List<Integer> prefilledTokens() {
        return List.copyOf(prefilled);
    }

    /** Wait before each streamed token (and, non-streaming, this times the token count); 0 by default. */
    public void setTokenDelay(Duration delay) {
        this.tokenDelay = delay;
    }

    /** Wait before the response of a chat request starts; 0 by default. */
    public void setLoadDelay(Duration delay) {
        this.loadDelay = delay;
    }

    /** Whether {@code /api/version} exists (older or proxied servers may lack it); true by default. */
    public void setVersionEndpoint(boolean present) {
        this.versionEndpoint = present;
    }

    /** How a schema {@code format} is treated; {@link SchemaRefusal#NONE} by default. */
    public void setSchemaRefusal(SchemaRefusal refusal) {
        this.schemaRefusal = refusal;
    }

    /** Whether a thinking model puts its whole answer into its thinking field, content empty; false by default. */
    public void setAnswerInThinkingField(boolean inThinking) {
        this.answerInThinkingField = inThinking;
    }

    /** The next {@code /api/chat} request fails with {@code f}; later ones are served normally. */
    public void failNext(Fault f) {
        fault.set(new FaultPlan(f, true));
    }

    /** Every {@code /api/chat} request fails with {@code f} until {@link #clearFault()}. */
    public void failAlways(Fault f) {
        fault.set(new FaultPlan(f, false));
    }

    public void clearFault() {
        fault.set(null);
    }

    /** Every chat answer is {@code answer}, until {@link #answerFromPrompt()}. */
    public void answerWith(String answer) {
        answerWith(r -> answer);
    }

    /** Chat answers are computed by {@code responder} from the request, until {@link #answerFromPrompt()}. */
    public void answerWith(Function<RecordedRequest, String> responder) {
        this.responder = responder;
    }

    /** Back to the default answers of {@link TestAnswers}. */
    public void answerFromPrompt() {
        this.responder = null;
    }

    // ---------------------------------------------------------------- observation

    /** All requests received, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests received on {@code path} (e.g. {@code /api/chat}), oldest first. */
    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public int requestCount() {
        return requests.size();
    }

    public int requestCount(String path) {
        return requests(path).size();
    }

    /** The last {@code /api/chat} request, or empty. */
    public Optional<RecordedRequest> lastChatRequest() {
        List<RecordedRequest> chats = requests("/api/chat");
        return chats.isEmpty() ? Optional.empty() : Optional.of(chats.get(chats.size() - 1));
    }

    /** Answers decided for chat requests that reached the model, oldest first. */
    public List<ChatReply> replies() {
        return List.copyOf(replies);
    }

    /** The last answer decided, or empty. */
    public Optional<ChatReply> lastReply() {
        List<ChatReply> all = replies();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** How many response bodies failed to write because the client had closed the connection. */
    public int streamsClosedByClient() {
        return closedByClient.get();
    }

    /**
     * Waits until at least {@code n} streams were seen closed by the client.
     *
     * @return whether that happened within {@code timeout}
     */
    public boolean awaitStreamsClosedByClient(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (closedByClientSignal) {
            while (closedByClient.get() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                closedByClientSignal.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Forgets recorded requests, replies and the closed-stream count. */
    public void clearRecords() {
        requests.clear();
        replies.clear();
        prefilled.clear();
        closedByClient.set(0);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Takes the server down: connections are closed, new ones refused. Idempotent. */
    public void stop() {
        synchronized (lifecycle) {
            if (server == null) {
                return;
            }
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    /** Brings a stopped server back on the same port. */
    public void restart() {
        synchronized (lifecycle) {
            if (server != null) {
                return;
            }
            try {
                startOn(bind(port));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restart on port " + port, e);
            }
        }
    }

    public boolean isRunning() {
        synchronized (lifecycle) {
            return server != null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static HttpServer bind(int port) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    }

    private void startOn(HttpServer s) {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ollama-test-server-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        server = s;
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode body = OllamaWire.parse(raw);
        String path = ex.getRequestURI().getPath();
        RecordedRequest rec = new RecordedRequest(ex.getRequestMethod(), path, raw, body, Instant.now());
        requests.add(rec);
        // ChatPlayback.AbortConnection passes through without ex.close(), so the body is never ended properly
        switch (path) {
            case "/api/version" -> version(ex);
            case "/api/tags" -> tags(ex);
            case "/api/show" -> show(ex, rec);
            case "/api/chat" -> chat(ex, rec);
            case "/api/embed" -> embed(ex, rec);
            default -> sendText(ex, 404, "404 page not found");
        }
        ex.close();
    }

    private void version(HttpExchange ex) throws IOException {
        if (!versionEndpoint) {
            sendText(ex, 404, "404 page not found");
            return;
        }
        sendJson(ex, 200, OllamaWire.JSON.createObjectNode().put("version", VERSION));
    }

    private void tags(HttpExchange ex) throws IOException {
        sendJson(ex, 200, OllamaWire.tags(models));
    }

    private void show(HttpExchange ex, RecordedRequest rec) throws IOException {
        if (!"POST".equals(rec.method())) {
            sendText(ex, 405, "405 method not allowed");
            return;
        }
        String name = rec.model().orElse("");
        if (name.isBlank()) {
            sendError(ex, 400, "model is required");
            return;
        }
        TestModel m = find(name);
        if (m == null) {
            sendError(ex, 404, "model '" + name + "' not found");
            return;
        }
        sendJson(ex, 200, OllamaWire.show(m));
    }

    private void chat(HttpExchange ex, RecordedRequest rec) throws IOException {
        if (!"POST".equals(rec.method())) {
            sendText(ex, 405, "405 method not allowed");
            return;
        }
        if (rec.body().isMissingNode()) {
            sendError(ex, 400, rec.rawBody().isBlank() ? "missing request body" : "invalid character looking for beginning of value");
            return;
        }
        String name = rec.model().orElse("");
        if (name.isBlank()) {
            sendError(ex, 400, "model is required");
            return;
        }
        Fault f = takeFault();
        TestModel m = find(name);
        if (f == Fault.UNKNOWN_MODEL || m == null) {
            sendError(ex, 404, "model '" + name + "' not found");
            return;
        }
        if (!m.canChat()) {
            sendError(ex, 400, "\"" + name + "\" does not support chat");
            return;
        }
        if (f == Fault.HTTP_500) {
            sendError(ex, 500, RUNNER_ERROR);
            return;
        }
        if (rec.think().orElse(false) && !m.capabilities().contains("thinking")) {
            sendError(ex, 400, "\"" + name + "\" does not support thinking");
            return;
        }
        boolean schema = rec.format().isObject();
        if (schema && schemaRefusal == SchemaRefusal.OLD_OLLAMA) {
            sendError(ex, 400, OLD_FORMAT_ERROR);
            return;
        }
        if (schema && schemaRefusal == SchemaRefusal.INVALID_SCHEMA) {
            if (rec.stream()) {
                ChatPlayback.errorLineOnly(ex, INVALID_SCHEMA_ERROR);
            } else {
                sendError(ex, 500, INVALID_SCHEMA_ERROR);
            }
            return;
        }
        ChatReply reply = reply(rec, m);
        replies.add(reply);
        Duration wait = loadDelay;
        Duration perToken = tokenDelay;
        Speed s = speed;
        if (s != null) {
            wait = wait.plus(s.perPromptToken().multipliedBy(prefill(m.name(), rec)));
            perToken = s.perGeneratedToken();
        }
        if (!ChatPlayback.sleep(wait)) {
            return;
        }
        ChatPlayback playback = new ChatPlayback(ex, name, reply, f, wait, perToken, this::noteClosedByClient);
        if (rec.stream()) {
            playback.streaming();
        } else {
            playback.blocking();
        }
    }

    /**
     * {@code POST /api/embed}: {@code {"model", "input": "text" | ["text", …]}} →
     * {@code {"model", "embeddings": [[…]], "prompt_eval_count"}}, vectors from {@link TestVectors}.
     * A model without the {@code embedding} capability answers 400, as Ollama does.
     */
    private void embed(HttpExchange ex, RecordedRequest rec) throws IOException {
        if (!"POST".equals(rec.method())) {
            sendText(ex, 405, "405 method not allowed");
            return;
        }
        String name = rec.model().orElse("");
        TestModel m = find(name);
        Fault f = takeFault();
        if (m == null || f == Fault.UNKNOWN_MODEL) {
            sendError(ex, 404, "model \"" + name + "\" not found, try pulling it first");
            return;
        }
        if (!m.capabilities().contains("embedding")) {
            sendError(ex, 400, "\"" + name + "\" does not support embeddings");
            return;
        }
        if (f == Fault.HTTP_500) {
            sendError(ex, 500, RUNNER_ERROR);
            return;
        }
        List<String> texts = OllamaWire.inputs(rec.body());
        com.fasterxml.jackson.databind.node.ObjectNode out = OllamaWire.JSON.createObjectNode().put("model", name);
        com.fasterxml.jackson.databind.node.ArrayNode vectors = out.putArray("embeddings");
        int tokens = 0;
        for (String t : texts) {
            com.fasterxml.jackson.databind.node.ArrayNode v = vectors.addArray();
            for (float x : TestVectors.of(t, TestVectors.DIMENSIONS)) {
                v.add(x);
            }
            tokens += TestTokens.count(t);
        }
        out.put("total_duration", 1_000_000).put("load_duration", 100_000).put("prompt_eval_count", tokens);
        sendJson(ex, 200, out);
    }

    /**
     * The prompt tokens of {@code rec} the speed mode charges: those after the prefix shared with the
     * previous request to {@code model}, at least one (a server evaluates the last token again).
     */
    private int prefill(String model, RecordedRequest rec) {
        List<String> tokens = new ArrayList<>();
        for (String content : rec.messageContents()) {
            tokens.add("<|message|>");
            tokens.addAll(TestTokens.tokens(content));
        }
        List<String> before = cachedPrompt.put(model, tokens);
        int shared = 0;
        if (before != null) {
            while (shared < Math.min(before.size(), tokens.size()) && before.get(shared).equals(tokens.get(shared))) {
                shared++;
            }
        }
        int paid = Math.max(1, tokens.size() - shared);
        prefilled.add(paid);
        return paid;
    }

    private ChatReply reply(RecordedRequest rec, TestModel m) {
        List<String> contents = rec.messageContents();
        int promptTokens = contents.stream().mapToInt(TestTokens::count).sum();
        Function<RecordedRequest, String> r = responder;
        String answer = r != null ? r.apply(rec) : TestAnswers.answer(contents, rec.lastUserMessage().orElse(null));
        answer = answer == null ? "" : answer.strip();
        String thinking = "";
        if (m.capabilities().contains("thinking") && answerInThinkingField) {
            thinking = answer;
            answer = "";
        } else if (m.capabilities().contains("thinking") && rec.think().orElse(true)) {
            thinking = THINKING;
        }
        // num_predict counts the thinking tokens too: the thinking is written first
        List<String> thought = TestTokens.pieces(thinking);
        List<String> pieces = TestTokens.pieces(answer);
        String doneReason = "stop";
        int limit = rec.numPredict().orElse(-1);
        if (limit >= 0 && thought.size() + pieces.size() > limit) {
            thought = thought.subList(0, Math.min(limit, thought.size()));
            pieces = pieces.subList(0, limit - thought.size());
            doneReason = "length";
        }
        return new ChatReply(rec, String.join("", pieces), promptTokens, thought.size() + pieces.size(), doneReason,
                String.join("", thought));
    }

    private void noteClosedByClient() {
        closedByClient.incrementAndGet();
        synchronized (closedByClientSignal) {
            closedByClientSignal.notifyAll();
        }
    }

    private Fault takeFault() {
        while (true) {
            FaultPlan p = fault.get();
            if (p == null) {
                return null;
            }
            if (!p.once()) {
                return p.fault();
            }
            if (fault.compareAndSet(p, null)) {
                return p.fault();
            }
        }
    }

    private TestModel find(String name) {
        return models.stream().filter(m -> m.answersTo(name)).findFirst().orElse(null);
    }
}
