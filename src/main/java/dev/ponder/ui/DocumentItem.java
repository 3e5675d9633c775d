package dev.ponder.ui;

import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One document in the library list. The same object stays in the list while its import moves on,
 * so selection survives status changes; only the library pane's parts ({@link DocumentList},
 * {@link ImportQueue}) change it.
 *
 * <p>A file asked for but not yet started by the library's one import thread is shown at once as
 * a <em>pending</em> item ("Waiting"), with a negative id; when the library reports the document
 * for it, the same item {@linkplain #adopt takes its id}.
 */
public final class DocumentItem {

    private long id;
    private final ReadOnlyObjectWrapper<DocumentEntry> entry = new ReadOnlyObjectWrapper<>(this, "entry");
    private final ReadOnlyObjectWrapper<DocumentState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper fileName = new ReadOnlyStringWrapper(this, "fileName");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    /** 0..1 while importing with known progress, otherwise -1. */
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private String stage = "";

    DocumentItem(DocumentEntry entry) {
        this.id = entry.id();
        update(entry);
    }

    /** A file waiting for its import to start; {@code id} is negative and unique among pending items. */
    static DocumentItem pending(long id, Path file) {
        if (id >= 0) {
            throw new IllegalArgumentException("pending ids are negative: " + id);
        }
        Path name = file.getFileName();
        return new DocumentItem(new DocumentEntry(id, Optional.empty(), name == null ? file.toString() : name.toString(),
                file, 0, 0, 0, 0, DocumentStatus.QUEUED, Optional.empty(), Instant.now()));
    }

    /** True until the library reported the document for this waiting file. */
    public boolean isPending() {
        return id < 0;
    }

    /** The pending item becomes the library's document {@code e}. */
    void adopt(DocumentEntry e) {
        if (!isPending()) {
            throw new IllegalStateException(fileName() + " is already document " + id);
        }
        id = e.id();
        update(e);
    }

    /** True when this item stands for (or waits for) {@code file}. */
    boolean isFor(Path file) {
        return sameFile(entry().path(), file);
    }

    static boolean sameFile(Path a, Path b) {
        return a != null && b != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** True when a question can be asked about it now. */
    public boolean isAnswerable() {
        DocumentState s = state.get();
        return !isPending() && (s == DocumentState.READY || s == DocumentState.READY_WITH_WARNING
                || (s == DocumentState.MISSING && entry().status().answerable()));
    }

    void update(DocumentEntry e) {
        DocumentState s = DocumentState.of(e);
        if (s != DocumentState.IMPORTING && s != DocumentState.QUEUED) {
            progress.set(-1);
            stage = "";
        }
        entry.set(e);
        fileName.set(e.fileName());
        message.set(s == DocumentState.MISSING ? missing(e) : UserText.sentence(e.message().orElse("")));
        state.set(s);
        refreshStatusText();
    }

    /** Why a missing document shows so, and what to do. */
    static String missing(DocumentEntry e) {
        return "The file is no longer at " + e.path() + " — it was moved or deleted, or its drive is not connected. "
                + "Choose Locate… to show Ponder where it is now"
                + (e.status().answerable() ? "; you can still ask about what Ponder read from it." : ".");
    }

    void progress(String stageText, double fraction) {
        DocumentState s = state.get();
        if (s != DocumentState.IMPORTING && s != DocumentState.QUEUED) {
            return; // a late progress event after the import finished
        }
        stage = stageText == null ? "" : stageText;
        progress.set(Math.max(0, Math.min(1, fraction)));
        state.set(DocumentState.IMPORTING);
        refreshStatusText();
    }

    private void refreshStatusText() {
        DocumentState s = state.get();
        String text = s.label();
        if (s == DocumentState.IMPORTING) {
            text = importingText(stage.isBlank() ? s.label() : stage);
        } else if (s == DocumentState.FAILED || s == DocumentState.READY_WITH_WARNING) {
            text = s == DocumentState.FAILED ? "Failed" : "Ready";
        }
        statusText.set(text);
    }

    /**
     * One measure, in the words that match it: a stage that counts ("Reading page 196 of 196")
     * as it is, another ("Saving") with "…". The share of the whole import is the ring's, not
     * the line's: "Reading page 196 of 196 35%" read as two contradicting measures.
     */
    static String importingText(String stage) {
        return stage.matches(".*\\d+ of \\d+.*") ? stage : stage + "…";
    }

    public long id() {
        return id;
    }

    public ReadOnlyObjectProperty<DocumentEntry> entryProperty() {
        return entry.getReadOnlyProperty();
    }

    public DocumentEntry entry() {
        return entry.get();
    }

    public ReadOnlyObjectProperty<DocumentState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public DocumentState state() {
        return state.get();
    }

    public ReadOnlyStringProperty fileNameProperty() {
        return fileName.getReadOnlyProperty();
    }

    public String fileName() {
        return fileName.get();
    }

    /** Short status for the list row, e.g. "Ready", "Reading page 12 of 300", "Saving…", "Needs password". */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public String statusText() {
        return statusText.get();
    }

    /** The warning (ready) or reason (failed, needs password) sentence; empty when none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public Optional<String> message() {
        return message.get().isBlank() ? Optional.empty() : Optional.of(message.get());
    }

    /** Import progress 0..1, or -1 when not importing or unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return fileName.get() + " (" + statusText.get() + ")";
    }
}
