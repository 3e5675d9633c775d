package dev.ponder.ui;

import dev.ponder.document.FileCheck;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.PageView;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A library for view-model tests: the test decides each outcome and fires the events. */
final class InMemoryLibrary implements LibraryAccess {

    final Map<Long, DocumentEntry> documents = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<Path> opened = new CopyOnWriteArrayList<>();
    final List<String> passwords = new CopyOnWriteArrayList<>();
    final List<Long> removed = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<ImportOutcome>> pending = new CopyOnWriteArrayList<>();
    /** Page requests received: document id, page, answer and width, in order. */
    final List<String> pageRequests = new CopyOnWriteArrayList<>();
    /** What {@link #page} gives; by default no page exists. */
    volatile PageSource pages = (id, page, answer, widthPx) -> {
        throw new IllegalArgumentException("No page " + page + " of document " + id);
    };

    /** The test's pages. */
    interface PageSource {
        PageView page(long documentId, int page, String answer, int widthPx);
    }
    private final List<Events> listeners = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<ImportOutcome> open(Path file) {
        opened.add(file);
        CompletableFuture<ImportOutcome> f = new CompletableFuture<>();
        pending.add(f);
        return f;
    }

    @Override
    public CompletableFuture<ImportOutcome> open(Path file, char[] password) {
        passwords.add(new String(password));
        return open(file);
    }

    /** The one password that opens encrypted files; null: any password opens them (the import decides). */
    volatile String rightPassword;
    final List<String> passwordsTried = new CopyOnWriteArrayList<>();

    @Override
    public boolean passwordOpens(Path file, char[] password) {
        passwordsTried.add(new String(password));
        return rightPassword == null || rightPassword.equals(new String(password));
    }

    @Override
    public List<DocumentEntry> documents() {
        synchronized (documents) {
            return List.copyOf(documents.values());
        }
    }

    final List<Path> located = new CopyOnWriteArrayList<>();

    /** Points the document at {@code file}, which holds the same content: it is there again. */
    @Override
    public CompletableFuture<FileCheck> locate(long id, Path file) {
        located.add(file);
        DocumentEntry before = documents.get(id);
        DocumentEntry now = new DocumentEntry(id, before.sha256(), file.getFileName().toString(), file,
                before.byteSize(), before.pages(), before.chars(), before.sections(), before.status(),
                before.message(), before.importedAt());
        documents.put(id, now);
        listeners.forEach(l -> l.documentChanged(now));
        return CompletableFuture.completedFuture(new FileCheck.Unchanged(now));
    }

    /** The document's file is gone from its path. */
    DocumentEntry missing(long id) {
        DocumentEntry b = documents.get(id);
        DocumentEntry e = new DocumentEntry(id, b.sha256(), b.fileName(), b.path(), b.byteSize(), b.pages(), b.chars(),
                b.sections(), b.status(), b.message(), b.importedAt(), Optional.of(Instant.now()));
        documents.put(id, e);
        listeners.forEach(l -> l.documentChanged(e));
        return e;
    }

    @Override
    public CompletableFuture<Void> remove(long id) {
        removed.add(id);
        documents.remove(id);
        listeners.forEach(l -> l.documentRemoved(id));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public PageView page(long documentId, int page, String answer, int widthPx) {
        pageRequests.add(documentId + " p" + page + " " + widthPx + "px: " + answer);
        return pages.page(documentId, page, answer, widthPx);
    }

    @Override
    public Runnable subscribe(Events events) {
        listeners.add(events);
        return () -> listeners.remove(events);
    }

    DocumentEntry change(long id, String name, DocumentStatus status, String message) {
        DocumentEntry e = entry(id, name, status, message);
        documents.put(id, e);
        listeners.forEach(l -> l.documentChanged(e));
        return e;
    }

    void progress(long id, String stage, double fraction) {
        listeners.forEach(l -> l.importProgress(id, stage, fraction));
    }

    int listenerCount() {
        return listeners.size();
    }

    static DocumentEntry entry(long id, String name, DocumentStatus status, String message) {
        boolean ready = status == DocumentStatus.READY;
        return new DocumentEntry(id, Optional.of("sha" + id), name, Path.of("/docs", name), 1000,
                ready ? 12 : 0, ready ? 48_210 : 0, ready ? 9 : 0, status, Optional.ofNullable(message), Instant.now());
    }
}
