package dev.ponder.ui;

import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.HostServices;
import javafx.stage.Stage;

/**
 * Opens links in the system browser through JavaFX's {@link HostServices#showDocument}. Ponder
 * starts JavaFX with {@code Platform.startup}, not {@code Application.launch}, so no application
 * object hands out its host services; an unlaunched one serves, as opening a document does not
 * depend on it (only the code and document base do, which Ponder does not use).
 */
final class SystemBrowser {

    private SystemBrowser() {
    }

    /** Opens a URL ({@code http}, {@code https} or {@code mailto}, checked by the caller) in the system browser. */
    static Consumer<String> open() {
        HostServices host = new Unlaunched().getHostServices();
        return host::showDocument;
    }

    private static final class Unlaunched extends Application {
        @Override
        public void start(Stage stage) {
            throw new UnsupportedOperationException("never launched: it only lends its host services");
        }
    }
}
