package dev.ponder.ui;

import dev.ponder.store.DocumentEntry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The library list's rows: the library's documents, oldest first, then the files waiting for their
 * import. Documents the user removed stay out while their removal runs, whatever the library
 * reports meanwhile. Only the library pane's parts change it, on the UI thread.
 */
final class DocumentList {

    private final ObservableList<DocumentItem> documents = FXCollections.observableArrayList();
    private final ObservableList<DocumentItem> view = FXCollections.unmodifiableObservableList(documents);
    private final Map<Long, DocumentItem> byId = new HashMap<>();
    private final Set<Long> removed = new HashSet<>();
    /** Rows shown from the read before the library opened, with the entry each shows, until {@link #addRead}. */
    private final Map<Long, DocumentEntry> early = new HashMap<>();

    /** Every row, read-only. */
    ObservableList<DocumentItem> rows() {
        return view;
    }

    /** The document with this id (not a waiting file), or null. */
    DocumentItem find(long documentId) {
        return byId.get(documentId);
    }

    /** A document of the library (not a waiting file) was opened from {@code file}. */
    boolean knows(Path file) {
        return byId.values().stream().anyMatch(i -> i.isFor(file));
    }

    /** Adds a row for {@code entry} among the documents, in id order, unless it is there or removed. */
    void addIfAbsent(DocumentEntry entry) {
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

    /**
     * Adds rows for the documents as read before the library opened (by the library check), until
     * {@link #addRead} brings them up to date.
     */
    void addEarly(List<DocumentEntry> entries) {
        for (DocumentEntry entry : entries) {
            if (!byId.containsKey(entry.id())) {
                addIfAbsent(entry);
                early.put(entry.id(), entry);
            }
        }
    }

    /**
     * The open library's documents, {@code all}, oldest first: rows for those not shown yet come in;
     * rows shown from the early read ({@link #addEarly}) and not changed by an event since are brought
     * up to date, or go when the document is not there any more (a backup replaced a damaged library
     * after it was read). Rows an event added or changed meanwhile are newer than {@code all} and stay.
     */
    void addRead(List<DocumentEntry> all) {
        Set<Long> ids = new HashSet<>();
        for (DocumentEntry entry : all) {
            ids.add(entry.id());
            DocumentItem item = byId.get(entry.id());
            if (item == null) {
                addIfAbsent(entry);
            } else if (item.entry() == early.get(entry.id())) {
                item.update(entry);
            }
        }
        early.forEach((id, entry) -> {
            DocumentItem item = byId.get(id);
            if (!ids.contains(id) && item != null && item.entry() == entry) {
                drop(item);
            }
        });
        early.clear();
    }

    /** Adds a waiting file at the end. */
    void addWaiting(DocumentItem waiting) {
        documents.add(waiting);
    }

    /** A waiting row became the library's document {@code entry}. */
    void adopted(DocumentItem item, DocumentEntry entry) {
        item.adopt(entry);
        byId.put(entry.id(), item);
    }

    /** Takes a row out. */
    void drop(DocumentItem item) {
        if (!item.isPending()) {
            byId.remove(item.id());
        }
        documents.remove(item);
    }

    /** Whether the user removed this document (its removal may still be running). */
    boolean isRemoved(long documentId) {
        return removed.contains(documentId);
    }

    /** Keeps the document out of the list while its removal runs. */
    void removing(long documentId) {
        removed.add(documentId);
    }

    /** Its removal failed: the document may come back. */
    void notRemoved(long documentId) {
        removed.remove(documentId);
    }
}
