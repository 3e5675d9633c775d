package dev.ponder.app;

import dev.ponder.settings.Settings;
import dev.ponder.store.StoreException;
import dev.ponder.ui.PonderWindow;
import dev.ponder.ui.UiServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.LoggerFactory;

/**
 * Opens the window: builds Ponder, starts JavaFX, shows {@link PonderWindow} with the files from the
 * command line, and returns when the window has closed and everything is shut down.
 */
final class DesktopLauncher {

    /**
     * JavaFX warns on stderr that it was loaded from the class path; that is how the jar and the
     * installers run it (packaging/installer.xml). Held so the level is not garbage-collected.
     */
    private static final java.util.logging.Logger JAVAFX_STARTUP =
            java.util.logging.Logger.getLogger("javafx");

    private DesktopLauncher() {
    }

    /**
     * @param smokeTestSeconds with {@code --smoke-test}: close the window once it is shown and
     *                         {@code files} are imported, or after this many seconds ({@link SmokeTest})
     * @return the process exit code: 0 after a normal close (or a passed smoke test), 1 when Ponder
     *         could not start (or the smoke test failed)
     */
    static int launch(Settings settings, List<Path> files, Optional<Integer> smokeTestSeconds) {
        Ponder ponder;
        try {
            ponder = Ponder.open(settings);
        } catch (StoreException e) {
            LoggerFactory.getLogger(DesktopLauncher.class).error("Library could not be opened", e);
            return showStartupProblem(e.getMessage());
        }
        // logging out or `kill` ends the process without closing the window: stop imports cleanly
        Runtime.getRuntime().addShutdownHook(new Thread(ponder::close, "ponder-shutdown"));
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch shown = new CountDownLatch(1);
        AtomicReference<Stage> mainStage = new AtomicReference<>();
        JAVAFX_STARTUP.setLevel(java.util.logging.Level.SEVERE);
        try {
            Platform.startup(() -> {
                Stage stage = new Stage();
                stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
                stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> shown.countDown());
                mainStage.set(stage);
                UiServices services = new UiServices(ponder.libraryService(), ponder.answers(), ponder.modelServer(),
                        ponder.exchanges(), settings, ponder.background());
                PonderWindow window = PonderWindow.show(stage, services);
                window.followSleepTime(ponder.sleepTime(), ponder.userActivity());
                window.open(files.stream().map(Path::toAbsolutePath).toList());
            });
        } catch (UnsupportedOperationException | IllegalStateException e) {
            ponder.close();
            System.err.println("Ponder: there is no display to show the window on (" + e.getMessage()
                    + "). The import, ask and doctor commands work without one.");
            return 1;
        }
        ponder.libraryService().resumeInterrupted();
        ponder.sleepTime().start();
        int exitCode = smokeTestSeconds.map(seconds -> smokeTest(shown, ponder, files, seconds, mainStage)).orElse(0);
        awaitUninterruptibly(closed);
        ponder.close();
        Platform.exit();
        return exitCode;
    }

    /** Waits for {@link SmokeTest}, then closes the window; 0 when it passed, else 1 with its sentence on stderr. */
    private static int smokeTest(CountDownLatch shown, Ponder ponder, List<Path> files, int seconds, AtomicReference<Stage> mainStage) {
        Optional<String> failure;
        try {
            failure = SmokeTest.await(shown, ponder.libraryService(), files, Duration.ofSeconds(seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Optional.of("it was interrupted.");
        }
        failure.ifPresentOrElse(sentence -> System.err.println("Ponder smoke test failed: " + sentence),
                () -> System.out.println("Ponder smoke test passed: the window was shown and " + files.size()
                        + " file(s) were imported."));
        Platform.runLater(() -> {
            if (mainStage.get() != null) {
                mainStage.get().close();
            }
        });
        return failure.isPresent() ? 1 : 0;
    }

    /** Shows a startup problem in a dialog when a display is there, else on stderr. */
    private static int showStartupProblem(String sentence) {
        System.err.println("Ponder: " + sentence);
        CountDownLatch shown = new CountDownLatch(1);
        try {
            Platform.startup(() -> {
                Alert alert = new Alert(Alert.AlertType.ERROR, sentence);
                alert.setTitle("Ponder");
                alert.setHeaderText("Ponder cannot start");
                alert.showAndWait();
                shown.countDown();
            });
            awaitUninterruptibly(shown);
            Platform.exit();
        } catch (UnsupportedOperationException | IllegalStateException headless) {
            // stderr already has the sentence
        }
        return 1;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
