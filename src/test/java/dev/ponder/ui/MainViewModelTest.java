package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.Citation;
import dev.ponder.store.DocumentStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the window's view models work together: scope, citations, insights. */
class MainViewModelTest {

    private final InMemoryLibrary library = new InMemoryLibrary();
    private final List<List<Long>> scopes = new ArrayList<>();
    private MainViewModel vm;

    @BeforeEach
    void start() {
        library.documents.put(1L, InMemoryLibrary.entry(1, "warranty.pdf", DocumentStatus.READY, null));
        library.documents.put(2L, InMemoryLibrary.entry(2, "report.pdf", DocumentStatus.READY, null));
        library.documents.put(3L, InMemoryLibrary.entry(3, "secret.pdf", DocumentStatus.NEEDS_PASSWORD,
                "This PDF is protected with a password."));
        vm = new MainViewModel(new SameThreadUiExecutor(), library, (request, listener) -> {
            scopes.add(request.scope());
            return () -> { };
        }, new InMemoryChatHistory(), new ReadyModelServer());
        vm.start();
    }

    @Test
    void aClickedCitationShowsItsPageWithoutChangingTheNextQuestionsScope() {
        DocumentItem warranty = vm.library().find(1);
        vm.library().select(List.of(warranty), warranty);
        String line = vm.library().scopeLineProperty().get();

        vm.chat().openCitation(new Citation(2, "report.pdf", 12), "Revenue grew 14 % [p. 12].");

        assertSame(vm.library().find(2), vm.insights().documentProperty().get());
        assertEquals("Cited: page 12", vm.insights().citedTextProperty().get());
        assertTrue(vm.pageViewer().showingProperty().get(), "the page viewer opens");
        assertEquals("report.pdf — page 12", vm.pageViewer().titleProperty().get());
        assertEquals(List.of("2 p12 816px: Revenue grew 14 % [p. 12]."), library.pageRequests,
                "the viewer asks for the cited page, to mark the clicked answer's words");
        assertEquals(List.of(warranty), vm.library().selected());
        assertEquals(line, vm.library().scopeLineProperty().get());
        vm.chat().questionProperty().set("And the warranty?");
        vm.chat().ask();
        assertEquals(List.of(List.of(1L)), scopes, "asked about the selection, not the cited document");

        // clicking the selected document again brings it back to the insights panel
        vm.library().select(List.of(warranty), warranty);
        assertSame(warranty, vm.insights().documentProperty().get());
    }

    @Test
    void aDocumentWaitingForItsPasswordOffersEnterPasswordInTheInsightsPanel() {
        DocumentItem secret = vm.library().find(3);
        vm.library().select(List.of(secret), secret);
        assertTrue(vm.insights().needsPasswordProperty().get());
        assertNull(vm.library().passwordRequestProperty().get());

        vm.insights().enterPassword();
        assertEquals(new PasswordRequest(Path.of("/docs/secret.pdf"), "secret.pdf", false),
                vm.library().passwordRequestProperty().get());
        assertEquals(List.of(), vm.library().scope(), "and it is not the scope meanwhile");

        DocumentItem report = vm.library().find(2);
        vm.library().select(List.of(report), report);
        assertFalse(vm.insights().needsPasswordProperty().get());
    }

    /** Issue #17: the window is shown while the library opens beside it. */
    @Test
    void whileTheLibraryOpensTheWindowSaysSoTakesFilesAndThenShowsTheLibrary() throws Exception {
        CompletableFuture<WindowParts> opening = new CompletableFuture<>();
        try (QueuedUiExecutor ui = new QueuedUiExecutor()) {
            MainViewModel main = new MainViewModel(ui, "Ollama", opening, new CompletableFuture<>(), url -> { }, SystemViewer.DESKTOP);
            main.start();
            main.open(List.of(Path.of("/docs/new.pdf")));
            assertFalse(main.library().loadedProperty().get(), "the library pane says it is opening");
            assertEquals("Ollama: checking…", main.modelStatus().statusLineProperty().get());
            assertEquals(List.of("new.pdf"), main.library().documents().stream().map(DocumentItem::fileName).toList(),
                    "a file dropped meanwhile waits in the list");
            assertFalse(main.settingsAvailableProperty().get());

            opening.complete(WindowParts.of(library, (request, listener) -> () -> { }, new InMemoryChatHistory(),
                    new ReadyModelServer()));
            assertTrue(ui.runUntil(() -> main.library().loadedProperty().get() && main.modelStatus().readyProperty().get()));
            assertEquals(List.of("warranty.pdf", "report.pdf", "secret.pdf", "new.pdf"),
                    main.library().documents().stream().map(DocumentItem::fileName).toList());
            assertEquals(List.of(Path.of("/docs/new.pdf")), library.opened, "the file went to the library once it was open");
            assertNull(main.sleepTimeModelsProperty().get(), "no sleep-time in these parts");
        }
    }

    /**
     * Issue #17: the list shows the documents as the library check read them, before the library is
     * open; the open library's read then brings those rows up to date and takes out a document no
     * longer there (a backup replaced a damaged library). {@link DocumentListTest}: a row an event
     * changed meanwhile is kept.
     */
    @Test
    void theListShowsTheDocumentsReadBeforeTheLibraryOpenedThenWhatTheOpenLibraryHolds() throws Exception {
        CompletableFuture<WindowParts> opening = new CompletableFuture<>();
        CompletableFuture<List<dev.ponder.store.DocumentEntry>> listed = new CompletableFuture<>();
        try (QueuedUiExecutor ui = new QueuedUiExecutor()) {
            MainViewModel main = new MainViewModel(ui, "Ollama", opening, listed, url -> { }, SystemViewer.DESKTOP);
            main.start();
            listed.complete(List.of(InMemoryLibrary.entry(1, "warranty.pdf", DocumentStatus.IMPORTING, null),
                    InMemoryLibrary.entry(2, "report.pdf", DocumentStatus.READY, null),
                    InMemoryLibrary.entry(4, "gone.pdf", DocumentStatus.READY, null)));
            assertTrue(ui.runUntil(() -> main.library().loadedProperty().get()), "the list is there before the library");
            assertEquals(List.of("warranty.pdf", "report.pdf", "gone.pdf"),
                    main.library().documents().stream().map(DocumentItem::fileName).toList());
            assertEquals(ChatViewModel.ChatState.READY, main.chat().stateProperty().get(), "a question can be asked");

            // the open library: warranty.pdf was imported meanwhile, gone.pdf is not there, secret.pdf is
            opening.complete(WindowParts.of(library, (request, listener) -> () -> { }, new InMemoryChatHistory(),
                    new ReadyModelServer()));
            assertTrue(ui.runUntil(() -> main.library().find(3) != null));
            assertEquals(List.of("warranty.pdf", "report.pdf", "secret.pdf"),
                    main.library().documents().stream().map(DocumentItem::fileName).toList());
            assertEquals(DocumentState.READY, main.library().find(1).state(), "the row read early is brought up to date");
        }
    }
}
