package dev.ponder.document;

import java.util.Optional;

/**
 * What a PDF says about itself beside its text: whether it needed a password to open, and the
 * title and author in its document information. Two copies with the same text may differ here;
 * the library keeps the first, so opening the second says what is not kept.
 *
 * @param passwordProtected whether it opened only with a user password
 * @param title             its Info title, stripped; empty when none
 * @param author            its Info author, stripped; empty when none
 */
public record FileDetails(boolean passwordProtected, Optional<String> title, Optional<String> author) {

    /** Nothing known: no password, no title, no author. */
    public static final FileDetails NONE = new FileDetails(false, Optional.empty(), Optional.empty());

    /** A title or author, empty when blank. */
    static Optional<String> field(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
