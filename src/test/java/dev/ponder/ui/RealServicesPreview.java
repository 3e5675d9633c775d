package dev.ponder.ui;

import dev.ponder.answer.AnswerService;
import dev.ponder.answer.Retriever;
import dev.ponder.document.DocumentImporter;
import dev.ponder.document.LibraryService;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.store.Database;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The window on the real services (temp-dir H2, real importer, Ollama test server), opening the
 * sample documents, to look at it as a user would. Not a test; run with a display.
 */
public final class RealServicesPreview {

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            Path dir = Files.createTempDirectory("ponder-preview");
            OllamaTestServer ollama = OllamaTestServer.start();
            ollama.setTokenDelay(Duration.ofMillis(30));
            ollama.answerWith(r -> "The Senate has two Senators from each State [S1], chosen for six years [S2].");
            Settings settings = Settings.defaults(dir).withOllamaUrl(
                    Boolean.getBoolean("preview.offline") ? OllamaTestServer.unusedUrl() : ollama.url());
            Database db = Database.open(dir);
            LibraryRepository documents = new LibraryRepository(db);
            ExchangeRepository exchanges = new ExchangeRepository(db);
            MiniLmEmbedder embedder = new MiniLmEmbedder();
            LibraryService library = new LibraryService(documents, new DocumentImporter(documents, embedder));
            OllamaModelServer server = new OllamaModelServer(settings);
            AnswerService answers = new AnswerService(documents, exchanges, new Retriever(documents, embedder), server,
                    settings, Executors.newSingleThreadExecutor());
            PonderWindow window = PonderWindow.show(stage, new UiServices(library, answers, server, exchanges, settings,
                    Executors.newFixedThreadPool(2)));
            try (var files = Files.list(Path.of("sample-docs"))) {
                window.open(files.filter(f -> f.toString().endsWith(".pdf")).sorted().toList());
            }
            window.open(List.of(Path.of("../shared/corpus/tricky/scanned-image-only.pdf")));
            String select = System.getProperty("preview.select");
            if (select != null) {
                var library2 = window.viewModel().library();
                library2.documents().addListener((javafx.collections.ListChangeListener<DocumentItem>) c -> {
                    DocumentItem item = library2.find(Long.parseLong(select));
                    if (item != null && library2.selected().isEmpty()) {
                        library2.requestSelection(item.id());
                    }
                });
            }
            if (Boolean.getBoolean("preview.encrypted")) {
                window.open(List.of(Path.of("../shared/corpus/tricky/encrypted-user-password-aes256.pdf")));
            }
        }
    }
}
