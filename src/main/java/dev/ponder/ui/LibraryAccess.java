package dev.ponder.ui;

import dev.ponder.document.FileCheck;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.PageView;
import dev.ponder.store.DocumentEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the UI needs from the document library. The application's implementation adapts
 * {@code dev.ponder.document.LibraryService} ({@link LibraryServiceAccess}); view-model tests use
 * a small in-memory one. Methods that may block are only called off the UI thread.
 */
public interface LibraryAccess {

    /** Starts importing {@code file}; returns at once. */
    CompletableFuture<ImportOutcome> open(Path file);

    /** Starts importing an encrypted {@code file} with its user password; returns at once. */
    CompletableFuture<ImportOutcome> open(Path file, char[] password);

    /**
     * Whether {@code password} opens the encrypted {@code file}, on the caller's thread (call it off
     * the UI thread) and not behind the imports, so a wrong password is said at once. A file that
     * cannot be read at all counts as opened: its import says what is wrong.
     */
    default boolean passwordOpens(Path file, char[] password) {
        return true;
    }

    /** Every document in the library, oldest first. May block. */
    List<DocumentEntry> documents();

    /**
     * The documents as read while a start checked the library, before it was open (issue #17): the
     * list can show them before {@link #documents()} answers. Never completes when nothing was read
     * that way (the library was open already, or its schema was migrated first).
     */
    default CompletableFuture<List<DocumentEntry>> readBeforeOpen() {
        return new CompletableFuture<>();
    }

    /**
     * Points a document whose file went missing at {@code file} and checks it there (same content:
     * ready again; other content: imported again into the same document); returns at once.
     */
    CompletableFuture<FileCheck> locate(long id, Path file);

    /** Starts removing a document and everything Ponder stored about it; returns at once. */
    CompletableFuture<Void> remove(long id);

    /**
     * Page {@code page} (1-based) of a document, drawn about {@code widthPx} pixels wide with the
     * lines supporting {@code answer} marked, or its stored text with the reason. Blocks.
     *
     * @throws IllegalArgumentException when the document or page does not exist
     */
    PageView page(long documentId, int page, String answer, int widthPx);

    /**
     * Follows the library. Events arrive on a background thread.
     *
     * @return undoes the subscription
     */
    Runnable subscribe(Events events);

    /** Changes in the library, in the order they happened. */
    interface Events {
        /** A document was added or its status, counts or message changed. */
        void documentChanged(DocumentEntry document);

        /**
         * An import moved on.
         *
         * @param stage    what it is doing, for the user ("Reading pages")
         * @param fraction 0..1
         */
        void importProgress(long documentId, String stage, double fraction);

        /** A document left the library (also when another part of Ponder removed it). */
        void documentRemoved(long documentId);
    }
}
