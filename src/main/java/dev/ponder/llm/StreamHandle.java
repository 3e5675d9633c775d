package dev.ponder.llm;

/** Cancels a streaming request: the HTTP stream is closed and no further callbacks arrive. */
public interface StreamHandle {
    /** Idempotent; safe from any thread. */
    void cancel();
}
