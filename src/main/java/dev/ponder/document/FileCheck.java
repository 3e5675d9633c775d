package dev.ponder.document;

import dev.ponder.store.DocumentEntry;

/** What checking a document's file against the library found ({@link LibraryService#check}). */
public sealed interface FileCheck {

    /** The file is where it was and holds the content the library has. */
    record Unchanged(DocumentEntry document) implements FileCheck {
    }

    /** The file is gone from its path (deleted, moved, its folder or drive gone); the document is marked missing. */
    record Missing(DocumentEntry document) implements FileCheck {
    }

    /** The content changed and was imported again into the same document; {@code outcome} says how that ended. */
    record Reimported(ImportOutcome outcome) implements FileCheck {
    }

    /**
     * The file now holds the same content as another document of the library; this document keeps
     * its content, with a message saying so.
     */
    record SameAsOther(DocumentEntry document, DocumentEntry other) implements FileCheck {
    }

    /** Not checked: no such document, or it is being imported or waits for a password. */
    record Skipped(long documentId) implements FileCheck {
    }
}
