package dev.ponder.document;

import dev.ponder.store.DocumentEntry;

/**
 * Hears about library changes from {@link LibraryService}. Called on the import thread: a UI
 * listener moves to its own thread itself. Must return quickly; exceptions are logged and ignored.
 */
public interface LibraryListener {

    /** A document was added or its status, message or content changed; {@code document} is its stored state. */
    void documentChanged(DocumentEntry document);

    /**
     * An import went on.
     *
     * @param documentId the document's id (known once its row exists; steps before that are not reported)
     * @param stage      a short phrase for the user, e.g. "Reading page 12 of 300"
     * @param fraction   how much of this import is done, 0..1
     */
    void importProgress(long documentId, String stage, double fraction);

    /** A document was removed from the library. */
    default void documentRemoved(long documentId) {
    }
}
