package dev.ponder.document;

import dev.ponder.store.DocumentEntry;

/**
 * Receives progress from one blocking import ({@link DocumentImporter#importFile}). Called on the
 * importing thread; implementations must be quick and must not block.
 */
@FunctionalInterface
public interface ImportProgress {

    /** Ignores progress and never cancels. */
    ImportProgress NONE = (stage, fraction) -> { };

    /**
     * The import reached {@code stage} (a short phrase for the user, e.g. "Reading page 12 of 300")
     * and is {@code fraction} done overall, 0..1.
     */
    void progress(String stage, double fraction);

    /** The document's row was added or its status changed; {@code document} is the stored state. */
    default void documentChanged(DocumentEntry document) {
    }

    /**
     * The row made for this import was removed again (its text turned out to be in the library
     * already as another document).
     */
    default void documentRemoved(long documentId) {
    }

    /**
     * Polled between pages and between embedding batches; {@code true} stops the import, which
     * then ends as {@link ImportOutcome.Failed} with the row marked failed.
     */
    default boolean cancelled() {
        return false;
    }
}
