package dev.ponder.bench;

import dev.ponder.llm.Completion;
import dev.ponder.llm.ForwardingLanguageModel;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.ModelServer;
import dev.ponder.llm.Prompt;
import dev.ponder.llm.ServerStatus;
import dev.ponder.llm.StreamHandle;
import dev.ponder.llm.StreamListener;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The configured model server, unchanged, with a stopwatch on sleep-time streams: for
 * {@code ponder bench perf}. Every call goes to the real server; for each stream of the sleep-time
 * model it notes when its first token arrived and when Ponder's {@code cancel()} of it returned
 * (the HTTP connection closed on the client side). Thread-safe.
 */
final class TimedModelServer implements ModelServer {

    static final long GIVE_UP_MS = 2000;

    private final ModelServer delegate;
    /** The sleep-time stream that has sent a token and has neither ended nor been cancelled. */
    private final AtomicReference<Stream> streaming = new AtomicReference<>();

    TimedModelServer(ModelServer delegate) {
        this.delegate = delegate;
    }

    /** One sleep-time stream. */
    static final class Stream {
        private final AtomicLong closedAt = new AtomicLong();
        private final CountDownLatch over = new CountDownLatch(1);
        private volatile boolean cancelled;

        /**
         * Waits until the stream was cancelled or ended.
         *
         * @return {@link System#nanoTime()} when Ponder's cancel returned, or empty when the stream
         *         ended by itself first (or {@code timeout} passed)
         */
        Optional<Long> awaitClosed(Duration timeout) throws InterruptedException {
            over.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return cancelled ? Optional.of(closedAt.get()) : Optional.empty();
        }
    }

    /**
     * Waits until a sleep-time stream is sending tokens.
     *
     * @param noneComing true while no stream is to be expected (sleep-time has nothing left to do);
     *                   the wait gives up once it has said so for {@value #GIVE_UP_MS} ms on end
     * @return the stream, or empty after {@code timeout} or when none is coming
     */
    Optional<Stream> awaitStreaming(Duration timeout, BooleanSupplier noneComing) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long noneSince = -1;
        while (System.nanoTime() < deadline) {
            Stream s = streaming.get();
            if (s != null) {
                return Optional.of(s);
            }
            if (!noneComing.getAsBoolean()) {
                noneSince = -1;
            } else if (noneSince < 0) {
                noneSince = System.nanoTime();
            } else if (System.nanoTime() - noneSince > TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MS)) {
                return Optional.empty();
            }
            Thread.sleep(1);
        }
        return Optional.empty();
    }

    @Override
    public ServerStatus check() {
        return delegate.check();
    }

    @Override
    public LanguageModel chatModel() throws LlmException {
        return delegate.chatModel();
    }

    @Override
    public LanguageModel sleepModel() throws LlmException {
        return new ForwardingLanguageModel(delegate.sleepModel()) {
            @Override
            public StreamHandle stream(Prompt prompt, StreamListener listener) {
                Stream s = new Stream();
                StreamHandle handle = delegate.stream(prompt, new StreamListener() {
                    @Override
                    public void onToken(String token) {
                        if (s.over.getCount() > 0 && streaming.compareAndSet(null, s) && s.over.getCount() == 0) {
                            streaming.compareAndSet(s, null);  // it ended meanwhile
                        }
                        listener.onToken(token);
                    }

                    @Override
                    public void onComplete(Completion completion) {
                        ended(s);
                        listener.onComplete(completion);
                    }

                    @Override
                    public void onError(LlmException error) {
                        ended(s);
                        listener.onError(error);
                    }
                });
                return () -> {
                    handle.cancel();
                    if (s.closedAt.compareAndSet(0, System.nanoTime())) {
                        s.cancelled = true;
                        ended(s);
                    }
                };
            }
        };
    }

    private void ended(Stream s) {
        streaming.compareAndSet(s, null);
        s.over.countDown();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
