package dev.ponder.app;

import dev.ponder.base.DaemonThreads;
import dev.ponder.base.StartupTimeline;
import dev.ponder.settings.Settings;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.LibraryFiles;
import dev.ponder.store.StoreException;
import dev.ponder.ui.ColorScheme;
import dev.ponder.ui.DamagedLibraryDialog;
import dev.ponder.ui.FxUiExecutor;
import dev.ponder.ui.MainViewModel;
import dev.ponder.ui.PonderWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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

    /** How long a launch that found the library in use waits for the starting window to listen. */
    private static final Duration HAND_OFF_PATIENCE = Duration.ofSeconds(10);
    /** How long the library's opening, once its documents are listed, waits for the window to be usable. */
    private static final Duration LIBRARY_PATIENCE = Duration.ofSeconds(5);
    /** How long background work waits for the window to be usable before it starts anyway. */
    private static final Duration WINDOW_PATIENCE = Duration.ofSeconds(30);

    private DesktopLauncher() {
    }

    /**
     * @param smokeTestSeconds with {@code --smoke-test}: close the window once it is shown and
     *                         {@code files} are imported, or after this many seconds ({@link SmokeTest})
     * @return the process exit code: 0 after a normal close (or a passed smoke test, or files handed
     *         to the window already running), 1 when Ponder could not start (or the smoke test failed)
     */
    static int launch(Settings settings, List<Path> files, Optional<Integer> smokeTestSeconds) {
        // before the first logger, as Ponder.open does: a hand-over is logged beside the library too
        System.setProperty("ponder.logdir", settings.dataDir().resolve("logs").toString());
        // the toolkit takes longest to start: everything below runs beside it (issue #17); Main may
        // have started it already, before parsing the command line
        startFx().thenRun(() -> StartupTimeline.mark("JavaFX started", fxStartedMs));
        StartupTimeline.mark("main");
        // macOS: Finder's files come as an Apple event; AWT must hear it before JavaFX starts
        OpenFileRequests finder = OpenFileRequests.registerWithTheDesktop();
        List<Path> absolute = files.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        // a window already runs on this library: it opens the files and comes to the front
        // (a smoke test must test its own window, never hand over)
        if (smokeTestSeconds.isEmpty() && SingleInstance.handOff(settings.dataDir(), absolute)) {
            return 0;
        }
        ExecutorService windowThreads = Executors.newFixedThreadPool(2, DaemonThreads.numbered("ponder-window"));
        FxUiExecutor ui = new FxUiExecutor(windowThreads);
        // asking the platform for its colour scheme runs a process: it runs while JavaFX starts
        CompletableFuture<ColorScheme> scheme = ui.start(ColorScheme::detect);
        // the library opens beside the window, which says so until its documents show; they show as
        // soon as the library check has read them, before the library is open
        CompletableFuture<List<DocumentEntry>> listed = new CompletableFuture<>();
        CountDownLatch windowUsable = new CountDownLatch(1);
        CompletableFuture<Ponder> opening = openInBackground(settings, absolute, listed, windowUsable);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<PonderWindow> shown = new AtomicReference<>();
        CountDownLatch windowShown = new CountDownLatch(1);
        AtomicReference<Stage> mainStage = new AtomicReference<>();
        try {
            onFx(() -> {
                StartupTimeline.mark("building the window");
                Stage stage = new Stage();
                stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
                stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> windowShown.countDown());
                mainStage.set(stage);
                MainViewModel vm = new MainViewModel(ui, settings, opening.thenApply(Ponder::uiServices), listed);
                PonderWindow window = PonderWindow.show(stage, vm, scheme);
                window.open(absolute);
                window.usable().thenRun(windowUsable::countDown);
                shown.set(window);
            });
        } catch (UnsupportedOperationException | IllegalStateException e) {
            windowThreads.shutdownNow();
            windowUsable.countDown(); // no window will be: the library's opening need not wait for one
            return noDisplay(e, opening);
        }
        Ponder ponder;
        try {
            ponder = awaitLibrary(opening);
        } catch (StartupEnded e) {
            Platform.runLater(() -> {
                if (mainStage.get() != null) {
                    mainStage.get().close();
                }
            });
            windowThreads.shutdownNow();
            Platform.exit();
            return e.exit;
        }
        // logging out or `kill` ends the process without closing the window: stop imports cleanly
        Runtime.getRuntime().addShutdownHook(new Thread(ponder::close, "ponder-shutdown"));
        // after the window was built: a hand-over's runLater then lands after it
        SingleInstance instance = listenForOtherLaunches(settings, shown);
        finder.attach(openInWindow(shown));
        warnAboutRemoteOllama(settings, shown, ponder);
        // what can wait does not compete with the window for the processor: it starts once the
        // library list shows (the embedding model's load, sleep-time and the watcher's first look at
        // every file each took a core the list was waiting for; issue #17)
        awaitUninterruptibly(windowUsable, WINDOW_PATIENCE);
        Optional<String> readOnly = ponder.database().readOnly();
        if (readOnly.isPresent()) {
            // nothing that writes runs: every write would fail with the same sentence
            String sentence = Database.readOnlySentence(readOnly.get());
            Platform.runLater(() -> Optional.ofNullable(shown.get()).ifPresent(w -> w.showNotice(sentence, () -> { })));
        } else {
            ponder.libraryService().resumeInterrupted();
            // scanned pages left unread (Tesseract was missing, or Ponder closed while reading them)
            ponder.libraryService().readScansLeft().sentence().ifPresent(sentence -> Platform.runLater(
                    () -> Optional.ofNullable(shown.get()).ifPresent(w -> w.showNotice(sentence, () -> { }))));
            startWatching(ponder);
            ponder.sleepTime().start();
        }
        ponder.warmUpInBackground();
        int exitCode = smokeTestSeconds.map(seconds -> smokeTest(windowShown, ponder, files, seconds, mainStage)).orElse(0);
        awaitUninterruptibly(closed);
        if (instance != null) {
            instance.close();
        }
        ponder.close();
        windowThreads.shutdownNow();
        Platform.exit();
        return exitCode;
    }

    /**
     * Opens the library on a thread of its own ({@link #openLibrary}); the future fails with
     * {@link StartupEnded}. {@code listed} completes with the documents once the library check has
     * read them, when it can read them before the library is open; the rest of the check and the
     * opening of an existing library then wait until the window is usable ({@code windowUsable}), up to
     * {@link #LIBRARY_PATIENCE}: on a small machine they took the processor the first frame needed,
     * and nothing in the window needs the open library before a person has typed a question (one
     * asked meanwhile is answered once it is open).
     */
    private static CompletableFuture<Ponder> openInBackground(Settings settings, List<Path> absolute,
                                                              CompletableFuture<List<DocumentEntry>> listed,
                                                              CountDownLatch windowUsable) {
        CompletableFuture<Ponder> opening = new CompletableFuture<>();
        // a new library is made at once: the first thing to do in its window (dropping files) needs it open
        boolean existing = Files.exists(LibraryFiles.databaseFile(settings.dataDir()));
        DaemonThreads.thread("ponder-library", () -> {
            try {
                opening.complete(openLibrary(settings, absolute, documents -> {
                    StartupTimeline.mark("library listed");
                    listed.complete(documents);
                    if (existing) {
                        awaitUninterruptibly(windowUsable, LIBRARY_PATIENCE);
                    }
                }));
                StartupTimeline.mark("library opened");
            } catch (StartupEnded | RuntimeException e) {
                opening.completeExceptionally(e);
            }
        }).start();
        return opening;
    }

    /** The opened library; {@link StartupEnded} when Ponder cannot start (the person was told why) or handed the files over. */
    private static Ponder awaitLibrary(CompletableFuture<Ponder> opening) throws StartupEnded {
        try {
            return opening.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof StartupEnded ended) {
                throw ended;
            }
            LoggerFactory.getLogger(DesktopLauncher.class).error("Library could not be opened", e.getCause());
            throw new StartupEnded(showStartupProblem("Ponder could not open its library: " + e.getCause().getMessage()));
        }
    }

    /**
     * There is no display: once the library's opening ended, closes it and says so (exit 1), unless
     * the opening handed the files to a window already running (its exit code, 0).
     */
    private static int noDisplay(RuntimeException why, CompletableFuture<Ponder> opening) {
        try {
            opening.join().close();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof StartupEnded ended) {
                return ended.exit;
            }
        }
        System.err.println("Ponder: there is no display to show the window on (" + why.getMessage()
                + "). The import, ask and doctor commands work without one.");
        return 1;
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

    /** Ponder did not start; {@link #exit} is the process's exit code. */
    private static final class StartupEnded extends Exception {
        final int exit;

        StartupEnded(int exit) {
            super(null, null, false, false);
            this.exit = exit;
        }
    }

    /**
     * Opens the library; a damaged one is set aside or replaced by its backup as the person chooses,
     * then opened again.
     *
     * @param listed told the documents as soon as they are read, before the library is open
     *               ({@link Ponder#open(Settings, Consumer)}); possibly again after a backup replaced it
     * @throws StartupEnded when Ponder cannot start (the person was told why) or a running window took the files
     */
    private static Ponder openLibrary(Settings settings, List<Path> absolute, Consumer<List<DocumentEntry>> listed)
            throws StartupEnded {
        while (true) {
            try {
                return Ponder.open(settings, listed);
            } catch (StoreException.Damaged e) {
                LoggerFactory.getLogger(DesktopLauncher.class).error("The library file is damaged", e);
                Integer exit = recover(e, settings.dataDir());
                if (exit != null) {
                    throw new StartupEnded(exit);
                }
            } catch (StoreException.InUse e) {
                // a window that is starting holds the library but does not listen yet
                LoggerFactory.getLogger(DesktopLauncher.class).info("The library is in use; waiting for its window to listen");
                if (SingleInstance.handOff(settings.dataDir(), absolute, HAND_OFF_PATIENCE)) {
                    throw new StartupEnded(0);
                }
                LoggerFactory.getLogger(DesktopLauncher.class).error("Library in use and nobody took the files", e);
                throw new StartupEnded(showStartupProblem("Another Ponder window is using this library but did not answer. "
                        + "Close it (or wait until it has started), then open Ponder again."));
            } catch (StoreException e) {
                LoggerFactory.getLogger(DesktopLauncher.class).error("Library could not be opened", e);
                throw new StartupEnded(showStartupProblem(e.getMessage()));
            }
        }
    }

    /** JavaFX's start, once begun (by {@link Main}, {@link #launch} or the first dialog). */
    private static CompletableFuture<Void> fxStarted;
    /** When JavaFX had started, in ms since the JVM started; logged by {@link #launch} (the log's folder is known there). */
    private static volatile long fxStartedMs = -1;

    /**
     * Starts JavaFX on a thread of its own, once: a dialog before the window must not end the
     * toolkit the window needs, hence no implicit exit (launch exits it). Logs nothing: {@link Main}
     * calls it before the command line, which names the log's folder, is read.
     *
     * @return completes when JavaFX runs; fails (UnsupportedOperationException or
     *         IllegalStateException) when there is no display
     */
    static synchronized CompletableFuture<Void> startFx() {
        if (fxStarted == null) {
            // JavaFX warns on stderr that it was loaded from the class path, as the jar and the installers run it
            JAVAFX_STARTUP.setLevel(java.util.logging.Level.SEVERE);
            fxStarted = CompletableFuture.runAsync(() -> {
                Platform.setImplicitExit(false);
                Platform.startup(() -> { });
                fxStartedMs = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            }, task -> DaemonThreads.thread("ponder-fx-start", task).start());
        }
        return fxStarted;
    }

    /**
     * Runs {@code r} on the FX thread once JavaFX has started (starting it if need be). A nested
     * event loop (showAndWait) runs from runLater, not from the startup runnable.
     *
     * @throws UnsupportedOperationException or IllegalStateException when there is no display
     */
    private static void onFx(Runnable r) {
        try {
            startFx().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        Platform.runLater(r);
    }

    /**
     * Asks what to do about a damaged library (dialog; stderr when there is no display) and does it.
     *
     * @return null to open the library again, or the exit code: 2 when the person quit or there is
     *         no display to ask on, 1 when the choice could not be carried out
     */
    private static Integer recover(StoreException.Damaged damaged, Path dataDir) {
        Path keptAs = LibraryFiles.asideName(dataDir);
        String sentence = damaged.problem() + damaged.backup()
                .map(b -> " The newest backup is " + b + ".")
                .orElse(" There is no backup of it.");
        CompletableFuture<DamagedLibraryDialog.Choice> choice = new CompletableFuture<>();
        try {
            onFx(() -> choice.complete(new DamagedLibraryDialog(sentence,
                    damaged.backup().map(b -> b.getFileName().toString()), keptAs.getFileName().toString()).showAndWait()));
        } catch (UnsupportedOperationException | IllegalStateException headless) {
            System.err.println("Ponder: " + damaged.getMessage());
            return 2;
        }
        try {
            switch (choice.join()) {
                case USE_BACKUP -> LibraryFiles.useBackup(dataDir, damaged.backup().orElseThrow(), keptAs);
                case START_EMPTY -> LibraryFiles.setAsideDamaged(dataDir, keptAs);
                default -> {
                    System.err.println("Ponder: " + damaged.getMessage());
                    Platform.exit();
                    return 2;
                }
            }
        } catch (StoreException e) {
            LoggerFactory.getLogger(DesktopLauncher.class).error("Could not set the damaged library aside", e);
            return showStartupProblem(e.getMessage());
        }
        LoggerFactory.getLogger(DesktopLauncher.class).info("The damaged library was kept as {}", keptAs);
        return null;
    }

    /** Once per address until dismissed: the documents' text goes to another machine, unencrypted. */
    private static void warnAboutRemoteOllama(Settings settings, AtomicReference<PonderWindow> shown, Ponder ponder) {
        ponder.background().execute(() -> RemoteOllama.unacknowledgedWarning(settings.ollamaUrl(), settings.dataDir())
                .ifPresent(warning -> Platform.runLater(() -> {
                    PonderWindow window = shown.get();
                    if (window != null) {
                        window.showNotice(warning, () -> ponder.background().execute(
                                () -> RemoteOllama.acknowledge(settings.ollamaUrl(), settings.dataDir())));
                    }
                })));
    }

    private static SingleInstance listenForOtherLaunches(Settings settings, AtomicReference<PonderWindow> shown) {
        try {
            return SingleInstance.listen(settings.dataDir(), openInWindow(shown));
        } catch (IOException e) {
            LoggerFactory.getLogger(DesktopLauncher.class)
                    .warn("Cannot listen for other launches; a second launch will say the library is in use", e);
            return null;
        }
    }

    /** Where files handed over later go (a second launch, the Finder): the window, brought to the front. */
    private static java.util.function.Consumer<List<Path>> openInWindow(AtomicReference<PonderWindow> shown) {
        return handed -> Platform.runLater(() -> {
            PonderWindow window = shown.get();
            if (window != null) {
                window.open(handed);
                toFront(window.stage());
            }
        });
    }

    private static void startWatching(Ponder ponder) {
        try {
            ponder.watcher().start();
        } catch (IOException e) {
            LoggerFactory.getLogger(DesktopLauncher.class)
                    .warn("Cannot watch the documents' files; changes are noticed at the next start", e);
        }
    }

    /** Shows the window over the others, restored if it was minimised. */
    private static void toFront(Stage stage) {
        stage.setIconified(false);
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    /** Shows a startup problem in a dialog when a display is there, else on stderr. */
    private static int showStartupProblem(String text) {
        // what to do, said for the window; stderr gets the same words as the dialog
        String sentence = dev.ponder.settings.Advice.forWindow(text, "Retry");
        System.err.println("Ponder: " + sentence);
        CountDownLatch shown = new CountDownLatch(1);
        try {
            onFx(() -> {
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
        awaitUninterruptibly(latch, Duration.ofDays(36_500));
    }

    /** Waits until {@code latch} is open or {@code patience} has passed. */
    private static void awaitUninterruptibly(CountDownLatch latch, Duration patience) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                latch.await(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
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
