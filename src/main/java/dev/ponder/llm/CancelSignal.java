package dev.ponder.llm;

/** Tells work in progress to stop, e.g. a sleep-time step when the person comes back. */
public interface CancelSignal {

    boolean cancelled();

    /** Runs {@code action} on cancel (at once, on this thread, if already cancelled). */
    void onCancel(Runnable action);

    /** Forgets an action registered with {@link #onCancel}. */
    void removeOnCancel(Runnable action);
}
