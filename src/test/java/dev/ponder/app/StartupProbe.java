package dev.ponder.app;

import dev.ponder.settings.Settings;
import dev.ponder.ui.DocumentItem;
import dev.ponder.ui.DocumentState;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * One start of Ponder for {@link StartupBenchmark}, the way a person starts it: {@link DesktopLauncher}
 * runs as from the command line (window, library, sleep-time and file watching), and this class only
 * watches the window from outside. It prints {@code USABLE} the moment the question field has the
 * focus and can be typed into and the library list shows the {@code stored} documents; with files,
 * (and {@code libraryOpened=true|false}: whether the library had opened by then);
 * it then waits until each is in the list and imported (ready, or failed with its reason) and prints
 * {@code HEAP <bytes used after GC> <documents ready>}. Then it closes the window and exits.
 * <p>
 * Arguments: data directory, Ollama URL, the number of documents stored in that library, then the
 * PDFs to open (given to Ponder as program arguments, as "Open with" does).
 */
public final class StartupProbe {

    private static final Set<DocumentState> SETTLED = Set.of(DocumentState.READY, DocumentState.READY_WITH_WARNING,
            DocumentState.FAILED, DocumentState.NEEDS_PASSWORD, DocumentState.MISSING);

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Settings settings = Settings.defaults(dataDir).withOllamaUrl(URI.create(args[1]));
        int stored = Integer.parseInt(args[2]);
        List<Path> files = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        Thread launcher = new Thread(() -> DesktopLauncher.launch(settings, files, Optional.empty()), "probe-launcher");
        launcher.start();
        while (!rows(stored, false)) {
            Thread.sleep(2);
        }
        // whether the library had opened when the window became usable: it lists the documents before (issue #17)
        boolean opened = dev.ponder.base.StartupTimeline.reached("library opened");
        System.out.println("USABLE " + stored + " " + CpuTime.summary() + " libraryOpened=" + opened);
        System.out.flush();
        if (!files.isEmpty()) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (!rows(stored + files.size(), true) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.println("HEAP " + used + " " + onFx(() -> listed().stream()
                    .filter(i -> i.state() == DocumentState.READY || i.state() == DocumentState.READY_WITH_WARNING).count()));
            System.out.flush();
        }
        Platform.runLater(() -> Window.getWindows().stream().filter(w -> w instanceof Stage).toList()
                .forEach(w -> ((Stage) w).close()));
        launcher.join(TimeUnit.SECONDS.toMillis(30));
        System.exit(0);
    }

    /**
     * Whether the window is usable (the question field focused and enabled) and its library list shows
     * at least {@code count} rows, all of them imported when {@code settled}. False before JavaFX runs.
     */
    private static boolean rows(int count, boolean settled) throws Exception {
        try {
            return onFx(() -> {
                Optional<Stage> stage = mainStage();
                if (stage.isEmpty()) {
                    return false;
                }
                Node question = stage.get().getScene().lookup("#question");
                List<DocumentItem> items = listed();
                return question != null && question.isFocused() && !question.isDisabled() && items.size() >= count
                        && (!settled || items.stream().allMatch(i -> !i.isPending() && SETTLED.contains(i.state())));
            });
        } catch (IllegalStateException toolkitNotStarted) {
            return false;
        }
    }

    private static Optional<Stage> mainStage() {
        return Window.getWindows().stream()
                .filter(w -> w instanceof Stage && w.isShowing() && w.getScene() != null
                        && w.getScene().lookup("#question") != null)
                .map(w -> (Stage) w).findFirst();
    }

    /** The library list's rows, when the list is there and visible. */
    private static List<DocumentItem> listed() {
        return mainStage().map(s -> s.getScene().lookup("#library-list"))
                .filter(n -> n instanceof ListView<?> && n.isVisible())
                .map(n -> ((ListView<?>) n).getItems().stream().filter(DocumentItem.class::isInstance)
                        .map(DocumentItem.class::cast).toList())
                .orElse(List.of());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> question) throws Exception {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(question.call());
            } catch (Exception e) {
                answer.completeExceptionally(e);
            }
        });
        return answer.get(2, TimeUnit.MINUTES);  // the FX thread may be busy building the window for seconds on a loaded machine
    }
}
