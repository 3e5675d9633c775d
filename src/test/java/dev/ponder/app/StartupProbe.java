package dev.ponder.app;

import dev.ponder.settings.Settings;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.ui.PonderWindow;
import dev.ponder.ui.UiServices;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

/**
 * One launch of the window, the way {@link DesktopLauncher} builds it, for {@link StartupBenchmark}:
 * prints {@code USABLE} the moment the question field has the focus and the library list shows
 * every stored document, then opens the files given (waiting until each is imported) and prints
 * {@code HEAP <bytes used after GC> <documents>}. Sleep-time compute and the file watcher are not
 * started, so the figures are the window's and the library's alone.
 * <p>
 * Arguments: data directory, Ollama URL, then the PDFs to open.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Settings settings = Settings.defaults(dataDir).withOllamaUrl(URI.create(args[1]));
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        Ponder ponder = Ponder.open(settings);
        int stored = ponder.libraryService().documents().size();
        AtomicReference<Stage> shown = new AtomicReference<>();
        Platform.startup(() -> {
            Stage stage = new Stage();
            UiServices services = new UiServices(ponder.libraryService(), ponder.answers(), ponder.modelServer(),
                    ponder.exchanges(), settings, ponder.background());
            PonderWindow window = PonderWindow.show(stage, services);
            window.followSleepTime(ponder.sleepTime(), ponder.userActivity(), ponder.savings());
            window.followSettings(ponder.settingsStore());
            shown.set(stage);
        });
        while (!usable(shown, stored)) {
            Thread.sleep(2);
        }
        System.out.println("USABLE " + stored);
        System.out.flush();

        List<CompletableFuture<?>> imports = new ArrayList<>();
        for (Path file : files) {
            imports.add(ponder.libraryService().open(file));
        }
        CompletableFuture.allOf(imports.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        long ready = ponder.libraryService().documents().stream().map(DocumentEntry::status)
                .filter(s -> s == DocumentStatus.READY).count();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println("HEAP " + used + " " + ready);
        System.out.flush();
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            shown.get().close();
            closed.countDown();
        });
        closed.await(10, TimeUnit.SECONDS);
        ponder.close();
        Platform.exit();
        System.exit(0);
    }

    /** Asks the FX thread whether the question field has the focus and the library shows {@code stored} rows. */
    private static boolean usable(AtomicReference<Stage> shown, int stored) throws Exception {
        Stage stage = shown.get();
        if (stage == null) {
            return false;
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            Node question = stage.getScene().lookup("#question");
            Node library = stage.getScene().lookup("#library-list");
            answer.complete(stage.isShowing() && question != null && question.isFocused() && !question.isDisabled()
                    && library instanceof ListView && library.isVisible()
                    && ((ListView<?>) library).getItems().size() >= stored);
        });
        return answer.get(10, TimeUnit.SECONDS);
    }
}
