package dev.ponder.ui;

import dev.ponder.document.FileCheck;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.LibraryListener;
import dev.ponder.document.LibraryService;
import dev.ponder.document.PageView;
import dev.ponder.store.DocumentEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link LibraryAccess} backed by the real {@link LibraryService}. */
final class LibraryServiceAccess implements LibraryAccess {

    private final LibraryService service;

    LibraryServiceAccess(LibraryService service) {
        this.service = service;
    }

    @Override
    public CompletableFuture<ImportOutcome> open(Path file) {
        return service.open(file);
    }

    @Override
    public CompletableFuture<ImportOutcome> open(Path file, char[] password) {
        return service.open(file, password);
    }

    @Override
    public boolean passwordOpens(Path file, char[] password) {
        return service.passwordOpens(file, password);
    }

    @Override
    public List<DocumentEntry> documents() {
        return service.documents();
    }

    @Override
    public CompletableFuture<FileCheck> locate(long id, Path file) {
        return service.locate(id, file);
    }

    @Override
    public CompletableFuture<Void> remove(long id) {
        return service.remove(id);
    }

    @Override
    public PageView page(long documentId, int page, String answer, int widthPx) {
        return service.page(documentId, page, answer, widthPx);
    }

    @Override
    public Runnable subscribe(Events events) {
        LibraryListener listener = new LibraryListener() {
            @Override
            public void documentChanged(DocumentEntry document) {
                events.documentChanged(document);
            }

            @Override
            public void importProgress(long documentId, String stage, double fraction) {
                events.importProgress(documentId, stage, fraction);
            }

            @Override
            public void documentRemoved(long documentId) {
                events.documentRemoved(documentId);
            }
        };
        service.addListener(listener);
        return () -> service.removeListener(listener);
    }
}
