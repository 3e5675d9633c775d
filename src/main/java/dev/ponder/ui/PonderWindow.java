package dev.ponder.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.scene.input.InputEvent;
import dev.ponder.base.StartupTimeline;

/**
 * Ponder's main window: library, chat and insights, following DESIGN.md "The window". The
 * application creates it once, on the FX thread, with {@link #show(Stage, MainViewModel)}: the view
 * model holds every view model of the window, and the window only lays out nodes bound to them.
 */
public final class PonderWindow {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PonderWindow.class);

    /** Default size in pixels. */
    public static final double WIDTH = 1200;
    public static final double HEIGHT = 780;
    static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256, 512};
    /** Longest wait for the colour scheme (its probe processes have one second each). */
    private static final long THEME_WAIT_MS = 1500;

    /** What Ponder does today, and what is still to come — nothing it cannot do yet is promised. */
    static final String ABOUT = """
            Ask questions about your PDFs. Ponder reads them on your computer and answers from them \
            with a local model (Ollama), citing the pages each answer comes from. Your documents \
            stay on your computer.

            While you are away, Ponder thinks about your documents: it writes what it learned from \
            each one and the questions you are likely to ask, with answers ready (see the insights \
            panel). A question it anticipated is answered at once, with no work for the model; \
            others are answered from what it learned, which costs the model far less reading.

            Sleep-time compute: Lin, Snell, Wang, Packer, Wooders, Stoica, Gonzalez, "Sleep-time \
            Compute: Beyond Inference Scaling at Test-time", 2025.""";

    private final Stage stage;
    private final MainViewModel vm;
    private final MainView view;
    private final List<Path> handedOver = new java.util.ArrayList<>();
    private boolean started;
    private File lastDirectory;
    private final MenuItem settingsItem = new MenuItem("Settings…");
    /** Completes when the window is usable: its first frame is laid out and the library list shows what the library holds. */
    private final CompletableFuture<Void> usable = new CompletableFuture<>();
    private SystemViewer folderOpener = SystemViewer.DESKTOP;

    private PonderWindow(Stage stage, MainViewModel vm) {
        this.stage = stage;
        this.vm = vm;
        this.view = new MainView(vm, menuBar(), this::chooseFiles);
        // a move to another embedding model shows its progress under the library, once the library is open
        vm.embeddingModelProperty().addListener((o, was, embedding) -> {
            if (embedding != null) {
                view.library().addStatus("embedding-progress", embedding.progressProperty(), embedding.movingProperty());
            }
        });
    }

    /**
     * Builds the window on {@code stage}, bound to {@code vm}, and shows it; once its first frame is
     * laid out, starts loading the library, the chat history and the model server's status in the
     * background, and puts the insights panel together. Call on the FX thread. Closing the window
     * stops a streaming answer; the services stay open (the application owns them).
     */
    public static PonderWindow show(Stage stage, MainViewModel vm) {
        return show(stage, vm, vm.ui().start(ColorScheme::detect));
    }

    /**
     * As {@link #show(Stage, MainViewModel)}, with the platform's colour scheme being detected already
     * (asking runs a short process: the application starts it before JavaFX is up). The theme must be
     * set before the first control exists, or JavaFX loads and parses its default stylesheet for
     * nothing, so this waits for it, up to {@value #THEME_WAIT_MS} ms.
     */
    public static PonderWindow show(Stage stage, MainViewModel vm, CompletableFuture<ColorScheme> detecting) {
        long begin = StartupTimeline.threadCpuMs();
        UncaughtErrors.installOnFxThread(stage);
        long waiting = System.nanoTime();
        ColorScheme scheme = colorScheme(detecting);
        long waited = (System.nanoTime() - waiting) / 1_000_000;
        applyTheme(scheme);
        long themed = StartupTimeline.threadCpuMs();
        PonderWindow window = new PonderWindow(stage, vm);
        long built = StartupTimeline.threadCpuMs();
        window.build(vm.ui());
        long scened = StartupTimeline.threadCpuMs();
        stage.show();
        StartupTimeline.mark("window shown");
        log.info("Window: {} theme ({} ms waited for it); processor time: theme {} ms, views {} ms, scene {} ms, "
                + "styled, laid out and shown {} ms", scheme, waited, themed - begin, built - themed, scened - built,
                StartupTimeline.threadCpuMs() - scened);
        return window;
    }

    /** The detected scheme; light when detecting fails or takes longer than its processes may. */
    private static ColorScheme colorScheme(CompletableFuture<ColorScheme> detecting) {
        try {
            return detecting.get(THEME_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ColorScheme.LIGHT;
        } catch (ExecutionException | TimeoutException e) {
            log.info("Colour scheme not detected, using light: {}", e.toString());
            return ColorScheme.LIGHT;
        }
    }

    /**
     * Shows the skeleton's frame first ({@link Skeleton}), then the whole window. Once the whole
     * window's first frame is laid out: log it, then start loading the library, the history and
     * the server's status, and open the files handed over meanwhile. Before this, that work (and
     * the import it starts) competed with the first paint for a small machine's cores, and its
     * results (up to 200 history exchanges) could be built into the scene before the first frame.
     */
    private void startAfterFirstFrame(Scene scene) {
        Runnable[] skeleton = new Runnable[1];
        skeleton[0] = () -> {
            scene.removePostLayoutPulseListener(skeleton[0]);
            StartupTimeline.mark("skeleton frame");
            // after this pulse: the skeleton is on screen while the whole window is styled and laid out
            javafx.application.Platform.runLater(() -> {
                scene.setRoot(view);
                afterFirstFrame(scene);
            });
        };
        scene.addPostLayoutPulseListener(skeleton[0]);
    }

    private void afterFirstFrame(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            StartupTimeline.mark("first frame");
            view.chat().questionField().requestFocus();
            started = true;
            vm.start();
            // once the library list shows what the library holds (the window is usable then): the
            // insights panel, then its sleep-time and savings sections once the library is open.
            // Built before, the panel and its chart held the list back on a small machine (issue #17)
            whenLibraryShown(() -> {
                StartupTimeline.mark("library shown");
                StartupTimeline.logSummary();
                usable.complete(null);
                javafx.application.Platform.runLater(this::buildInsights);
            });
            if (!handedOver.isEmpty()) {
                vm.open(List.copyOf(handedOver));
                handedOver.clear();
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /**
     * Completes, on the FX thread, when the window is usable: its first frame is laid out (the
     * question field has the focus) and the library list shows what the library holds, or says why
     * it could not (the list may come from the library check, before the library is open). Until
     * then the insights column shows its title only. The application finishes opening the library
     * and starts its background work (sleep-time, file watching, loading the embedding model) after
     * this, so that work does not compete with the window for a small machine's processor.
     */
    public CompletableFuture<Void> usable() {
        return usable;
    }

    /**
     * Builds the insights panel, and adds its sleep-time and savings sections when their view models
     * come. The panel and each section are built in an event of their own (together about 0.4 s of
     * processor time with 20 documents and their anticipated questions), so that a key pressed
     * meanwhile is handled between them rather than after all three.
     */
    private void buildInsights() {
        InsightsView insights = view.buildInsights();
        StartupTimeline.mark("insights panel built");
        ChatViewModel chat = vm.chat();
        Runnable addSections = () -> {
            MainViewModel.SleepTimeModels models = vm.sleepTimeModelsProperty().get();
            if (models != null) {
                javafx.application.Platform.runLater(() -> {
                    insights.addSection(new SleepTimePane(models.sleepTime(),
                            chat.stateProperty().isEqualTo(ChatViewModel.ChatState.READY)));
                    StartupTimeline.mark("sleep-time section built");
                });
                javafx.application.Platform.runLater(() -> {
                    insights.addSection(new SavingsPane(models.savings()));
                    StartupTimeline.mark("savings section built");
                });
            }
        };
        if (vm.sleepTimeModelsProperty().get() != null) {
            addSections.run();
        } else {
            vm.sleepTimeModelsProperty().addListener((o, was, is) -> addSections.run());
        }
    }

    /** Runs {@code then} once, when the library list shows what the library holds. */
    private void whenLibraryShown(Runnable then) {
        if (vm.library().loadedProperty().get()) {
            then.run();
            return;
        }
        vm.library().loadedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean loaded) {
                if (loaded) {
                    o.removeListener(this);
                    then.run();
                }
            }
        });
    }

    /** Sets the AtlantaFX Primer theme for every window of the application. */
    public static void applyTheme(ColorScheme scheme) {
        Application.setUserAgentStylesheet(scheme == ColorScheme.DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private void build(UiExecutor ui) {
        // the first frame shows a dozen nodes at once; the whole window replaces them at the next
        Scene scene = new Scene(new Skeleton(WIDTH, MainView.LIBRARY_SHARE, 1 - MainView.INSIGHTS_FROM), WIDTH, HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(
                PonderWindow.class.getResource("ponder.css"), "ponder.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.chat().state() == ChatViewModel.ChatState.ANSWERING) {
                vm.chat().stop();
                e.consume();
            }
        });
        stage.setTitle("Ponder");
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        // seven PNGs up to 512 px: decoded in the background, set when ready
        ui.run(PonderWindow::icons, stage.getIcons()::setAll, e -> log.warn("Could not load the window icons", e));
        stage.setScene(scene);
        startAfterFirstFrame(scene);
        followThePerson(scene);
        PasswordDialog.follow(vm.library(), stage);
        PageViewer.follow(vm.pageViewer(), stage);
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> vm.dispose());
    }

    /**
     * Whether an input event shows the person at work. JavaFX sends mouse-moved, -entered and
     * -exited events when the scene changes under a pointer that does not move (a progress line
     * growing in the insights panel); counted as input, they would cancel sleep-time every time the
     * panel it drives changes. Those events carry the pointer's last screen position.
     *
     * @param pointer the last screen position seen, updated here
     */
    static boolean byThePerson(InputEvent e, double[] pointer) {
        if (!(e instanceof javafx.scene.input.MouseEvent m)) {
            return true;
        }
        javafx.event.EventType<?> type = m.getEventType();
        boolean hover = type == javafx.scene.input.MouseEvent.MOUSE_MOVED
                || type == javafx.scene.input.MouseEvent.MOUSE_ENTERED
                || type == javafx.scene.input.MouseEvent.MOUSE_ENTERED_TARGET
                || type == javafx.scene.input.MouseEvent.MOUSE_EXITED
                || type == javafx.scene.input.MouseEvent.MOUSE_EXITED_TARGET;
        boolean moved = m.getScreenX() != pointer[0] || m.getScreenY() != pointer[1];
        pointer[0] = m.getScreenX();
        pointer[1] = m.getScreenY();
        return !hover || moved;
    }

    /**
     * Lets sleep-time compute follow this window: every key, mouse and scroll event by the person and
     * the window's focus and minimising go to the view model (idle detection).
     */
    private void followThePerson(Scene scene) {
        double[] pointer = {Double.NaN, Double.NaN};
        scene.addEventFilter(InputEvent.ANY, e -> {
            if (byThePerson(e, pointer)) {
                vm.personActed();
            }
        });
        stage.focusedProperty().addListener((o, was, is) -> vm.windowFocused(is));
        stage.iconifiedProperty().addListener((o, was, is) -> vm.windowMinimised(is));
        vm.windowFocused(stage.isFocused());
        vm.windowMinimised(stage.isIconified());
    }

    /**
     * Opens files as if they were dropped (program arguments, a second launch's files). Files
     * handed over before the first frame are opened right after it.
     */
    public void open(List<Path> files) {
        if (started) {
            vm.open(files);
        } else {
            handedOver.addAll(files);
        }
    }

    /** Opens the Settings dialog with the settings in force; does nothing when there are none to edit. */
    void showSettings() {
        vm.settings().ifPresent(settings -> {
            settings.reset();
            EmbeddingModelViewModel embedding = vm.embeddingModel().orElse(null);
            if (embedding != null) {
                embedding.reset();
            }
            new SettingsDialog(stage, settings, embedding).show();
        });
    }

    public Stage stage() {
        return stage;
    }

    /**
     * Shows a warning strip with one sentence and Dismiss under the menu; {@code onDismiss} runs on
     * the FX thread when the person dismisses it. Call on the FX thread.
     */
    public void showNotice(String sentence, Runnable onDismiss) {
        view.addNotice(new NoticeBanner(sentence, onDismiss));
    }

    MainViewModel viewModel() {
        return vm;
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open…");
        open.setId("menu-open");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> chooseFiles());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        // closing the last window ends the application (Platform.implicitExit)
        quit.setOnAction(e -> stage.close());
        MenuItem newConversation = new MenuItem("New conversation");
        newConversation.setId("menu-new-conversation");
        newConversation.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        newConversation.setOnAction(e -> vm.chat().newConversation());
        newConversation.disableProperty().bind(vm.chat().streamingProperty());
        MenuItem export = new MenuItem("Export conversation…");
        export.setId("menu-export-conversation");
        export.setOnAction(e -> exportConversation());
        export.disableProperty().bind(vm.chat().canExportProperty().not());
        MenuItem delete = new MenuItem("Delete conversation…");
        delete.setOnAction(e -> view.chat().confirmDelete());
        delete.disableProperty().bind(vm.chat().canExportProperty().not());
        Menu file = new Menu("File", null, open, new SeparatorMenuItem(), newConversation, export, delete,
                new SeparatorMenuItem(), quit);
        settingsItem.setId("menu-settings");
        settingsItem.setAccelerator(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN));
        settingsItem.disableProperty().bind(vm.settingsAvailableProperty().not());
        settingsItem.setOnAction(e -> showSettings());
        Menu edit = new Menu("Edit", null, settingsItem);
        MenuItem about = new MenuItem("About Ponder");
        about.setOnAction(e -> about());
        Menu help = new Menu("Help", null, about);
        MenuBar bar = new MenuBar(file, edit, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open documents");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("PDF documents", "*.pdf", "*.PDF"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            chooser.setInitialDirectory(lastDirectory);
        }
        List<File> chosen = chooser.showOpenMultipleDialog(stage);
        if (chosen != null && !chosen.isEmpty()) {
            lastDirectory = chosen.get(0).getParentFile();
            vm.open(chosen.stream().map(File::toPath).toList());
        }
    }

    /** File ▸ Export conversation…: the conversation shown, as Markdown, where the user chooses. */
    private void exportConversation() {
        ChatViewModel chat = vm.chat();
        long id = chat.conversationId();
        String title = chat.conversations().stream().filter(c -> c.id() == id).map(c -> c.title()).findFirst().orElse("");
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export conversation");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Markdown", "*.md"));
        chooser.setInitialFileName(fileNameFor(title));
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            chooser.setInitialDirectory(lastDirectory);
        }
        File chosen = chooser.showSaveDialog(stage);
        if (chosen != null) {
            lastDirectory = chosen.getParentFile();
            Path file = chosen.getName().contains(".") ? chosen.toPath() : chosen.toPath().resolveSibling(chosen.getName() + ".md");
            export(file);
        }
    }

    /**
     * Writes the conversation shown to {@code file}; once written, a strip says so with the file's
     * name and folder, and "Open folder" shows it in the system's file manager.
     */
    void export(Path file) {
        long id = vm.chat().conversationId();
        vm.chat().exportConversation(file, () -> {
            log.info("Exported conversation {} to {}", id, file);
            Path folder = file.toAbsolutePath().getParent();
            view.addNotice(new NoticeBanner(exportedSentence(file), "Open folder",
                    () -> vm.ui().run(() -> folderOpener.open(folder), e -> {
                        log.warn("Could not open the folder {}", folder, e);
                        showNotice("Ponder could not open the folder " + folder + " — open it in your file manager.",
                                () -> { });
                    }), () -> { }));
        });
    }

    /** "Conversation exported to Warranty questions.md in /home/ada/Documents." */
    static String exportedSentence(Path file) {
        Path name = file.getFileName();
        Path folder = file.toAbsolutePath().getParent();
        return "Conversation exported to " + name + (folder == null ? "." : " in " + folder + ".");
    }

    /** How "Open folder" shows a folder; the system's file manager, a recording one in tests. */
    void setFolderOpener(SystemViewer opener) {
        folderOpener = java.util.Objects.requireNonNull(opener, "opener");
    }

    /** A file name from a conversation's title: letters, digits, spaces and dashes, at most 60 characters. */
    static String fileNameFor(String title) {
        String name = title.replaceAll("[^\\p{L}\\p{N} _-]+", " ").strip().replaceAll("\\s+", " ");
        if (name.length() > 60) {
            name = name.substring(0, 60).strip();
        }
        return (name.isEmpty() ? "Ponder conversation" : name) + ".md";
    }

    private void about() {
        String version = Objects.requireNonNullElse(PonderWindow.class.getPackage().getImplementationVersion(), "development build");
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("About Ponder");
        alert.setHeaderText("Ponder " + version);
        alert.setContentText(ABOUT);
        alert.getDialogPane().setMinWidth(460);
        alert.show();
    }

    /** The window icon in every size shipped in {@code dev/ponder/ui/icons}. */
    static List<Image> icons() {
        return java.util.Arrays.stream(ICON_SIZES).mapToObj(size -> {
            try (InputStream in = PonderWindow.class.getResourceAsStream("icons/ponder-" + size + ".png")) {
                return in == null ? null : new Image(in);
            } catch (java.io.IOException e) {
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }
}
