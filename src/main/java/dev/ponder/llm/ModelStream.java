package dev.ponder.llm;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed answer: receives langchain4j's callbacks, owns the connection (through
 * {@link ModelHttpClient.StreamExchange}) and Ponder's deadline, and calls the
 * {@link StreamListener} — tokens, then exactly one of complete or error, or nothing after
 * {@link #cancel()}.
 * <p>
 * All listener calls happen while holding {@link #lock}, and {@link #cancel()} takes the same
 * lock, so once {@code cancel()} returns no callback can start. The cost: {@code cancel()} waits
 * for a listener call in progress on another thread, so listeners must not block on the thread
 * that cancels. A deadline failure is delivered on the single watchdog thread, so listener calls
 * should hand work off rather than do it.
 */
final class ModelStream implements StreamingChatResponseHandler, StreamHandle, ModelHttpClient.StreamExchange {

    private static final Logger log = LoggerFactory.getLogger(ModelStream.class);

    private final StreamListener listener;
    private final StreamDeadlines deadlines;
    private final ModelFailures failures;
    private final Object lock = new Object();
    private final StringBuilder text = new StringBuilder();

    /** Guarded by {@link #lock}: once true, the listener hears nothing more. */
    private boolean finished;
    private volatile boolean started;
    private volatile long lastLineNanos = System.nanoTime();
    private volatile CompletableFuture<?> pending;
    private volatile InputStream body;
    private volatile ScheduledFuture<?> watchdog;

    ModelStream(StreamListener listener, StreamDeadlines deadlines, ModelFailures failures) {
        this.listener = listener;
        this.deadlines = deadlines;
        this.failures = failures;
    }

    /** Starts the deadline; call before the request is sent. */
    void watch(ScheduledExecutorService timer) {
        long tick = deadlines.tick().toMillis();
        watchdog = timer.scheduleWithFixedDelay(this::checkDeadline, tick, tick, TimeUnit.MILLISECONDS);
        if (isClosed()) {
            stopWatchdog();
        }
    }

    // ---------------------------------------------------------------- StreamHandle

    @Override
    public void cancel() {
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
        }
        log.debug("Stream to {} cancelled", failures.model());
        cancelTransport();
    }

    // ---------------------------------------------------------------- langchain4j callbacks

    @Override
    public void onPartialResponse(String token) {
        synchronized (lock) {
            if (finished) {
                return;
            }
            text.append(token);
            try {
                listener.onToken(token);
            } catch (RuntimeException e) {
                // a failing listener must not end the answer for everyone else listening
                log.warn("StreamListener.onToken failed; the stream goes on", e);
            }
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        TokenUsage usage = usage(response.tokenUsage(), failures.model());
        finish(() -> listener.onComplete(Completion.of(response, usage, text.toString())));
    }

    /**
     * langchain4j's usage as Ponder's; a count the server did not send is 0. A server that sends
     * no usage at all (an OpenAI-compatible server that ignores {@code stream_options.include_usage})
     * is logged, since its answers then count 0 tokens in the savings.
     */
    static TokenUsage usage(dev.langchain4j.model.output.TokenUsage usage, String model) {
        if (usage == null) {
            log.info("The server reported no token usage for an answer of {}; its tokens count as 0", model);
            return TokenUsage.NONE;
        }
        Integer in = usage.inputTokenCount();
        Integer out = usage.outputTokenCount();
        return new TokenUsage(in == null ? 0 : in, out == null ? 0 : out);
    }

    @Override
    public void onError(Throwable error) {
        if (isClosed()) {
            // the echo of our own cancel or deadline: the connection we closed fails its read
            return;
        }
        LlmException mapped = failures.map(error);
        log.debug("Stream to {} failed: {}", failures.model(), mapped.kind(), error);
        finish(() -> listener.onError(mapped));
    }

    // ---------------------------------------------------------------- transport

    @Override
    public void requestSent(CompletableFuture<?> request) {
        pending = request;
        if (isClosed()) {
            request.cancel(true);
        }
    }

    @Override
    public boolean bodyOpened(InputStream stream) {
        body = stream;
        // re-check after publishing, so a cancel() racing with the headers still closes the body
        return !isClosed();
    }

    @Override
    public void lineReceived() {
        started = true;
        lastLineNanos = System.nanoTime();
    }

    @Override
    public void cancelTransport() {
        synchronized (lock) {
            finished = true;
        }
        stopWatchdog();
        InputStream b = body;
        if (b != null) {
            // closing the JDK response stream cancels its subscription, which closes the connection
            ModelHttpClient.closeQuietly(b);
        }
        CompletableFuture<?> p = pending;
        if (p != null) {
            // before the headers: aborts the exchange (JDK 16+), so Ollama sees the client go away
            p.cancel(true);
        }
    }

    @Override
    public boolean isClosed() {
        synchronized (lock) {
            return finished;
        }
    }

    // ---------------------------------------------------------------- deadline

    private void checkDeadline() {
        boolean hasStarted = started;
        Duration limit = hasStarted ? deadlines.inactivity() : deadlines.firstToken();
        long idleNanos = System.nanoTime() - lastLineNanos;
        if (idleNanos < limit.toNanos()) {
            return;
        }
        LlmException stalled = failures.stalled(limit, hasStarted);
        log.debug("Stream to {} stalled: nothing for {} ms", failures.model(), idleNanos / 1_000_000);
        finish(() -> listener.onError(stalled));
    }

    /** Delivers the one terminal callback, if none was delivered yet, then closes the connection. */
    private void finish(Runnable terminalCallback) {
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
            try {
                terminalCallback.run();
            } catch (RuntimeException e) {
                log.warn("StreamListener failed in its final callback", e);
            }
        }
        cancelTransport();
    }

    private void stopWatchdog() {
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
    }
}
