package dev.ponder.ui;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library pane's notice line: sentences about things the list itself does not show (a failed
 * drop, a folder without PDFs, a duplicate), one a line. A new drop clears it; the sentences of one
 * drop stay together.
 */
final class LibraryNotice {

    private static final Logger log = LoggerFactory.getLogger(LibraryNotice.class);

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "notice", "");

    /** Adds a sentence. */
    void say(String sentence) {
        String before = text.get();
        text.set(before.isEmpty() ? sentence : before + "\n" + sentence);
    }

    /** Logs {@code e} and adds "{@code what}: the reason." (or "{@code what}." when the reason is no sentence). */
    void fail(String what, Throwable e) {
        log.warn("{}", what, e);
        String reason = UserText.sentence(e.getMessage());
        say(reason.isBlank() || reason.length() > 200 ? what + "." : what + ": " + reason);
    }

    void clear() {
        text.set("");
    }

    ReadOnlyStringProperty property() {
        return text.getReadOnlyProperty();
    }
}
