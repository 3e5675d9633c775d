package dev.ponder.sleeptime;

import dev.ponder.llm.CancelSignal;
import java.util.ArrayList;
import java.util.List;

/**
 * Cancels one running sleep-time step: closes every HTTP stream it has open and wakes whoever waits
 * for them. Once cancelled it stays cancelled; anything registered afterwards is cancelled at once.
 */
final class Preemption implements CancelSignal {

    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelled;

    /** Idempotent; safe from any thread. Runs the registered actions on the calling thread. */
    void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(onCancel);
            onCancel.clear();
        }
        actions.forEach(Runnable::run);
    }

    @Override
    public synchronized boolean cancelled() {
        return cancelled;
    }

    /** @throws StepCancelledException when cancelled */
    void check() throws StepCancelledException {
        if (cancelled()) {
            throw new StepCancelledException();
        }
    }

    /** Runs {@code action} on cancel (now, if already cancelled). */
    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                onCancel.add(action);
                return;
            }
        }
        action.run();
    }

    @Override
    public synchronized void removeOnCancel(Runnable action) {
        onCancel.remove(action);
    }
}
