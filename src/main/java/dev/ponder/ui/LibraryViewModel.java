package dev.ponder.ui;

import dev.ponder.store.DocumentEntry;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The library pane: the documents with their import state, which of them the next question is
 * about (the scope: the selected documents that are ready; none = every ready document), the one
 * the insights panel shows, password requests for encrypted files, and a notice line for things
 * the list itself does not show. The rows are a {@link DocumentList}; files asked for wait in an
 * {@link ImportQueue}; removing and locating documents is {@link DocumentRemoval}'s.
 *
 * <p>Only the user changes the selection. Imports finishing, a duplicate drop or a clicked
 * citation never do: they may {@linkplain #show show} a document in the insights panel and
 * {@linkplain #revealRequestProperty scroll the list} to it, and the scope stays as it was.
 */
public final class LibraryViewModel {

    private final UiExecutor ui;
    private final LibraryAccess library;
    private final DocumentList list = new DocumentList();
    private final LibraryNotice notice = new LibraryNotice();
    private final ImportQueue imports;
    private final DocumentRemoval removal;
    private final ObservableList<DocumentItem> selected = FXCollections.observableArrayList();
    private final ObservableList<DocumentItem> selectedView = FXCollections.unmodifiableObservableList(selected);
    private final ReadOnlyObjectWrapper<DocumentItem> focused = new ReadOnlyObjectWrapper<>(this, "focused");
    private final ReadOnlyObjectWrapper<DocumentItem> selectionRequest = new ReadOnlyObjectWrapper<>(this, "selectionRequest");
    private final ReadOnlyObjectWrapper<DocumentItem> revealRequest = new ReadOnlyObjectWrapper<>(this, "revealRequest");
    private final ReadOnlyStringWrapper scopeDescription = new ReadOnlyStringWrapper(this, "scopeDescription");
    private final ReadOnlyStringWrapper scopeLine = new ReadOnlyStringWrapper(this, "scopeLine");
    private final BooleanBinding empty = Bindings.isEmpty(list.rows());
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final InvalidationListener stateChanged = o -> describeScope();
    private Runnable unsubscribe = () -> { };

    public LibraryViewModel(UiExecutor ui, LibraryAccess library) {
        this.ui = ui;
        this.library = library;
        this.imports = new ImportQueue(ui, library, list, notice, item -> {
            show(item);
            reveal(item);
        });
        this.removal = new DocumentRemoval(ui, library, list, imports, notice);
        selected.addListener((ListChangeListener<DocumentItem>) c -> describeScope());
        list.rows().addListener((ListChangeListener<DocumentItem>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(this::gone);
                c.getAddedSubList().forEach(i -> i.stateProperty().addListener(stateChanged));
            }
            describeScope();
        });
        describeScope();
    }

    /** Follows the library and loads what it holds. */
    public void start() {
        unsubscribe = library.subscribe(new LibraryAccess.Events() {
            @Override
            public void documentChanged(DocumentEntry document) {
                ui.onUi(() -> imports.arrived(document));
            }

            @Override
            public void importProgress(long documentId, String stage, double fraction) {
                ui.onUi(() -> {
                    DocumentItem item = list.find(documentId);
                    if (item != null) {
                        item.progress(stage, fraction);
                    }
                });
            }

            @Override
            public void documentRemoved(long documentId) {
                ui.onUi(() -> {
                    DocumentItem item = list.find(documentId);
                    if (item != null) {
                        list.drop(item);
                    }
                });
            }
        });
        // the documents as the library check read them, shown while the library opens (issue #17)
        library.readBeforeOpen().thenAccept(early -> ui.onUi(() -> {
            if (!loaded.get()) {
                list.addEarly(early);
                imports.libraryRead();
                loaded.set(true);
            }
        }));
        ui.run(library::documents, all -> {
            list.addRead(all);
            imports.libraryRead();
            loaded.set(true);
        }, e -> {
            notice.fail("Ponder could not read its library", e);
            loaded.set(true);
        });
    }

    /** Stops following the library. */
    public void dispose() {
        unsubscribe.run();
    }

    /** A row left the list: it is no longer selected, nor shown in the insights panel. */
    private void gone(DocumentItem item) {
        item.stateProperty().removeListener(stateChanged);
        selected.remove(item);
        if (focused.get() == item) {
            focused.set(selected.isEmpty() ? null : selected.get(selected.size() - 1));
        }
    }

    /**
     * Opens files (dropped, chosen, or handed over); the library imports them in the background,
     * one after another. Each shows at once as "Waiting" until its import begins.
     */
    public void open(Collection<Path> files) {
        imports.open(files);
    }

    /** Asks again for the password of a document that is waiting for one. */
    public void requestPassword(DocumentItem item) {
        imports.requestPassword(item);
    }

    /**
     * Opens the file of the current password request with {@code password}: tries it first, off the
     * UI thread but not behind the imports, so a wrong one is asked for again at once; a right one
     * imports the file.
     */
    public void submitPassword(char[] password) {
        imports.submitPassword(password);
    }

    /** Leaves the document of the current password request waiting for its password. */
    public void cancelPassword() {
        imports.cancelPassword();
    }

    /**
     * Points a missing document at {@code file}, where the user found it; the library checks it
     * there (same content: ready again; other content: imported again into the same document).
     */
    public void locate(DocumentItem item, Path file) {
        removal.locate(item, file);
    }

    /** Removes documents from the library (they stay on disk); a waiting file is not imported. */
    public void remove(Collection<DocumentItem> items) {
        removal.remove(items);
    }

    /**
     * The user's selection: the documents the next question is about (those of them that are
     * ready), and the one the insights panel shows ({@code focus}, usually the last one clicked).
     */
    public void select(List<DocumentItem> items, DocumentItem focus) {
        selected.setAll(items);
        focused.set(focus != null && items.contains(focus) ? focus : items.isEmpty() ? null : items.get(items.size() - 1));
    }

    /** Shows {@code item} in the insights panel; the selection, and so the scope, stay as they are. */
    public void show(DocumentItem item) {
        focused.set(item);
    }

    /** Asks the view to scroll the list to {@code item}, without selecting it. */
    public void reveal(DocumentItem item) {
        revealRequest.set(null);
        revealRequest.set(item);
    }

    /** The view calls this once it scrolled to a {@link #revealRequestProperty() revealed} item. */
    public void revealHandled() {
        revealRequest.set(null);
    }

    /** Selects one document, as if the user clicked it (the view applies it to the list). */
    public void requestSelection(long documentId) {
        DocumentItem item = list.find(documentId);
        if (item != null) {
            selectionRequest.set(null);
            selectionRequest.set(item);
        }
    }

    /** The view calls this once it applied a {@link #selectionRequestProperty() selection request}. */
    public void selectionRequestHandled() {
        selectionRequest.set(null);
    }

    /**
     * Ids of the documents a question is about now: the selected ones that are ready. Empty means
     * every ready document — also when only documents that cannot be asked about are selected.
     */
    public List<Long> scope() {
        return selected.stream().filter(DocumentItem::isAnswerable).map(DocumentItem::id).toList();
    }

    private void describeScope() {
        List<DocumentItem> chosen = selected.stream().filter(DocumentItem::isAnswerable).toList();
        List<DocumentItem> notReady = selected.stream().filter(i -> !i.isAnswerable()).toList();
        List<DocumentItem> ready = list.rows().stream().filter(DocumentItem::isAnswerable).toList();
        long inLibrary = list.rows().stream().filter(i -> !i.isPending()).count();
        String about;
        if (chosen.size() == 1) {
            about = chosen.get(0).fileName();
        } else if (!chosen.isEmpty()) {
            about = chosen.size() + " documents";
        } else if (ready.size() == 1) {
            about = ready.get(0).fileName();
        } else if (ready.isEmpty()) {
            about = "";
        } else {
            about = ready.size() == inLibrary ? "all documents" : "all ready documents (" + ready.size() + " of " + inLibrary + ")";
        }
        scopeDescription.set(about);
        if (about.isEmpty()) {
            scopeLine.set("No document is ready to ask about yet");
            return;
        }
        String hint;
        if (notReady.size() == 1) {
            hint = notReady.get(0).fileName() + " " + whyNotReady(notReady.get(0).state());
        } else if (!notReady.isEmpty()) {
            hint = notReady.size() + " selected documents are left out until they are ready";
        } else if (selected.isEmpty()) {
            hint = "select documents in the library to narrow it";
        } else {
            hint = "Ctrl-click in the library to change";
        }
        scopeLine.set("Asking about " + about + " · " + hint);
    }

    private static String whyNotReady(DocumentState state) {
        return switch (state) {
            case NEEDS_PASSWORD -> "is left out until it has its password";
            case FAILED -> "is left out: it could not be read";
            default -> "is left out until it is read";
        };
    }

    /** The documents, oldest first, then the files waiting for their import. */
    public ObservableList<DocumentItem> documents() {
        return list.rows();
    }

    /** Selected documents (the scope is the ready ones among them). */
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

    /** A document the view should scroll to without selecting it (then call {@link #revealHandled()}). */
    public ReadOnlyObjectProperty<DocumentItem> revealRequestProperty() {
        return revealRequest.getReadOnlyProperty();
    }

    /** The password the library waits for, or null. The view shows one dialog per request. */
    public ReadOnlyObjectProperty<PasswordRequest> passwordRequestProperty() {
        return imports.passwordRequestProperty();
    }

    /** Sentences about the last things that went wrong or need saying, one a line, or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.property();
    }

    /** What a question is about now: "all documents", a file name, "3 documents"; empty when nothing is ready. */
    public ReadOnlyStringProperty scopeDescriptionProperty() {
        return scopeDescription.getReadOnlyProperty();
    }

    /**
     * The line under the question field: what the next question is about and how to change it,
     * e.g. "Asking about report.pdf · secret.pdf is left out until it has its password".
     */
    public ReadOnlyStringProperty scopeLineProperty() {
        return scopeLine.getReadOnlyProperty();
    }

    /** The item with this id, or null. */
    public DocumentItem find(long documentId) {
        return list.find(documentId);
    }
}
