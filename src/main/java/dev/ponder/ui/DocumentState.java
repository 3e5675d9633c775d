package dev.ponder.ui;

import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;

/**
 * How a document looks in the library list: each state has its style class (which the stylesheet
 * turns into an icon and colour) and a short status text.
 */
public enum DocumentState {
    QUEUED("state-queued", "Waiting"),
    IMPORTING("state-importing", "Reading"),
    READY("state-ready", "Ready"),
    READY_WITH_WARNING("state-warning", "Ready, with a warning"),
    NEEDS_PASSWORD("state-password", "Needs password"),
    FAILED("state-failed", "Failed"),
    /** The file is gone from where it was opened; what was read from it is still in the library. */
    MISSING("state-missing", "Missing");

    private final String styleClass;
    private final String label;

    DocumentState(String styleClass, String label) {
        this.styleClass = styleClass;
        this.label = label;
    }

    /** Style class of a list row (and of the insights panel's status) in this state. */
    public String styleClass() {
        return styleClass;
    }

    /** Short status text, without progress. */
    public String label() {
        return label;
    }

    /** The state a stored document is in. */
    public static DocumentState of(DocumentEntry entry) {
        if (entry.missing() && (entry.status() == DocumentStatus.READY || entry.status() == DocumentStatus.FAILED)) {
            return MISSING;
        }
        return switch (entry.status()) {
            case QUEUED -> QUEUED;
            case IMPORTING -> IMPORTING;
            case READY -> entry.message().filter(m -> !m.isBlank()).isPresent() ? READY_WITH_WARNING : READY;
            case NEEDS_PASSWORD -> NEEDS_PASSWORD;
            case FAILED -> FAILED;
        };
    }
}
