package dev.ponder.ui;

import dev.ponder.document.ImportOutcome;
import dev.ponder.store.DocumentEntry;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library pane: the documents with their import state, which of them the next question is
 * about (the selection; none selected = all), password requests for encrypted files, and a notice
 * line for things the list itself does not show.
 */
public final class LibraryViewModel {

    private static final Logger log = LoggerFactory.getLogger(LibraryViewModel.class);

    private final UiExecutor ui;
    private final LibraryAccess library;
    private final ObservableList<DocumentItem> documents = FXCollections.observableArrayList();
    private final ObservableList<DocumentItem> documentsView = FXCollections.unmodifiableObservableList(documents);
    private final Map<Long, DocumentItem> byId = new HashMap<>();
    private final Set<Long> removed = new HashSet<>();
    private final ObservableList<DocumentItem> selected = FXCollections.observableArrayList();
    private final ObservableList<DocumentItem> selectedView = FXCollections.unmodifiableObservableList(selected);
    private final ReadOnlyObjectWrapper<DocumentItem> focused = new ReadOnlyObjectWrapper<>(this, "focused");
    private final ReadOnlyObjectWrapper<DocumentItem> selectionRequest = new ReadOnlyObjectWrapper<>(this, "selectionRequest");
    private final ReadOnlyObjectWrapper<PasswordRequest> passwordRequest = new ReadOnlyObjectWrapper<>(this, "passwordRequest");
    private final Deque<PasswordRequest> waitingForPassword = new ArrayDeque<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper scopeDescription = new ReadOnlyStringWrapper(this, "scopeDescription");
    private final BooleanBinding empty = Bindings.isEmpty(documents);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private Runnable unsubscribe = () -> { };

    public LibraryViewModel(UiExecutor ui, LibraryAccess library) {
        this.ui = ui;
        this.library = library;
        selected.addListener((javafx.collections.ListChangeListener<DocumentItem>) c -> describeScope());
        documents.addListener((javafx.collections.ListChangeListener<DocumentItem>) c -> describeScope());
        describeScope();
    }

    /** Follows the library and loads what it holds. */
    public void start() {
        unsubscribe = library.subscribe(new LibraryAccess.Events() {
            @Override
            public void documentChanged(DocumentEntry document) {
                ui.onUi(() -> upsert(document));
            }

            @Override
            public void importProgress(long documentId, String stage, double fraction) {
                ui.onUi(() -> {
                    DocumentItem item = byId.get(documentId);
                    if (item != null) {
                        item.progress(stage, fraction);
                    }
                });
            }

            @Override
            public void documentRemoved(long documentId) {
                ui.onUi(() -> {
                    DocumentItem item = byId.get(documentId);
                    if (item != null) {
                        drop(item);
                    }
                });
            }
        });
        ui.run(library::documents, all -> {
            all.forEach(this::addIfAbsent);
            loaded.set(true);
        }, e -> {
            fail("Ponder could not read its library", e);
            loaded.set(true);
        });
    }

    /** Stops following the library. */
    public void dispose() {
        unsubscribe.run();
    }

    /** Opens files (dropped, chosen, or handed over); the library imports them in the background. */
    public void open(Collection<Path> files) {
        notice.set("");
        for (Path file : files) {
            try {
                ui.whenDone(library.open(file), this::onOutcome,
                        e -> fail("Ponder could not open " + file.getFileName(), e));
            } catch (RuntimeException e) {
                fail("Ponder could not open " + file.getFileName(), e);
            }
        }
    }

    private void onOutcome(ImportOutcome outcome) {
        // Java 17: no pattern matching in switch yet
        if (outcome instanceof ImportOutcome.AlreadyInLibrary already) {
            upsert(already.document());
            notice.set(already.file().getFileName() + " is already in your library.");
            requestSelection(already.document().id());
        } else if (outcome instanceof ImportOutcome.NeedsPassword needs) {
            upsert(needs.document());
            askForPassword(new PasswordRequest(needs.file(), needs.document().fileName(), needs.wrongPassword()));
        } else if (outcome instanceof ImportOutcome.Imported imported) {
            upsert(imported.document());
        } else if (outcome instanceof ImportOutcome.Failed failed) {
            upsert(failed.document());
        }
    }

    /** Asks again for the password of a document that is waiting for one. */
    public void requestPassword(DocumentItem item) {
        if (item.state() == DocumentState.NEEDS_PASSWORD) {
            askForPassword(new PasswordRequest(item.entry().path(), item.fileName(), false));
        }
    }

    private void askForPassword(PasswordRequest request) {
        if (passwordRequest.get() == null) {
            passwordRequest.set(request);
        } else {
            waitingForPassword.add(request);
        }
    }

