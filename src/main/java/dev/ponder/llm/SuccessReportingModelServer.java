package dev.ponder.llm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ModelServer} that tells its listeners whenever the server showed it works: a status
 * check that found it ready, or any model call (answer, sleep-time, baseline measurement) that got
 * a whole answer, whatever the answer said. Sleep-time uses it to retry at once the steps that
 * failed because the server was down, rather than after their back-off. Passes every call on
 * unchanged; listeners run on the calling thread and must be quick.
 */
public final class SuccessReportingModelServer extends ForwardingModelServer {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public SuccessReportingModelServer(ModelServer delegate) {
        super(delegate);
    }

    /** Calls {@code listener} after every success from now on. */
    public void addSuccessListener(Runnable listener) {
        listeners.add(listener);
    }

    private void succeeded() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public ServerStatus check() {
        ServerStatus status = delegate.check();
        if (status.ready()) {
            succeeded();
        }
        return status;
    }

    @Override
    protected void answeredWhole(String model, Prompt prompt) {
        succeeded();
    }
}
