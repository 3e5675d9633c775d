package dev.ponder.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Writes one decided {@link ChatReply} onto an exchange, streaming (NDJSON, one token per line,
 * then the final line) or not, playing a {@link Fault} on the way. Part of {@link OllamaTestServer}.
 */
final class ChatPlayback {

    /** How long a stalled exchange stays open if nobody stops the server. */
    private static final Duration MAX_STALL = Duration.ofMinutes(5);
    /**
     * Before a drop, let the tokens already written reach the client: the JDK client may discard
     * data it has buffered once it sees the connection fail.
     */
    private static final Duration DROP_GRACE = Duration.ofMillis(100);

    /** Thrown out of a handler so the JDK server closes the connection without ending the body. */
    static final class AbortConnection extends IOException {
        AbortConnection() {
            super("connection dropped on purpose");
        }
    }

    private final HttpExchange ex;
    private final String model;
    private final ChatReply reply;
    private final List<String> pieces;
    private final List<String> thought;
    private final Fault fault;
    private final Duration loadDelay;
    private final Duration tokenDelay;
    private final Runnable onClientClosed;
    private OutputStream out;

    /**
     * @param fault          the fault to play, or {@code null}
     * @param onClientClosed called when a write fails because the client closed the connection
     */
    ChatPlayback(HttpExchange ex, String model, ChatReply reply, Fault fault, Duration loadDelay, Duration tokenDelay,
                 Runnable onClientClosed) {
        this.ex = ex;
        this.model = model;
        this.reply = reply;
        this.pieces = TestTokens.pieces(reply.answer());
        this.thought = TestTokens.pieces(reply.thinking());
        this.fault = fault;
        this.loadDelay = loadDelay;
        this.tokenDelay = tokenDelay;
        this.onClientClosed = onClientClosed;
    }

    /** Sends the whole answer as one JSON object, after the time the tokens would take. */
    void blocking() throws IOException {
        if (fault == Fault.ERROR_LINE_MID_STREAM) {
            // what Ollama's writeChatResponse does with the same failure when stream is false
            OllamaWire.sendError(ex, 500, OllamaTestServer.MID_STREAM_ERROR);
            return;
        }
        if (!sleep(tokenDelay.multipliedBy(pieces.size() + thought.size()))) {
            return;
        }
        ObjectNode done = OllamaWire.finalLine(model, reply, loadDelay, tokenDelay);
        ObjectNode message = done.putObject("message").put("role", "assistant").put("content", reply.answer());
        if (!reply.thinking().isEmpty()) {
            message.put("thinking", reply.thinking());
        }
        byte[] bytes = OllamaWire.JSON.writeValueAsBytes(done);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (fault == Fault.DROP_MID_STREAM) {
            ex.sendResponseHeaders(200, bytes.length);
            out = ex.getResponseBody();
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            sleep(DROP_GRACE);
            throw new AbortConnection();
        }
        if (fault == Fault.STALL_AFTER_HEADERS) {
            ex.sendResponseHeaders(200, bytes.length);
            sleep(MAX_STALL);
            throw new AbortConnection();
        }
        if (fault == Fault.NON_JSON_LINE) {
            bytes = OllamaTestServer.NON_JSON.getBytes(StandardCharsets.UTF_8);
        }
        ex.sendResponseHeaders(200, bytes.length);
        out = ex.getResponseBody();
        write(bytes);
    }

    /** Streams the answer; a fault strikes after about half of the tokens. */
    void streaming() throws IOException {
        // Ollama sends its headers together with the first token, so wait for that token first
        if (!sleep(tokenDelay)) {
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        try {
            ex.sendResponseHeaders(200, 0);
        } catch (IOException e) {
            onClientClosed.run();
            return;
        }
        out = ex.getResponseBody();
        if (fault == Fault.STALL_AFTER_HEADERS) {
            // nothing more until the server stops and interrupts this thread
            sleep(MAX_STALL);
            throw new AbortConnection();
        }
        for (int i = 0; i < thought.size(); i++) {
            if (i > 0 && !sleep(tokenDelay)) {
                return;
            }
            if (!writeLine(OllamaWire.thinkingLine(model, thought.get(i)))) {
                return;
            }
        }
        int cut = pieces.isEmpty() ? 0 : Math.max(1, pieces.size() / 2);
        for (int i = 0; i < pieces.size(); i++) {
            if (i == cut && !faultAtCut()) {
                return;
            }
            if (i > 0 && !sleep(tokenDelay)) {
                return;
            }
            if (!writeLine(OllamaWire.tokenLine(model, pieces.get(i)))) {
                return;
            }
        }
        if (cut == pieces.size() && !faultAtCut()) {
            return;
        }
        writeLine(OllamaWire.JSON.writeValueAsString(OllamaWire.finalLine(model, reply, loadDelay, tokenDelay)));
    }

    /**
     * A stream that fails before its first token: 200, one {@code {"error":…}} line, a clean end
     * (Ollama's {@code streamResponse} when the runner refuses the request).
     */
    static void errorLineOnly(HttpExchange ex, String error) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream o = ex.getResponseBody()) {
            o.write((OllamaWire.errorLine(error) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Plays the fault at the halfway point; false when the stream must end now. */
    private boolean faultAtCut() throws IOException {
        if (fault == null) {
            return true;
        }
        switch (fault) {
            case ERROR_LINE_MID_STREAM -> {
                // Ollama's streamResponse: one error line, then the body ends cleanly
                writeLine(OllamaWire.errorLine(OllamaTestServer.MID_STREAM_ERROR));
                return false;
            }
            case DROP_MID_STREAM -> {
                out.flush();
                sleep(DROP_GRACE);
                throw new AbortConnection();
            }
            case NON_JSON_LINE -> {
                return writeLine(OllamaTestServer.NON_JSON);
            }
            case END_WITHOUT_FINAL_LINE -> {
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private boolean writeLine(String line) {
        return write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes and flushes; a failure means the client closed the connection. */
    private boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            onClientClosed.run();
            return false;
        }
    }

    /** @return false when interrupted, i.e. the server is stopping */
    static boolean sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return true;
        }
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
