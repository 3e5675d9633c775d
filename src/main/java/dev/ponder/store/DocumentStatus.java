package dev.ponder.store;

/**
 * Where a document stands, as stored. Later stages (waiting for idle, thinking, stale) are added
 * by the sleep-time issues.
 */
public enum DocumentStatus {
    /** Dropped, not yet read. */
    QUEUED,
    /** Text is being extracted, sectioned and embedded. */
    IMPORTING,
    /** Text and sections are stored; questions can be asked. A warning may still apply. */
    READY,
    /** Encrypted with a user password; nothing was indexed. */
    NEEDS_PASSWORD,
    /** Could not be imported; the message says why. */
    FAILED;

    public boolean answerable() {
        return this == READY;
    }
}
