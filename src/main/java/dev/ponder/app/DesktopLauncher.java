package dev.ponder.app;

import dev.ponder.settings.Settings;
import java.nio.file.Path;
import java.util.List;

/** Starts the window. (Wired to the JavaFX UI when the ui package lands.) */
final class DesktopLauncher {

    private DesktopLauncher() {
    }

    static int launch(Settings settings, List<Path> files) {
        System.err.println("Ponder: the window is not part of this build yet; use the import/ask/doctor commands.");
        return 2;
    }
}
