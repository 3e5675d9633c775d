package dev.ponder.ui;

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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The files asked for and what became of them. The library imports one file at a time and creates a
 * document only when its import begins, so each file shows at once as a waiting item ("Waiting"),
 * which becomes the document when the library reports it (or goes away with the import's outcome).
 * Encrypted files wait here for their passwords, one dialog at a time.
 */
final class ImportQueue {

    private final UiExecutor ui;
    private final LibraryAccess library;
    private final DocumentList list;
    private final LibraryNotice notice;
    private final Consumer<DocumentItem> showAndReveal;
    /** Waiting files, oldest first, with the import that will settle each. */
    private final Map<DocumentItem, CompletableFuture<ImportOutcome>> pending = new IdentityHashMap<>();
    private final List<DocumentItem> pendingOrder = new ArrayList<>();
    private long nextPendingId = -1;
    private final ReadOnlyObjectWrapper<PasswordRequest> passwordRequest = new ReadOnlyObjectWrapper<>(this, "passwordRequest");
    private final Deque<PasswordRequest> waitingForPassword = new ArrayDeque<>();

    /** @param showAndReveal shows a document a duplicate drop named, without selecting it */
    ImportQueue(UiExecutor ui, LibraryAccess library, DocumentList list, LibraryNotice notice,
                Consumer<DocumentItem> showAndReveal) {
        this.ui = ui;
        this.library = library;
        this.list = list;
        this.notice = notice;
        this.showAndReveal = showAndReveal;
    }

    /** Opens files and folders; each file shows at once as "Waiting" until its import begins. */
    void open(Collection<Path> files) {
        notice.clear();
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                openFolder(file);
            } else {
                openFile(file);
            }
        }
    }

    private void openFile(Path file) {
        DocumentItem waiting = list.knows(file) ? null : DocumentItem.pending(nextPendingId--, file);
        try {
            CompletableFuture<ImportOutcome> opening = library.open(file);
            if (waiting != null) {
                pending.put(waiting, opening);
                pendingOrder.add(waiting);
                list.addWaiting(waiting);
            }
            ui.whenDone(opening, outcome -> onOutcome(outcome, waiting), e -> {
                if (waiting != null) {
                    dropPending(waiting);
                }
                if (!(e instanceof CancellationException)) {
                    notice.fail("Ponder could not open " + file.getFileName(), e);
                }
            });
        } catch (RuntimeException e) {
            notice.fail("Ponder could not open " + file.getFileName(), e);
        }
    }

    /** A folder is opened as the PDFs inside it, found in the background (a big folder takes a while). */
    private void openFolder(Path folder) {
        ui.run(() -> PdfFolder.pdfsIn(folder), contents -> {
            open(contents.pdfs());
            String sentence = PdfFolder.sentence(contents);
            if (!sentence.isEmpty()) {
                notice.say(sentence);
            }
        }, e -> notice.fail("Ponder could not look into the folder " + folder.getFileName(), e));
    }

    /**
     * The library reported {@code entry} (new, or changed): its row is updated, or a waiting file
     * becomes it, or it gets a row of its own.
     */
    void arrived(DocumentEntry entry) {
        if (list.isRemoved(entry.id())) {
            return;
        }
        DocumentItem item = list.find(entry.id());
        if (item != null) {
            boolean restarted = !importing(item.state()) && importing(DocumentState.of(entry));
            item.update(entry);
            if (restarted) {
                // a failed or locked document opened again keeps its row: its waiting item goes
                oldestPendingFor(entry.path()).ifPresent(this::dropPending);
            }
            return;
        }
        Optional<DocumentItem> waiting = oldestPendingFor(entry.path());
        if (waiting.isPresent()) {
            adopt(waiting.get(), entry);
        } else {
            list.addIfAbsent(entry);
        }
    }

    /** The library's documents were read at start: files handed over that it already holds need no row of their own. */
    void libraryRead() {
        List.copyOf(pendingOrder).stream().filter(w -> list.knows(w.entry().path())).forEach(this::dropPending);
    }

    /** Whether {@code item} is a waiting file; if so, it goes and the library skips its import. */
    boolean cancel(DocumentItem item) {
        if (!item.isPending()) {
            return false;
        }
        CompletableFuture<ImportOutcome> opening = pending.get(item);
        dropPending(item);
        if (opening != null) {
            opening.cancel(false); // the library skips an import whose future is cancelled
        }
        return true;
    }

    private static boolean importing(DocumentState s) {
        return s == DocumentState.QUEUED || s == DocumentState.IMPORTING;
    }

    private Optional<DocumentItem> oldestPendingFor(Path file) {
        return pendingOrder.stream().filter(i -> i.isFor(file)).findFirst();
    }

    private void onOutcome(ImportOutcome outcome, DocumentItem waiting) {
        if (waiting != null) {
            settle(waiting, outcome);
        }
        // Java 17: no pattern matching in switch yet
        if (outcome instanceof ImportOutcome.AlreadyInLibrary already) {
            arrived(already.document());
            notice.say(already.sentence());
            DocumentItem existing = list.find(already.document().id());
            if (existing != null) {
                showAndReveal.accept(existing);
            }
        } else if (outcome instanceof ImportOutcome.NeedsPassword needs) {
            arrived(needs.document());
            askForPassword(new PasswordRequest(needs.file(), needs.document().fileName(), needs.wrongPassword()));
        } else {
            arrived(documentOf(outcome));
        }
    }

    /** The import for a waiting item ended: it becomes its document, or goes away. */
    private void settle(DocumentItem waiting, ImportOutcome outcome) {
        if (!waiting.isPending() || !pending.containsKey(waiting)) {
            return; // adopted on the way, or removed by the user
        }
        DocumentEntry entry = documentOf(outcome);
        boolean fresh = !(outcome instanceof ImportOutcome.AlreadyInLibrary)
                && list.find(entry.id()) == null && !list.isRemoved(entry.id());
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
        list.adopted(waiting, entry);
    }

    private void dropPending(DocumentItem waiting) {
        pending.remove(waiting);
        pendingOrder.remove(waiting);
        if (waiting.isPending()) {
            list.drop(waiting);
        }
    }

    // ---------------------------------------------------------------- passwords

    /** Asks again for the password of a document that is waiting for one. */
    void requestPassword(DocumentItem item) {
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
     * Opens the file of the current password request with {@code password}, then wipes the array:
     * tries it first, off the UI thread but not behind the imports, so a wrong one is asked for again
     * at once; only a right one queues the import.
     */
    void submitPassword(char[] password) {
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
            notice.fail("Ponder could not open " + request.fileName(), e);
        });
    }

    private void importWithPassword(PasswordRequest request, char[] password) {
        try {
            CompletableFuture<ImportOutcome> opening = library.open(request.file(), password);
            opening.whenComplete((r, e) -> Arrays.fill(password, '\0'));
            ui.whenDone(opening, outcome -> onOutcome(outcome, null),
                    e -> notice.fail("Ponder could not open " + request.fileName(), e));
        } catch (RuntimeException e) {
            notice.fail("Ponder could not open " + request.fileName(), e);
        }
    }

    /** Leaves the document of the current password request waiting for its password. */
    void cancelPassword() {
        nextPasswordRequest();
    }

    private void nextPasswordRequest() {
        passwordRequest.set(null);
        passwordRequest.set(waitingForPassword.poll());
    }

    ReadOnlyObjectProperty<PasswordRequest> passwordRequestProperty() {
        return passwordRequest.getReadOnlyProperty();
    }
}
