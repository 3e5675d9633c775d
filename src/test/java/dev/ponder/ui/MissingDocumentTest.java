package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.DocumentStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A document whose file went missing, in the library pane's view model. */
class MissingDocumentTest {

    private final InMemoryLibrary library = new InMemoryLibrary();
    private LibraryViewModel vm;

    @BeforeEach
    void start() {
        library.documents.put(1L, InMemoryLibrary.entry(1, "report.pdf", DocumentStatus.READY, null));
        vm = new LibraryViewModel(new SameThreadUiExecutor(), library);
        vm.start();
    }

    @Test
    void aMissingFileShowsMissingWithWhereItWasAndStaysAnswerable() {
        DocumentItem item = vm.documents().get(0);
        library.missing(1);

        assertEquals(DocumentState.MISSING, item.state());
        assertEquals("Missing", item.statusText());
        String why = item.message().orElseThrow();
        assertTrue(why.contains(Path.of("/docs", "report.pdf").toString()) && why.contains("Locate…"), why);
        assertTrue(item.isAnswerable(), "what Ponder read from it can still be asked about");
    }

    @Test
    void locatingTheFilePointsTheDocumentThereAndItIsReadyAgain() {
        DocumentItem item = vm.documents().get(0);
        library.missing(1);

        vm.locate(item, Path.of("/moved", "report.pdf"));

        assertEquals(List.of(Path.of("/moved", "report.pdf")), library.located);
        assertSame(item, vm.documents().get(0), "the same row, so the selection survives");
        assertEquals(DocumentState.READY, item.state());
        assertEquals(Path.of("/moved", "report.pdf"), item.entry().path());
        assertFalse(item.message().isPresent());
        assertEquals("", vm.noticeProperty().get());
    }
}
