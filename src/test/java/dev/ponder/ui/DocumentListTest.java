package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponder.store.DocumentStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The library list's rows when the documents come twice at a start (issue #17): first as the library
 * check read them, then as the open library holds them, with events between.
 */
class DocumentListTest {

    private final DocumentList list = new DocumentList();

    private List<String> names() {
        return list.rows().stream().map(DocumentItem::fileName).toList();
    }

    @Test
    void theOpenLibrarysReadUpdatesTheEarlyRowsDropsTheGoneAndAddsTheNew() {
        list.addEarly(List.of(InMemoryLibrary.entry(1, "a.pdf", DocumentStatus.IMPORTING, null),
                InMemoryLibrary.entry(2, "b.pdf", DocumentStatus.READY, null)));
        assertEquals(List.of("a.pdf", "b.pdf"), names());

        list.addRead(List.of(InMemoryLibrary.entry(1, "a.pdf", DocumentStatus.READY, null),
                InMemoryLibrary.entry(3, "c.pdf", DocumentStatus.READY, null)));
        assertEquals(List.of("a.pdf", "c.pdf"), names());
        assertEquals(DocumentState.READY, list.find(1).state());
    }

    @Test
    void aRowAnEventChangedAfterTheEarlyReadKeepsTheNewerEntry() {
        list.addEarly(List.of(InMemoryLibrary.entry(1, "a.pdf", DocumentStatus.IMPORTING, null)));
        // an event (the import finished) reaches the window before the open library's read, which was older
        list.find(1).update(InMemoryLibrary.entry(1, "a.pdf", DocumentStatus.FAILED, "It could not be read."));

        list.addRead(List.of(InMemoryLibrary.entry(1, "a.pdf", DocumentStatus.IMPORTING, null)));
        assertEquals(DocumentState.FAILED, list.find(1).state(), "the event's entry is newer than the read");
    }

    @Test
    void aDocumentAnEventAddedIsKeptThoughTheReadDidNotHaveIt() {
        list.addEarly(List.of(InMemoryLibrary.entry(1, "a.pdf", DocumentStatus.READY, null)));
        list.addIfAbsent(InMemoryLibrary.entry(2, "new.pdf", DocumentStatus.QUEUED, null));

        list.addRead(List.of(InMemoryLibrary.entry(1, "a.pdf", DocumentStatus.READY, null)));
        assertEquals(List.of("a.pdf", "new.pdf"), names());
    }
}
