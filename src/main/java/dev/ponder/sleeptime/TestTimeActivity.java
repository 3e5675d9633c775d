package dev.ponder.sleeptime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a test-time answer is being made. A local Ollama serves one request at a time, so a
 * user's question must never wait behind sleep-time work: the answering side calls
 * {@link #begin()} when a question arrives and closes the handle when its answer ends; sleep-time
 * compute cancels its request at once and waits until no answer is running. Thread-safe.
 */
public final class TestTimeActivity {

    private final AtomicInteger answering = new AtomicInteger();
    private final List<Runnable> beginListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> endListeners = new CopyOnWriteArrayList<>();

    /** One answer in progress; closing it (once or more) ends it. */
    public final class Answering implements AutoCloseable {
        private final AtomicBoolean closed = new AtomicBoolean();

        private Answering() {
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && answering.decrementAndGet() == 0) {
                endListeners.forEach(Runnable::run);
            }
        }
    }

    /** A question arrived; listeners hear it on the calling thread. */
    public Answering begin() {
        answering.incrementAndGet();
        beginListeners.forEach(Runnable::run);
        return new Answering();
    }

    /** Whether any answer is in progress. */
    public boolean busy() {
        return answering.get() > 0;
    }

    /** Runs {@code listener} when a question arrives, on the asking thread; it must return at once. */
    public void addBeginListener(Runnable listener) {
        beginListeners.add(listener);
    }

    /** Runs {@code listener} when the last answer in progress ends; it must return at once. */
    public void addEndListener(Runnable listener) {
        endListeners.add(listener);
    }
}
