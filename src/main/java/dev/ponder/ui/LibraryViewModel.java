package dev.ponder.ui;

import dev.ponder.document.FileCheck;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.PdfFolder;
import dev.ponder.store.DocumentEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library pane: the documents with their import state, which of them the next question is
 * about (the scope: the selected documents that are ready; none = every ready document), the one
 * the insights panel shows, password requests for encrypted files, and a notice line for things
 * the list itself does not show.
 *
 * <p>Only the user changes the selection. Imports finishing, a duplicate drop or a clicked
 * citation never do: they may {@linkplain #show show} a document in the insights panel and
 * {@linkplain #revealRequestProperty scroll the list} to it, and the scope stays as it was.
 *
 * <p>The library imports one file at a time and creates a document only when its import begins,
 * so each file asked for shows at once as a pending "Waiting" item, which becomes the document
 * when the library reports it (or goes away with the import's outcome).
 */
public final class LibraryViewModel {

    private static final Logger log = LoggerFactory.getLogger(LibraryViewModel.class);

    private final UiExecutor ui;
    private final LibraryAccess library;
    private final ObservableList<DocumentItem> documents = FXCollections.observableArrayList();
    private final ObservableList<DocumentItem> documentsView = FXCollections.unmodifiableObservableList(documents);
    private final Map<Long, DocumentItem> byId = new HashMap<>();
    private final Set<Long> removed = new HashSet<>();
    /** Waiting files, oldest first, with the import that will settle each. */
    private final Map<DocumentItem, CompletableFuture<ImportOutcome>> pending = new IdentityHashMap<>();
    private final List<DocumentItem> pendingOrder = new ArrayList<>();
    private long nextPendingId = -1;
    private final ObservableList<DocumentItem> selected = FXCollections.observableArrayList();
    private final ObservableList<DocumentItem> selectedView = FXCollections.unmodifiableObservableList(selected);
    private final ReadOnlyObjectWrapper<DocumentItem> focused = new ReadOnlyObjectWrapper<>(this, "focused");
    private final ReadOnlyObjectWrapper<DocumentItem> selectionRequest = new ReadOnlyObjectWrapper<>(this, "selectionRequest");
    private final ReadOnlyObjectWrapper<DocumentItem> revealRequest = new ReadOnlyObjectWrapper<>(this, "revealRequest");
    private final ReadOnlyObjectWrapper<PasswordRequest> passwordRequest = new ReadOnlyObjectWrapper<>(this, "passwordRequest");
    private final Deque<PasswordRequest> waitingForPassword = new ArrayDeque<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper scopeDescription = new ReadOnlyStringWrapper(this, "scopeDescription");
    private final ReadOnlyStringWrapper scopeLine = new ReadOnlyStringWrapper(this, "scopeLine");
    private final BooleanBinding empty = Bindings.isEmpty(documents);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final InvalidationListener stateChanged = o -> describeScope();
    private Runnable unsubscribe = () -> { };

    public LibraryViewModel(UiExecutor ui, LibraryAccess library) {
        this.ui = ui;
        this.library = library;
        selected.addListener((ListChangeListener<DocumentItem>) c -> describeScope());
        documents.addListener((ListChangeListener<DocumentItem>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(i -> i.stateProperty().removeListener(stateChanged));
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
            // files handed over at start that the library already holds: their rows say enough
            List.copyOf(pendingOrder).stream().filter(w -> knows(w.entry().path())).forEach(this::dropPending);
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

    /**
     * Opens files (dropped, chosen, or handed over); the library imports them in the background,
     * one after another. Each shows at once as "Waiting" until its import begins.
     */
    public void open(Collection<Path> files) {
        notice.set("");
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                openFolder(file);
                continue;
            }
            DocumentItem waiting = knows(file) ? null : DocumentItem.pending(nextPendingId--, file);
            try {
                CompletableFuture<ImportOutcome> opening = library.open(file);
                if (waiting != null) {
                    pending.put(waiting, opening);
                    pendingOrder.add(waiting);
                    documents.add(waiting);
                }
                ui.whenDone(opening, outcome -> onOutcome(outcome, waiting), e -> {
                    if (waiting != null) {
                        dropPending(waiting);
                    }
                    if (!(e instanceof java.util.concurrent.CancellationException)) {
                        fail("Ponder could not open " + file.getFileName(), e);
                    }
                });
            } catch (RuntimeException e) {
                fail("Ponder could not open " + file.getFileName(), e);
            }
        }
    }

    /** A folder is opened as the PDFs inside it, found in the background (a big folder takes a while). */
    private void openFolder(Path folder) {
        ui.run(() -> PdfFolder.pdfsIn(folder), contents -> {
            open(contents.pdfs());
            String sentence = PdfFolder.sentence(contents);
            if (!sentence.isEmpty()) {
                say(sentence);
            }
        }, e -> fail("Ponder could not look into the folder " + folder.getFileName(), e));
    }

    /** A document of the library (not a waiting file) was opened from {@code file}. */
    private boolean knows(Path file) {
        return byId.values().stream().anyMatch(i -> i.isFor(file));
    }

    private void onOutcome(ImportOutcome outcome, DocumentItem waiting) {
        if (waiting != null) {
            settle(waiting, outcome);
        }
        // Java 17: no pattern matching in switch yet
        if (outcome instanceof ImportOutcome.AlreadyInLibrary already) {
            upsert(already.document());
            say(alreadyInLibrary(already));
            DocumentItem existing = byId.get(already.document().id());
            if (existing != null) {
                show(existing);
                reveal(existing);
            }
        } else if (outcome instanceof ImportOutcome.NeedsPassword needs) {
            upsert(needs.document());
            askForPassword(new PasswordRequest(needs.file(), needs.document().fileName(), needs.wrongPassword()));
        } else if (outcome instanceof ImportOutcome.Imported imported) {
            upsert(imported.document());
        } else if (outcome instanceof ImportOutcome.Failed failed) {
            upsert(failed.document());
        }
    }

    /** "x copy.pdf is already in your library as x.pdf." — the name it has there, when it differs. */
    static String alreadyInLibrary(ImportOutcome.AlreadyInLibrary already) {
        return already.sentence();
    }

    /** The import for a waiting item ended: it becomes its document, or goes away. */
    private void settle(DocumentItem waiting, ImportOutcome outcome) {
        if (!waiting.isPending() || !pending.containsKey(waiting)) {
            return; // adopted on the way, or removed by the user
        }
        DocumentEntry entry = documentOf(outcome);
        boolean fresh = !(outcome instanceof ImportOutcome.AlreadyInLibrary)
                && !byId.containsKey(entry.id()) && !removed.contains(entry.id());
        if (fresh) {
            adopt(waiting, entry);
        } else {
            dropPending(waiting);
        }
    }

    private static DocumentEntry documentOf(ImportOutcome outcome) {
        if (outcome instanceof ImportOutcome.Imported o) {
            return o.document();
        } else if (outcome instanceof ImportOutcome.AlreadyInLibrary o) {
            return o.document();
        } else if (outcome instanceof ImportOutcome.NeedsPassword o) {
            return o.document();
        }
        return ((ImportOutcome.Failed) outcome).document();
    }

    private void adopt(DocumentItem waiting, DocumentEntry entry) {
        pending.remove(waiting);
        pendingOrder.remove(waiting);
        waiting.adopt(entry);
        byId.put(entry.id(), waiting);
    }

    private void dropPending(DocumentItem waiting) {
        pending.remove(waiting);
        pendingOrder.remove(waiting);
        if (waiting.isPending()) {
            drop(waiting);
        }
    }

    /** Asks again for the password of a document that is waiting for one. */
    public void requestPassword(DocumentItem item) {
        if (item != null && item.state() == DocumentState.NEEDS_PASSWORD) {
            askForPassword(new PasswordRequest(item.entry().path(), item.fileName(), false));
        }
    }

    private void askForPassword(PasswordRequest request) {
        if (passwordRequest.get() == null) {
            passwordRequest.set(request);
        } else if (!request.equals(passwordRequest.get()) && !waitingForPassword.contains(request)) {
            waitingForPassword.add(request);
        }
    }

    /**
     * Opens the file of the current password request with {@code password}: tries it first, off the
     * UI thread but not behind the imports, so a wrong one is asked for again at once; a right one
     * imports the file.
     */
    public void submitPassword(char[] password) {
        PasswordRequest request = passwordRequest.get();
        if (request == null) {
            return;
        }
        nextPasswordRequest();
        ui.run(() -> library.passwordOpens(request.file(), password), opens -> {
            if (opens) {
                importWithPassword(request, password);
            } else {
                Arrays.fill(password, '\0');
                askForPassword(new PasswordRequest(request.file(), request.fileName(), true));
            }
        }, e -> {
            Arrays.fill(password, '\0');
            fail("Ponder could not open " + request.fileName(), e);
        });
    }

    private void importWithPassword(PasswordRequest request, char[] password) {
        try {
            var opening = library.open(request.file(), password);
            opening.whenComplete((r, e) -> Arrays.fill(password, '\0'));
            ui.whenDone(opening, outcome -> onOutcome(outcome, null),
                    e -> fail("Ponder could not open " + request.fileName(), e));
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

    /**
     * Points a missing document at {@code file}, where the user found it; the library checks it
     * there (same content: ready again; other content: imported again into the same document).
     */
    public void locate(DocumentItem item, Path file) {
        if (item == null || item.isPending() || file == null) {
            return;
        }
        notice.set("");
        try {
            ui.whenDone(library.locate(item.id(), file), check -> {
                if (check instanceof FileCheck.Missing) {
                    say("Ponder could not read " + file.getFileName() + " either; choose the file again.");
                } else if (check instanceof FileCheck.SameAsOther same) {
                    say(same.document().message().orElse(""));
                }
            }, e -> fail("Ponder could not follow " + item.fileName() + " to " + file, e));
        } catch (RuntimeException e) {
            fail("Ponder could not follow " + item.fileName() + " to " + file, e);
        }
    }

    /** Removes documents from the library (they stay on disk); a waiting file is not imported. */
    public void remove(Collection<DocumentItem> items) {
        notice.set("");
        for (DocumentItem item : List.copyOf(items)) {
            if (item.isPending()) {
                CompletableFuture<ImportOutcome> opening = pending.get(item);
                dropPending(item);
                if (opening != null) {
                    opening.cancel(false); // the library skips an import whose future is cancelled
                }
                continue;
            }
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

    /**
     * Ids of the documents a question is about now: the selected ones that are ready. Empty means
     * every ready document — also when only documents that cannot be asked about are selected.
     */
    public List<Long> scope() {
        return selected.stream().filter(DocumentItem::isAnswerable).map(DocumentItem::id).toList();
    }

    private void upsert(DocumentEntry entry) {
        if (removed.contains(entry.id())) {
            return;
        }
        DocumentItem item = byId.get(entry.id());
        if (item != null) {
            boolean restarted = !importing(item.state()) && importing(DocumentState.of(entry));
            item.update(entry);
            if (restarted) {
                // a failed or locked document opened again keeps its row: its waiting item goes
                oldestPendingFor(entry.path()).ifPresent(this::dropPending);
            }
            return;
        }
        var waiting = oldestPendingFor(entry.path());
        if (waiting.isPresent()) {
            adopt(waiting.get(), entry);
        } else {
            addIfAbsent(entry);
        }
    }

    private static boolean importing(DocumentState s) {
        return s == DocumentState.QUEUED || s == DocumentState.IMPORTING;
    }

    private java.util.Optional<DocumentItem> oldestPendingFor(Path file) {
        return pendingOrder.stream().filter(i -> i.isFor(file)).findFirst();
    }

    private void addIfAbsent(DocumentEntry entry) {
        if (byId.containsKey(entry.id()) || removed.contains(entry.id())) {
            return;
        }
        DocumentItem item = new DocumentItem(entry);
        byId.put(entry.id(), item);
        // oldest first; waiting files stay below the documents of the library
        int at = 0;
        while (at < documents.size() && !documents.get(at).isPending() && documents.get(at).id() < entry.id()) {
            at++;
        }
        documents.add(at, item);
    }

    private void drop(DocumentItem item) {
        if (!item.isPending()) {
            byId.remove(item.id());
        }
        selected.remove(item);
        if (focused.get() == item) {
            focused.set(selected.isEmpty() ? null : selected.get(selected.size() - 1));
        }
        documents.remove(item);
    }

    private void fail(String what, Throwable e) {
        log.warn("{}", what, e);
        String reason = UserText.sentence(e.getMessage());
        say(reason.isBlank() || reason.length() > 200 ? what + "." : what + ": " + reason);
    }

    /** Adds a sentence to the notice; those of one drop stay together. */
    private void say(String sentence) {
        String before = notice.get();
        notice.set(before.isEmpty() ? sentence : before + "\n" + sentence);
    }

    private void describeScope() {
        List<DocumentItem> chosen = selected.stream().filter(DocumentItem::isAnswerable).toList();
        List<DocumentItem> notReady = selected.stream().filter(i -> !i.isAnswerable()).toList();
        List<DocumentItem> ready = documents.stream().filter(DocumentItem::isAnswerable).toList();
        long inLibrary = documents.stream().filter(i -> !i.isPending()).count();
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
        return documentsView;
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
        return passwordRequest.getReadOnlyProperty();
    }

    /** Sentences about the last things that went wrong or need saying, one a line, or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
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
        return byId.get(documentId);
    }
}
