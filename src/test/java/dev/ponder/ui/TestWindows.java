package dev.ponder.ui;

import dev.ponder.app.Ponder;
import dev.ponder.llm.ModelServer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.stage.Stage;

/** Windows for UI tests, put together as the application does: a {@link MainViewModel}, then {@link PonderWindow#show}. */
public final class TestWindows {

    private TestWindows() {
    }

    /** The window over a running Ponder, as the application shows it. Call on the FX thread. */
    public static PonderWindow show(Stage stage, Ponder ponder) {
        return PonderWindow.show(stage, new MainViewModel(new FxUiExecutor(ponder.background()), ponder.settings(),
                CompletableFuture.completedFuture(ponder.uiServices())));
    }

    /** A window over in-memory parts, without sleep-time and settings. Call on the FX thread. */
    static PonderWindow show(Stage stage, UiExecutor ui, LibraryAccess library, Answering answering, ChatHistory history,
                             ModelServer modelServer, Consumer<String> browser) {
        return show(stage, ui, WindowParts.of(library, answering, history, modelServer), browser);
    }

    /** A window over {@code parts}. Call on the FX thread. */
    static PonderWindow show(Stage stage, UiExecutor ui, WindowParts parts, Consumer<String> browser) {
        return PonderWindow.show(stage, new MainViewModel(ui, parts, browser, SystemViewer.DESKTOP));
    }
}
