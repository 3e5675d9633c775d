package dev.ponder.ui;

import dev.ponder.app.Ponder;
import dev.ponder.settings.Settings;
import dev.ponder.testing.OllamaTestServer;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Ponder's window on the real services, built the way the app builds them (its composition root),
 * talking to an Ollama-protocol test server; closes all of it. For window tests that are about
 * what the real services make the window say.
 */
final class RealWindow implements AutoCloseable {

    final OllamaTestServer ollama;
    final Ponder ponder;
    private Stage stage;
    private PonderWindow window;

    /** Opens the library of {@code settings} (the server's URL among them); no window yet. */
    RealWindow(OllamaTestServer ollama, Settings settings) {
        this.ollama = ollama;
        this.ponder = Ponder.open(settings);
    }

    /** Shows the window, following sleep-time and the settings as the app does. Call from the test thread. */
    PonderWindow show() throws Exception {
        window = WaitForAsyncUtils.asyncFx(() -> {
            stage = new Stage();
            return TestWindows.show(stage, ponder);
        }).get(30, TimeUnit.SECONDS);
        return window;
    }

    Stage stage() {
        return stage;
    }

    @Override
    public void close() throws Exception {
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
        ponder.close();
        ollama.close();
    }
}
