package dev.ponder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol as LM Studio,
 * llama.cpp's server and vLLM do, so that langchain4j's OpenAI client and Ponder's adapter are
 * exercised over real sockets. A test fixture only: answers come from {@link TestAnswers} (or
 * {@link #answerWith(String)}), token counts from {@link TestTokens}, as in {@link OllamaTestServer}.
 *
 * <h2>Endpoints</h2>
 * The base URL is {@link #url()} ({@code http://127.0.0.1:PORT/v1}).
 * {@code GET /v1/models}: {@code {"object":"list","data":[{"id":…}]}}.
 * {@code POST /v1/chat/completions}: {@code "stream":true} sends server-sent events, one
 * {@code data: {chat.completion.chunk}} per token, a chunk with {@code finish_reason}, then — only
 * when the request asked with {@code stream_options.include_usage} and {@link #setSendUsage} is on —
 * a chunk with empty {@code choices} and {@code usage}, then {@code data: [DONE]}. Otherwise one
 * {@code chat.completion} object with {@code usage}. {@code max_tokens} cuts the answer
 * ({@code finish_reason} {@code length}).
 *
 * <h2>Errors</h2>
 * With {@link #requireApiKey(String)}, a request without {@code Authorization: Bearer KEY} gets 401
 * {@code {"error":{"message":…,"code":"invalid_api_key"}}}; an unknown model 404
 * ({@code model_not_found}). Faults ({@link #failNext}) on chat requests: {@link Fault#HTTP_500};
 * {@link Fault#ERROR_LINE_MID_STREAM} (half the tokens, then {@code data: {"error":{"message":
 * MID_STREAM_ERROR}}} and a clean end, as vLLM and llama.cpp do); {@link Fault#STALL_AFTER_HEADERS};
 * {@link Fault#NON_JSON_LINE}; {@link Fault#END_WITHOUT_FINAL_LINE} (half the tokens, no
 * {@code finish_reason}, no {@code [DONE]}); {@link Fault#UNKNOWN_MODEL}.
 *
 * <h2>Answer formats and reasoning</h2>
 * With {@link #refuseJsonSchema}, a {@code response_format} of type {@code json_schema} gets 400
 * {@value #SCHEMA_ERROR} (as servers without structured outputs answer); {@code json_object} is
 * always taken. With {@link #answerInReasoning}, the answer goes into {@code reasoning_content}
 * (as llama.cpp's server returns a reasoning model's output) and {@code content} stays empty.
 */
public final class OpenAiTestServer implements AutoCloseable {

    public static final String MID_STREAM_ERROR = "CUDA error: out of memory";
    public static final String BAD_KEY_ERROR = "Incorrect API key provided.";
    public static final String SCHEMA_ERROR = "response_format type json_schema is not supported by this server";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> models;
    private volatile String apiKey;
    private volatile boolean sendUsage = true;
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile String fixedAnswer;
    private volatile boolean refuseJsonSchema;
    private volatile boolean answerInReasoning;
    private final AtomicReference<Fault> nextFault = new AtomicReference<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<ChatReply> replies = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final AtomicInteger threads = new AtomicInteger();

    private OpenAiTestServer(List<String> models) throws IOException {
        this.models = List.copyOf(models);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openai-test-server-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server that lists exactly {@code models} (a llama.cpp server lists one). */
    public static OpenAiTestServer start(String... models) {
        try {
            return new OpenAiTestServer(List.of(models));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OpenAI test server", e);
        }
    }

    /** The API base URL, ending in {@code /v1}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Requests must carry {@code Authorization: Bearer key}; {@code null} = no key needed (the default). */
    public void requireApiKey(String key) {
        this.apiKey = key;
    }

    /** Whether a usage chunk is sent when asked for (true by default; some servers never send one). */
    public void setSendUsage(boolean send) {
        this.sendUsage = send;
    }

    /** Wait before each streamed token; 0 by default. */
    public void setTokenDelay(Duration delay) {
        this.tokenDelay = delay;
    }

    /** Every answer is {@code answer}; {@code null} = {@link TestAnswers}. */
    public void answerWith(String answer) {
        this.fixedAnswer = answer;
    }

    /** Whether {@code response_format} {@code json_schema} is refused with 400; false by default. */
    public void refuseJsonSchema(boolean refuse) {
        this.refuseJsonSchema = refuse;
    }

    /** Whether the answer goes into {@code reasoning_content}, content empty; false by default. */
    public void answerInReasoning(boolean inReasoning) {
        this.answerInReasoning = inReasoning;
    }

    /** The next chat request fails with {@code f}. */
    public void failNext(Fault f) {
        nextFault.set(f);
    }

    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The last chat-completions request, or empty. */
    public Optional<RecordedRequest> lastChatRequest() {
        List<RecordedRequest> chats = requests(CHAT);
        return chats.isEmpty() ? Optional.empty() : Optional.of(chats.get(chats.size() - 1));
    }

    /** The {@code Authorization} header of every request, oldest first ({@code ""} when absent). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** Answers decided for chat requests that reached the model, oldest first. */
    public List<ChatReply> replies() {
        return List.copyOf(replies);
    }

    /** How many streams failed to write because the client had closed the connection. */
    public int streamsClosedByClient() {
        return closedByClient.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        RecordedRequest rec = new RecordedRequest(ex.getRequestMethod(), path, raw, OllamaWire.parse(raw), Instant.now());
        requests.add(rec);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        try {
            if (apiKey != null && !("Bearer " + apiKey).equals(auth)) {
                error(ex, 401, BAD_KEY_ERROR, "invalid_request_error", "invalid_api_key");
            } else if (path.equals("/v1/models") && "GET".equals(rec.method())) {
                models(ex);
            } else if (path.equals(CHAT) && "POST".equals(rec.method())) {
                chat(ex, rec);
            } else if (path.equals("/v1/embeddings") && "POST".equals(rec.method())) {
                embeddings(ex, rec);
            } else {
                error(ex, 404, "Unknown request URL: " + rec.method() + " " + path, "invalid_request_error", null);
            }
        } finally {
            ex.close();
        }
    }

    private void models(HttpExchange ex) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        var data = root.putArray("data");
        for (String m : models) {
            data.addObject().put("id", m).put("object", "model").put("created", 1_715_000_000L).put("owned_by", "ponder-test");
        }
        send(ex, 200, root);
    }

    /**
     * {@code POST /v1/embeddings}: {@code {"model", "input": "text" | ["text", …]}} →
     * {@code {"object":"list", "data":[{"object":"embedding","index","embedding"}], "model", "usage"}},
     * vectors from {@link TestVectors}; any listed model embeds.
     */
    private void embeddings(HttpExchange ex, RecordedRequest rec) throws IOException {
        String model = rec.model().orElse("");
        if (!models.contains(model)) {
            error(ex, 404, "The model `" + model + "` does not exist.", "invalid_request_error", "model_not_found");
            return;
        }
        List<String> texts = OllamaWire.inputs(rec.body());
        ObjectNode root = JSON.createObjectNode().put("object", "list").put("model", model);
        var data = root.putArray("data");
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            var v = item.putArray("embedding");
            for (float x : TestVectors.of(texts.get(i), TestVectors.DIMENSIONS)) {
                v.add(x);
            }
            tokens += TestTokens.count(texts.get(i));
        }
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        send(ex, 200, root);
    }

    private void chat(HttpExchange ex, RecordedRequest rec) throws IOException {
        Fault fault = nextFault.getAndSet(null);
        String model = rec.model().orElse("");
        if (fault == Fault.UNKNOWN_MODEL || !models.contains(model)) {
            error(ex, 404, "The model `" + model + "` does not exist.", "invalid_request_error", "model_not_found");
            return;
        }
        if (fault == Fault.HTTP_500) {
            error(ex, 500, MID_STREAM_ERROR, "server_error", null);
            return;
        }
        if (refuseJsonSchema && "json_schema".equals(rec.body().path("response_format").path("type").asText())) {
            error(ex, 400, SCHEMA_ERROR, "invalid_request_error", null);
            return;
        }
        List<String> contents = rec.messageContents();
        int promptTokens = contents.stream().mapToInt(TestTokens::count).sum();
        String answer = fixedAnswer != null ? fixedAnswer : TestAnswers.answer(contents, rec.lastUserMessage().orElse(null));
        List<String> pieces = TestTokens.pieces(answer == null ? "" : answer.strip());
        String finish = "stop";
        JsonNode max = rec.body().path("max_tokens");
        if (max.isNumber() && pieces.size() > max.asInt()) {
            pieces = pieces.subList(0, max.asInt());
            finish = "length";
        }
        ChatReply reply = new ChatReply(rec, String.join("", pieces), promptTokens, pieces.size(), finish);
        replies.add(reply);
        if (rec.body().path("stream").asBoolean(false)) {
            stream(ex, rec, model, pieces, reply, fault);
        } else {
            ObjectNode root = chunk(model, "chat.completion");
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            message.put("content", answerInReasoning ? "" : reply.answer());
            if (answerInReasoning) {
                message.put("reasoning_content", reply.answer());
            }
            choice.put("finish_reason", finish);
            usage(root, reply);
            send(ex, 200, root);
        }
    }

    private void stream(HttpExchange ex, RecordedRequest rec, String model, List<String> pieces, ChatReply reply,
                        Fault fault) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        if (fault == Fault.STALL_AFTER_HEADERS) {
            ChatPlayback.sleep(Duration.ofMinutes(2));
            return;
        }
        int cut = Math.max(1, pieces.size() / 2);
        for (int i = 0; i < pieces.size(); i++) {
            if (i == cut && fault != null) {
                switch (fault) {
                    case ERROR_LINE_MID_STREAM -> {
                        ObjectNode err = JSON.createObjectNode();
                        err.putObject("error").put("message", MID_STREAM_ERROR).put("type", "server_error").put("code", 500);
                        write(out, "data: " + JSON.writeValueAsString(err) + "\n\n");
                        return;
                    }
                    case END_WITHOUT_FINAL_LINE -> {
                        return;
                    }
                    case NON_JSON_LINE -> {
                        if (!write(out, "data: " + OllamaTestServer.NON_JSON + "\n\n")) {
                            return;
                        }
                    }
                    default -> {
                    }
                }
            }
            if (i > 0 && !ChatPlayback.sleep(tokenDelay)) {
                return;
            }
            ObjectNode c = chunk(model, "chat.completion.chunk");
            ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
            choice.putObject("delta").put(answerInReasoning ? "reasoning_content" : "content", pieces.get(i));
            choice.putNull("finish_reason");
            if (!write(out, "data: " + JSON.writeValueAsString(c) + "\n\n")) {
                return;
            }
        }
        ObjectNode last = chunk(model, "chat.completion.chunk");
        ObjectNode choice = last.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta");
        choice.put("finish_reason", reply.doneReason());
        if (!write(out, "data: " + JSON.writeValueAsString(last) + "\n\n")) {
            return;
        }
        if (sendUsage && rec.body().path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode u = chunk(model, "chat.completion.chunk");
            u.putArray("choices");
            usage(u, reply);
            if (!write(out, "data: " + JSON.writeValueAsString(u) + "\n\n")) {
                return;
            }
        }
        write(out, "data: [DONE]\n\n");
    }

    private static ObjectNode chunk(String model, String object) {
        return JSON.createObjectNode().put("id", "chatcmpl-test").put("object", object)
                .put("created", Instant.now().getEpochSecond()).put("model", model);
    }

    private static void usage(ObjectNode root, ChatReply reply) {
        root.putObject("usage").put("prompt_tokens", reply.promptEvalCount())
                .put("completion_tokens", reply.evalCount())
                .put("total_tokens", reply.promptEvalCount() + reply.evalCount());
    }

    private boolean write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            closedByClient.incrementAndGet();
            return false;
        }
    }

    private static void error(HttpExchange ex, int status, String message, String type, String code) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode e = root.putObject("error").put("message", message).put("type", type);
        if (code == null) {
            e.putNull("code");
        } else {
            e.put("code", code);
        }
        send(ex, status, root);
    }

    private static void send(HttpExchange ex, int status, JsonNode node) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(node);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
