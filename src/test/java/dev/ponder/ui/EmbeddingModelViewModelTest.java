package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.llm.ServerEmbedder;
import dev.ponder.search.EmbeddingService;
import dev.ponder.settings.Settings;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.EmbeddingRepository;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.TestModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings ▸ Embedding model: the built-in model and the server's embedding models to choose from;
 * Save moves the library, and the sentence under the library says how far it got, then that it is done.
 */
class EmbeddingModelViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theServersEmbeddingModelsAreOfferedAndChoosingOneMovesTheLibraryWithProgress() throws Exception {
        try (OllamaTestServer ollama = OllamaTestServer.start(TestModel.chat("llama3.2", 131072),
                TestModel.embedding("bge-m3"));
             Database db = Database.open(dir)) {
            LibraryRepository library = new LibraryRepository(db);
            long doc = library.add(new NewDocument(Optional.of("cd".repeat(32)), "a.pdf", dir.resolve("a.pdf"), 1),
                    DocumentStatus.IMPORTING, Optional.empty());
            List<SectionEntry> sections = new ArrayList<>();
            List<PageText> pages = new ArrayList<>();
            for (int p = 1; p <= 40; p++) {
                pages.add(new PageText(p, "Page " + p + " text.", true));
                sections.add(new SectionEntry(0, doc, p - 1, p, p, "Page " + p + " text.", "0".repeat(64), new float[384]));
            }
            library.storeContent(doc, pages, sections, Optional.empty());
            Settings settings = Settings.defaults(dir).withOllamaUrl(ollama.url());
            MiniLmEmbedder builtIn = new MiniLmEmbedder();
            try (OllamaModelServer server = new OllamaModelServer(settings);
                 EmbeddingService service = new EmbeddingService(new EmbeddingRepository(db), new LearnedContextRepository(db),
                         id -> ServerEmbedder.forModel(id, () -> settings, builtIn))) {
                ModelStatusViewModel status = new ModelStatusViewModel(new SameThreadUiExecutor(), server);
                EmbeddingModelViewModel vm = new EmbeddingModelViewModel(new SameThreadUiExecutor(), service, status);
                assertEquals(List.of(MiniLmEmbedder.MODEL_ID), vm.choices());
                assertEquals("Built in: works offline; it reads English, so other languages are found by their words.",
                        vm.progressProperty().get());

                status.check();

                assertEquals(List.of(MiniLmEmbedder.MODEL_ID, "ollama:bge-m3"), vm.choices());
                assertEquals(MiniLmEmbedder.MODEL_ID, vm.chosenProperty().get());
                assertEquals("bge-m3", EmbeddingModelViewModel.name("ollama:bge-m3"));
                List<String> said = new CopyOnWriteArrayList<>();
                vm.progressProperty().addListener((o, was, now) -> said.add(now));

                vm.chosenProperty().set("ollama:bge-m3");
                vm.apply();

                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!service.status().active().equals("ollama:bge-m3") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(100);
                assertEquals("Your library is embedded with bge-m3.", vm.progressProperty().get());
                assertTrue(said.contains("Embedding your library with bge-m3: 32 of 40 done. Questions use "
                        + "all-MiniLM-L6-v2 (built in) until then."), said::toString);
                assertTrue(vm.movingProperty().not().get());
            }
        }
    }
}
