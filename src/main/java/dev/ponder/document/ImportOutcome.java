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

    /**
     * The same content is already in the library as {@code document}; nothing was imported.
     * {@code sameTextOnly}: the files differ (e.g. re-saved with a new title or date), but their
     * text is the same; otherwise the file's bytes are the same (SHA-256).
     */
    record AlreadyInLibrary(Path file, DocumentEntry document, boolean sameTextOnly) implements ImportOutcome {

        /** The same bytes. */
        public AlreadyInLibrary(Path file, DocumentEntry document) {
            this(file, document, false);
        }

        /**
         * One sentence for the user: "x copy.pdf is already in your library as x.pdf." and, for
         * text-only matches, that only details such as the title or dates differ.
         */
        public String sentence() {
            Path name = file.getFileName();
            String dropped = name == null ? file.toString() : name.toString();
            String existing = document.fileName();
            String base = dropped.equals(existing) ? dropped + " is already in your library"
                    : dropped + " is already in your library as " + existing;
            return sameTextOnly ? base + ": the text is the same, only details such as its title or dates differ."
                    : base + ".";
        }
    }

    /** Encrypted with a user password; {@code wrongPassword} when one was given and it did not open. */
    record NeedsPassword(Path file, DocumentEntry document, boolean wrongPassword) implements ImportOutcome {
    }

    /** Could not be imported; {@code reason} is one sentence for the user. */
    record Failed(Path file, DocumentEntry document, String reason) implements ImportOutcome {
    }
}
