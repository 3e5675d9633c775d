package dev.ponder.ui;

import dev.ponder.document.FileCheck;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Taking documents out of the library (their files stay on disk) and pointing a missing one at
 * where its file is now. A removed row goes at once; if the library cannot remove it, it comes back
 * with a sentence.
 */
final class DocumentRemoval {

    private final UiExecutor ui;
    private final LibraryAccess library;
    private final DocumentList list;
    private final ImportQueue imports;
    private final LibraryNotice notice;

    DocumentRemoval(UiExecutor ui, LibraryAccess library, DocumentList list, ImportQueue imports, LibraryNotice notice) {
        this.ui = ui;
        this.library = library;
        this.list = list;
        this.imports = imports;
        this.notice = notice;
    }

    /** Removes documents; a waiting file is not imported. */
    void remove(Collection<DocumentItem> items) {
        notice.clear();
        for (DocumentItem item : List.copyOf(items)) {
            if (imports.cancel(item)) {
                continue;
            }
            list.removing(item.id());
            list.drop(item);
            try {
                ui.whenDone(library.remove(item.id()), done -> { }, e -> cameBack(item, e));
            } catch (RuntimeException e) {
                cameBack(item, e);
            }
        }
    }

    private void cameBack(DocumentItem item, Throwable e) {
        list.notRemoved(item.id());
        notice.fail("Ponder could not remove " + item.fileName(), e);
        list.addIfAbsent(item.entry());
    }

    /**
     * Points a missing document at {@code file}, where the user found it; the library checks it
     * there (same content: ready again; other content: imported again into the same document).
     */
    void locate(DocumentItem item, Path file) {
        if (item == null || item.isPending() || file == null) {
            return;
        }
        notice.clear();
        try {
            ui.whenDone(library.locate(item.id(), file), check -> {
                if (check instanceof FileCheck.Missing) {
                    notice.say("Ponder could not read " + file.getFileName() + " either; choose the file again.");
                } else if (check instanceof FileCheck.SameAsOther same) {
                    notice.say(same.document().message().orElse(""));
                }
            }, e -> notice.fail("Ponder could not follow " + item.fileName() + " to " + file, e));
        } catch (RuntimeException e) {
            notice.fail("Ponder could not follow " + item.fileName() + " to " + file, e);
        }
    }
}
