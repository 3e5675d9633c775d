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
     *
     * @param differences how this copy differs from the one kept, as far as Ponder can tell (text-only matches)
     */
    record AlreadyInLibrary(Path file, DocumentEntry document, boolean sameTextOnly, CopyDifferences differences)
            implements ImportOutcome {

        /** The same bytes. */
        public AlreadyInLibrary(Path file, DocumentEntry document) {
            this(file, document, false, CopyDifferences.NONE);
        }

        /** Text-only match ({@code sameTextOnly}) with nothing known of how the copies differ. */
        public AlreadyInLibrary(Path file, DocumentEntry document, boolean sameTextOnly) {
            this(file, document, sameTextOnly, CopyDifferences.NONE);
        }

        /**
         * What the user is told: "x copy.pdf is already in your library as x.pdf." and, for
         * text-only matches, how this copy differs — protected by a password, its own title or
         * author (which are not kept), a problem of its own (cut short, damaged) — or, when Ponder
         * sees no such difference, that only details such as its dates differ.
         */
        public String sentence() {
            Path name = file.getFileName();
            String dropped = name == null ? file.toString() : name.toString();
            String existing = document.fileName();
            String base = dropped.equals(existing) ? dropped + " is already in your library"
                    : dropped + " is already in your library as " + existing;
            if (!sameTextOnly) {
                return base + ".";
            }
            CopyDifferences d = differences;
            java.util.List<String> what = new java.util.ArrayList<>();
            if (d.passwordProtected()) {
                what.add("is protected by a password");
            }
            d.title().ifPresent(t -> what.add("has the title “" + t + "”"));
            d.author().ifPresent(a -> what.add("names " + a + " as its author"));
            if (what.isEmpty() && d.problem().isEmpty()) {
                return base + ": the text is the same, only details such as its dates differ.";
            }
            StringBuilder s = new StringBuilder(base).append(": the text is the same");
            if (!what.isEmpty()) {
                s.append(", but this copy ").append(String.join(" and ", what));
                if (d.title().isPresent() || d.author().isPresent()) {
                    s.append(" — Ponder keeps those of ").append(existing);
                }
            }
            s.append('.');
            d.problem().ifPresent(p -> s.append(" This copy has a problem the one kept has not: ").append(p));
            return s.toString();
        }
    }

    /**
     * How a copy with the same text differs from the document the library keeps.
     *
     * @param passwordProtected this copy opened only with a password
     * @param title             this copy's title, when it has one and it differs from the kept one's
     * @param author            this copy's author, likewise
     * @param problem           this copy's warning (cut short, damaged, …), when the kept one has not the same
     */
    record CopyDifferences(boolean passwordProtected, java.util.Optional<String> title, java.util.Optional<String> author,
                           java.util.Optional<String> problem) {

        /** None that Ponder can tell. */
        public static final CopyDifferences NONE = new CopyDifferences(false, java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty());
    }

    /** Encrypted with a user password; {@code wrongPassword} when one was given and it did not open. */
    record NeedsPassword(Path file, DocumentEntry document, boolean wrongPassword) implements ImportOutcome {
    }

    /** Could not be imported; {@code reason} is one sentence for the user. */
    record Failed(Path file, DocumentEntry document, String reason) implements ImportOutcome {
    }
}
