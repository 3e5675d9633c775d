package dev.ponder.ui;

import dev.ponder.app.Ponder;
import dev.ponder.document.ImportOutcome;
import dev.ponder.settings.Settings;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Opens the page viewer on a real PDF, to look at it as a user would (screenshots). Not a test.
 * Arguments: PDF, page (1-based), the answer whose words to mark, [data dir], ["gone" to show the
 * stored-text view of a file that has left its folder].
 */
public final class PageViewerPreview {

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        private Ponder ponder;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> a = getParameters().getRaw();
            Path pdf = Path.of(a.get(0)).toAbsolutePath();
            int page = Integer.parseInt(a.get(1));
            String answer = a.get(2);
            Path data = a.size() > 3 ? Path.of(a.get(3)) : Files.createTempDirectory("ponder-preview");
            boolean gone = a.size() > 4 && a.get(4).equals("gone");
            Settings settings = Settings.defaults(data);
            ponder = Ponder.open(settings);
            ImportOutcome outcome = ponder.libraryService().open(pdf).get();
            DocumentEntry doc = outcome instanceof ImportOutcome.Imported i ? i.document()
                    : ((ImportOutcome.AlreadyInLibrary) outcome).document();
            if (gone) {
                Files.move(pdf, pdf.resolveSibling(pdf.getFileName() + ".moved"));
            }
            PonderWindow window = TestWindows.show(stage, ponder);
            window.viewModel().library().loadedProperty().addListener((o, was, loaded) -> {
                if (loaded) {
                    Platform.runLater(() -> window.viewModel().chat().openCitation(
                            new Citation(doc.id(), doc.fileName(), page), answer));
                }
            });
        }

        @Override
        public void stop() {
            ponder.close();
        }
    }
}