    /** Opens the file of the current password request with {@code password}. */
    public void submitPassword(char[] password) {
        PasswordRequest request = passwordRequest.get();
        if (request == null) {
            return;
        }
        nextPasswordRequest();
        try {
            var opening = library.open(request.file(), password);
            opening.whenComplete((r, e) -> Arrays.fill(password, '\0'));
            ui.whenDone(opening, this::onOutcome, e -> fail("Ponder could not open " + request.fileName(), e));
        } catch (RuntimeException e) {
            fail("Ponder could not open " + request.fileName(), e);
        }
    }

    /** Leaves the document of the current password request waiting for its password. */
    public void cancelPassword() {
        nextPasswordRequest();
    }

    private void nextPasswordRequest() {
        passwordRequest.set(null);
        passwordRequest.set(waitingForPassword.poll());
    }

    /** Removes documents from the library (they stay on disk). */
    public void remove(Collection<DocumentItem> items) {
        notice.set("");
        for (DocumentItem item : List.copyOf(items)) {
            removed.add(item.id());
            drop(item);
            try {
                ui.whenDone(library.remove(item.id()), done -> { }, e -> {
                    removed.remove(item.id());
                    fail("Ponder could not remove " + item.fileName(), e);
                    addIfAbsent(item.entry());
                });
            } catch (RuntimeException e) {
                removed.remove(item.id());
                fail("Ponder could not remove " + item.fileName(), e);
                addIfAbsent(item.entry());
            }
        }
    }

    /**
     * The user's selection: the documents the next question is about, and the one the insights
     * panel shows ({@code focus}, usually the last one clicked).
     */
    public void select(List<DocumentItem> items, DocumentItem focus) {
        selected.setAll(items);
        focused.set(focus != null && items.contains(focus) ? focus : items.isEmpty() ? null : items.get(items.size() - 1));
    }

    /** Selects one document, as if the user clicked it (the view applies it to the list). */
    public void requestSelection(long documentId) {
        DocumentItem item = byId.get(documentId);
        if (item != null) {
            selectionRequest.set(null);
            selectionRequest.set(item);
        }
    }

    /** The view calls this once it applied a {@link #selectionRequestProperty() selection request}. */
    public void selectionRequestHandled() {
        selectionRequest.set(null);
    }

    /** Ids of the documents a question is about now; empty = every document. */
    public List<Long> scope() {
        return selected.stream().map(DocumentItem::id).toList();
    }

    private void upsert(DocumentEntry entry) {
        if (removed.contains(entry.id())) {
            return;
        }
        DocumentItem item = byId.get(entry.id());
        if (item == null) {
            addIfAbsent(entry);
        } else {
            item.update(entry);
        }
    }

    private void addIfAbsent(DocumentEntry entry) {
        if (byId.containsKey(entry.id()) || removed.contains(entry.id())) {
            return;
        }
        DocumentItem item = new DocumentItem(entry);
        byId.put(entry.id(), item);
        int at = 0;
        while (at < documents.size() && documents.get(at).id() < entry.id()) {
            at++;
        }
        documents.add(at, item);
    }

    private void drop(DocumentItem item) {
        byId.remove(item.id());
        selected.remove(item);
        if (focused.get() == item) {
            focused.set(selected.isEmpty() ? null : selected.get(selected.size() - 1));
        }
        documents.remove(item);
    }

    private void fail(String what, Throwable e) {
        log.warn("{}", what, e);
        String reason = UserText.sentence(e.getMessage());
        notice.set(reason.isBlank() || reason.length() > 200 ? what + "." : what + ": " + reason);
    }

    private void describeScope() {
        String text;
        if (selected.isEmpty()) {
            text = documents.size() == 1 ? documents.get(0).fileName() : "all documents";
        } else if (selected.size() == 1) {
            text = selected.get(0).fileName();
        } else {
            text = selected.size() + " documents";
        }
        scopeDescription.set(text);
    }

    /** The documents, oldest first. */
    public ObservableList<DocumentItem> documents() {
        return documentsView;
    }

    /** Selected documents. */
    public ObservableList<DocumentItem> selected() {
        return selectedView;
    }

    public BooleanBinding emptyProperty() {
        return empty;
    }

    /** False until the library's documents were read once at start. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** The document the insights panel shows, or null. */
    public ReadOnlyObjectProperty<DocumentItem> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** A document the view should select in the list (then call {@link #selectionRequestHandled()}). */
    public ReadOnlyObjectProperty<DocumentItem> selectionRequestProperty() {
        return selectionRequest.getReadOnlyProperty();
    }

    /** The password the library waits for, or null. The view shows one dialog per request. */
    public ReadOnlyObjectProperty<PasswordRequest> passwordRequestProperty() {
        return passwordRequest.getReadOnlyProperty();
    }

    /** A sentence about the last thing that went wrong or needs saying, or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** What a question is about now: "all documents", a file name, or "3 documents". */
    public ReadOnlyStringProperty scopeDescriptionProperty() {
        return scopeDescription.getReadOnlyProperty();
    }

    /** The item with this id, or null. */
    public DocumentItem find(long documentId) {
        return byId.get(documentId);
    }
}
