package dev.ponder.testing;

import dev.ponder.llm.CancelSignal;

/** A {@link CancelSignal} that never fires: for running idle work by hand in tests and benchmarks. */
public final class NeverCancelled implements CancelSignal {

    /** The one instance. */
    public static final CancelSignal INSTANCE = new NeverCancelled();

    private NeverCancelled() {
    }

    @Override
    public boolean cancelled() {
        return false;
    }

    @Override
    public void onCancel(Runnable action) {
        // never cancelled
    }

    @Override
    public void removeOnCancel(Runnable action) {
        // nothing was registered
    }
}
