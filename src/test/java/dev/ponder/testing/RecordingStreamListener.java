package dev.ponder.testing;

import dev.ponder.llm.Completion;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.StreamListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link StreamListener} that records every callback, for tests. Thread-safe. */
public final class RecordingStreamListener implements StreamListener {

    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger terminalCalls = new AtomicInteger();
    private final AtomicReference<Completion> completion = new AtomicReference<>();
    private final AtomicReference<LlmException> error = new AtomicReference<>();
    private final CountDownLatch terminal = new CountDownLatch(1);
    private final CountDownLatch firstToken = new CountDownLatch(1);

    @Override
    public void onToken(String token) {
        tokens.add(token);
        firstToken.countDown();
    }

    @Override
    public void onComplete(Completion c) {
        completion.set(c);
        terminalCalls.incrementAndGet();
        terminal.countDown();
    }

    @Override
    public void onError(LlmException e) {
        error.set(e);
        terminalCalls.incrementAndGet();
        terminal.countDown();
    }

    /** @return whether onComplete or onError was called within {@code timeout} */
    public boolean awaitTerminal(Duration timeout) throws InterruptedException {
        return terminal.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return whether a token arrived within {@code timeout} */
    public boolean awaitFirstToken(Duration timeout) throws InterruptedException {
        return firstToken.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<String> tokens() {
        return List.copyOf(tokens);
    }

    public String text() {
        return String.join("", tokens);
    }

    /** How many times onComplete and onError were called together; the contract says at most once. */
    public int terminalCalls() {
        return terminalCalls.get();
    }

    /** The completion, or {@code null}. */
    public Completion completion() {
        return completion.get();
    }

    /** The error, or {@code null}. */
    public LlmException error() {
        return error.get();
    }
}
