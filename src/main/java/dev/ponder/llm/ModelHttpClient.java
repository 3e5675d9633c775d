package dev.ponder.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * langchain4j's {@link HttpClient} for a model server, over the shared JDK client of a
 * {@link ModelTransport}: Ollama's NDJSON streams ({@link Wire#NDJSON}) and the server-sent events
 * of OpenAI-compatible servers ({@link Wire#SSE}). It replaces langchain4j's {@code JdkHttpClient}
 * for three reasons (all measured against 1.11 with Ollama):
 * <ul>
 *   <li><b>Cancellation at any moment.</b> It hands the pending request, and later the response
 *       body, to a {@link StreamExchange}, so a stream can be closed while Ollama is still loading
 *       the model (no headers yet) — langchain4j's own {@code StreamingHandle} only exists after
 *       the first token.</li>
 *   <li><b>Faults langchain4j swallows.</b> It reads the NDJSON lines itself instead of using
 *       langchain4j's {@code OllamaServerSentEventParser}: an {@code {"error"}} line, a line that is
 *       not JSON, or a body that ends without {@code "done":true} become a {@link StreamFault}
 *       passed to {@code onError}, where 1.11 would never call back.</li>
 *   <li><b>A deadline on blocking calls.</b> The JDK timeout covers only the headers;
 *       {@link #execute(HttpRequest)} waits at most the read timeout for the whole body.</li>
 * </ul>
 * The connect timeout is the shared client's; {@link Builder#connectTimeout(Duration)} is ignored.
 */
final class ModelHttpClient implements HttpClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much of a non-JSON line to keep for the log and the message. */
    private static final int LINE_EXCERPT = 80;
    /** Error bodies are short JSON; don't read a whole HTML page into a message. */
    private static final int ERROR_BODY_LIMIT = 4096;

    private final ModelTransport transport;
    private final java.net.http.HttpClient http;
    private final Duration timeout;
    private final StreamExchange exchange;
    private final Wire wire;

    /** How a server frames a streamed answer. */
    enum Wire {
        /** Ollama: one JSON object per line, the last with {@code "done":true}. */
        NDJSON,
        /**
         * OpenAI chat completions: server-sent events, {@code data: {json}} per chunk and a final
         * {@code data: [DONE]}; a fault mid-stream is {@code data: {"error":{"message":…}}}.
         */
        SSE
    }

    private ModelHttpClient(ModelTransport transport, Duration timeout, StreamExchange exchange, Wire wire) {
        this.transport = transport;
        this.http = transport.http();
        this.timeout = timeout;
        this.exchange = exchange;
        this.wire = wire;
    }

    /**
     * A builder to hand to a langchain4j Ollama model.
     *
     * @param exchange the one stream this client will carry, or {@code null} for blocking calls
     */
    static Builder builder(ModelTransport transport, StreamExchange exchange) {
        return new Builder(transport, exchange, Wire.NDJSON);
    }

    /**
     * A builder to hand to a langchain4j model of the given wire format.
     *
     * @param exchange the one stream this client will carry, or {@code null} for blocking calls
     */
    static Builder builder(ModelTransport transport, StreamExchange exchange, Wire wire) {
        return new Builder(transport, exchange, wire);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(toJdk(request), BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = timeout == null ? pending.get() : pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw new TimeoutException("no complete answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model server", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new TimeoutException(cause);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new UncheckedIOException(cause instanceof IOException io ? io : new IOException(cause));
        }
        if (!isSuccessful(response.statusCode())) {
            throw new HttpException(response.statusCode(), response.body());
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(response.body())
                .build();
    }

    /**
     * Streams an Ollama NDJSON body to {@code listener}, one line per event. The {@code parser}
     * langchain4j passes is not used: see the class comment.
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        if (exchange == null) {
            throw new IllegalStateException("this client was built for blocking calls only");
        }
        CompletableFuture<HttpResponse<InputStream>> pending =
                http.sendAsync(toJdk(request), BodyHandlers.ofInputStream());
        exchange.requestSent(pending);
        // on Ponder's reader threads: the JDK would run this on the common pool, which must not
        // block for the minutes a stream can take
        pending.whenCompleteAsync((response, failure) -> {
            if (failure != null) {
                listener.onError(unwrap(failure));
            } else if (!isSuccessful(response.statusCode())) {
                listener.onError(new HttpException(response.statusCode(), readErrorBody(response.body())));
            } else if (wire == Wire.SSE) {
                readEvents(response, listener);
            } else {
                readLines(response, listener);
            }
        }, transport.readers());
    }

    private void readLines(HttpResponse<InputStream> response, ServerSentEventListener listener) {
        InputStream body = response.body();
        if (!exchange.bodyOpened(body)) {
            closeQuietly(body);
            return;
        }
        ServerSentEventContext context = new ServerSentEventContext(new ExchangeHandle(exchange));
        listener.onOpen(SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .build());
        boolean goodLineSeen = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                exchange.lineReceived();
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = parseObject(line);
                if (node == null) {
                    listener.onError(new StreamFault(notJson(goodLineSeen), excerpt(line)));
                    return;
                }
                if (node.has("error")) {
                    listener.onError(new StreamFault(StreamFault.Type.ERROR_LINE, node.get("error").asText()));
                    return;
                }
                try {
                    listener.onEvent(new ServerSentEvent(null, line), context);
                } catch (RuntimeException e) {
                    // langchain4j could not map a line that is JSON but not Ollama's shape
                    listener.onError(new StreamFault(notJson(goodLineSeen), excerpt(line)));
                    return;
                }
                goodLineSeen = true;
                if (node.path("done").asBoolean(false)) {
                    return;
                }
            }
            listener.onError(new StreamFault(StreamFault.Type.ENDED_EARLY, "no final line"));
        } catch (IOException e) {
            listener.onError(e);
        }
    }

    /**
     * Reads server-sent events: {@code data:} lines are joined until a blank line ends the event;
     * comments ({@code :…}) only show the server is alive. {@code [DONE]} ends the answer
     * ({@code onClose}, where langchain4j's OpenAI client completes it); so does a clean end of the
     * body after a chunk carrying a {@code finish_reason} (some servers omit {@code [DONE]}). An
     * error object, a chunk that is not JSON, or an end before any {@code finish_reason} fail the
     * stream — langchain4j 1.11 would complete it with whatever text had come.
     */
    private void readEvents(HttpResponse<InputStream> response, ServerSentEventListener listener) {
        InputStream body = response.body();
        if (!exchange.bodyOpened(body)) {
            closeQuietly(body);
            return;
        }
        ServerSentEventContext context = new ServerSentEventContext(new ExchangeHandle(exchange));
        listener.onOpen(SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .build());
        boolean finishSeen = false;
        boolean goodEventSeen = false;
        String event = null;
        StringBuilder data = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; ; ) {
                line = reader.readLine();
                if (line != null) {
                    exchange.lineReceived();
                    if (line.startsWith(":")) {
                        continue;
                    }
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                        continue;
                    }
                    if (line.startsWith("data:")) {
                        String part = line.substring(5);
                        data.append(data.length() > 0 ? "\n" : "").append(part.startsWith(" ") ? part.substring(1) : part);
                        continue;
                    }
                    if (!line.isEmpty()) {
                        // a field Ponder does not use (id:, retry:) or a line that is no SSE at all
                        if (!line.startsWith("id:") && !line.startsWith("retry:")) {
                            listener.onError(new StreamFault(notJson(goodEventSeen), excerpt(line)));
                            return;
                        }
                        continue;
                    }
                }
                if (data.length() == 0) {
                    if (line == null) {
                        break;
                    }
                    event = null;
                    continue;
                }
                String payload = data.toString();
                data.setLength(0);
                String name = event;
                event = null;
                if ("[DONE]".equals(payload.strip())) {
                    listener.onClose();
                    return;
                }
                JsonNode node = parseObject(payload);
                if (node == null) {
                    listener.onError(new StreamFault(name != null && name.equals("error")
                            ? StreamFault.Type.ERROR_LINE : notJson(goodEventSeen), excerpt(payload)));
                    return;
                }
                String error = openAiError(node, name);
                if (error != null) {
                    listener.onError(new StreamFault(StreamFault.Type.ERROR_LINE, error));
                    return;
                }
                try {
                    listener.onEvent(new ServerSentEvent(null, payload), context);
                } catch (RuntimeException e) {
                    listener.onError(new StreamFault(notJson(goodEventSeen), excerpt(payload)));
                    return;
                }
                goodEventSeen = true;
                for (JsonNode choice : node.path("choices")) {
                    if (choice.hasNonNull("finish_reason")) {
                        finishSeen = true;
                    }
                }
                if (line == null) {
                    break;
                }
            }
            if (finishSeen) {
                listener.onClose();
            } else {
                listener.onError(new StreamFault(StreamFault.Type.ENDED_EARLY, "no [DONE] and no finish_reason"));
            }
        } catch (IOException e) {
            listener.onError(e);
        }
    }

    /**
     * A line that is not the protocol: before any good line the server does not speak it (a wrong
     * address); after good ones its reply was garbled.
     */
    private static StreamFault.Type notJson(boolean goodLineSeen) {
        return goodLineSeen ? StreamFault.Type.BROKEN_LINE : StreamFault.Type.NOT_JSON;
    }

    /**
     * The error text of a chunk that reports a fault: {@code {"error":{"message":…}}} (OpenAI,
     * llama.cpp, newer vLLM), {@code {"error":"…"}}, {@code {"object":"error","message":…}} (older
     * vLLM) or any data of an {@code event: error}; {@code null} for a normal chunk.
     */
    static String openAiError(JsonNode node, String eventName) {
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            if (error.isObject()) {
                return error.hasNonNull("message") ? error.get("message").asText() : error.toString();
            }
            return error.asText();
        }
        if ("error".equals(node.path("object").asText()) && node.hasNonNull("message")) {
            return node.get("message").asText();
        }
        if ("error".equals(eventName)) {
            return node.hasNonNull("message") ? node.get("message").asText() : node.toString();
        }
        return null;
    }

    private static JsonNode parseObject(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(v -> b.header(name, v));
            }
        });
        String body = request.body();
        b.method(request.method().name(), body == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (timeout != null) {
            b.timeout(timeout);
        }
        return b.build();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable x = t;
        while ((x instanceof CompletionException || x instanceof ExecutionException) && x.getCause() != null) {
            x = x.getCause();
        }
        if (x instanceof HttpTimeoutException) {
            return new TimeoutException(x);
        }
        return x instanceof CancellationException ? new IOException("request cancelled", x) : x;
    }

    private static String readErrorBody(InputStream body) {
        try (body) {
            return new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(error body unreadable: " + e.getMessage() + ")";
        }
    }

    private static String excerpt(String line) {
        return line.length() <= LINE_EXCERPT ? line : line.substring(0, LINE_EXCERPT) + "…";
    }

    private static boolean isSuccessful(int status) {
        return status >= 200 && status < 300;
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is how a stream is cancelled; a failure to close changes nothing for the caller
        }
    }

    /** Lets langchain4j's {@code StreamingHandle} (in {@code PartialResponseContext}) cancel the exchange. */
    private record ExchangeHandle(StreamExchange exchange) implements ServerSentEventParsingHandle {
        @Override
        public void cancel() {
            exchange.cancelTransport();
        }

        @Override
        public boolean isCancelled() {
            return exchange.isClosed();
        }
    }

    /** Builds {@link ModelHttpClient}s sharing one JDK client; langchain4j sets the read timeout. */
    static final class Builder implements HttpClientBuilder {
        private final ModelTransport transport;
        private final StreamExchange exchange;
        private final Wire wire;
        private Duration connectTimeout;
        private Duration readTimeout;

        private Builder(ModelTransport transport, StreamExchange exchange, Wire wire) {
            this.transport = transport;
            this.exchange = exchange;
            this.wire = wire;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public ModelHttpClient build() {
            // a stream's deadlines are the watchdog's; a header timeout would only race with it
            return new ModelHttpClient(transport, exchange == null ? readTimeout : null, exchange, wire);
        }
    }

    /** One streaming exchange as the transport sees it; implemented by {@link ModelStream}. */
    interface StreamExchange {
        /** The request is on its way; cancelling {@code pending} aborts it before the headers arrive. */
        void requestSent(CompletableFuture<?> pending);

        /** The headers arrived; closing {@code body} aborts the stream. @return false if already cancelled */
        boolean bodyOpened(InputStream body);

        /** A line (of any kind) arrived: the server is alive. */
        void lineReceived();

        /** Closes the connection without a callback to the listener. */
        void cancelTransport();

        boolean isClosed();
    }
}
