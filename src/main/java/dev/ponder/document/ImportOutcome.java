package dev.ponder.document;

import dev.ponder.store.DocumentEntry;
import java.nio.file.Path;

/** How opening one file ended. */
public sealed interface ImportOutcome {

    /** The file that was opened. */
    Path file();

    /** Stored and ready to ask about ({@code document.message()} may carry a warning). */
    record Imported(Path file, DocumentEntry document) implements ImportOutcome {
    }

    /** The same content (SHA-256) is already in the library; nothing was imported. */
    record AlreadyInLibrary(Path file, DocumentEntry document) implements ImportOutcome {
    }

    /** Encrypted with a user password; {@code wrongPassword} when one was given and it did not open. */
    record NeedsPassword(Path file, DocumentEntry document, boolean wrongPassword) implements ImportOutcome {
    }

    /** Could not be imported; {@code reason} is one sentence for the user. */
    record Failed(Path file, DocumentEntry document, String reason) implements ImportOutcome {
    }
}
