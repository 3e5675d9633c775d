package dev.ponder.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.ponder.answer.Savings;
import dev.ponder.llm.ModelServer;
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
import dev.ponder.sleeptime.SleepTimeService;
import dev.ponder.sleeptime.UserActivity;

/**
 * Ponder's main window: library, chat and insights, following DESIGN.md "The window". The
 * application creates it once, on the FX thread, with {@link #show(Stage, UiServices)}.
 */
public final class PonderWindow {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PonderWindow.class);

    /** Default size in pixels. */
    public static final double WIDTH = 1200;
    public static final double HEIGHT = 780;
    static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256, 512};
    /** Longest wait for the colour scheme (its probe processes have one second each). */
    private static final long THEME_WAIT_MS = 1500;
    /** Input after this long without any counts as coming back: the insights panel reads its figures again. */
    private static final long RETURN_AFTER_MS = 1000;

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
    private SettingsViewModel settingsVm;
    private EmbeddingModelViewModel embeddingVm;
    private SystemViewer folderOpener = SystemViewer.DESKTOP;

    private PonderWindow(Stage stage, MainViewModel vm) {
        this.stage = stage;
        this.vm = vm;
        this.view = new MainView(vm, menuBar(), this::chooseFiles);
    }

    /**
     * Builds the window on {@code stage} and shows it; once its first frame is laid out, starts
     * loading the library, the chat history and the model server's status in the background. Call
     * on the FX thread. Closing the window stops a streaming answer; the services stay open (the
     * application owns them).
     */
    public static PonderWindow show(Stage stage, UiServices services) {
        Objects.requireNonNull(services, "services");
        return show(stage, new FxUiExecutor(services.background()), new LibraryServiceAccess(services.library()),
                services.answers()::ask, ChatHistory.of(services.exchanges()), services.modelServer(),
                SystemBrowser.open());
    }

    /** @param browser opens a clicked answer link (already checked to be http, https or mailto) */
    static PonderWindow show(Stage stage, UiExecutor ui, LibraryAccess library, Answering answering,
                             ChatHistory history, ModelServer modelServer, java.util.function.Consumer<String> browser) {
        log.info("Building the window {} ms after launch", sinceLaunchMs());
        long begin = System.nanoTime();
        // Asking the platform for its colour scheme runs a short process; it runs while the view
        // models are built. The theme must be set before the first control exists, or JavaFX
        // loads and parses its default stylesheet for nothing.
        CompletableFuture<ColorScheme> detecting = ui.start(ColorScheme::detect);
        UncaughtErrors.installOnFxThread(stage);
        MainViewModel vm = new MainViewModel(ui, library, answering, history, modelServer);
        vm.chat().setBrowser(browser);
        long waited = System.nanoTime();
        ColorScheme scheme = colorScheme(detecting);
        long themed = System.nanoTime();
        applyTheme(scheme);
        PonderWindow window = new PonderWindow(stage, vm);
        window.build(ui);
        stage.show();
        log.info("Window shown {} ms after launch: {} theme ({} ms waited for it), built and shown in {} ms",
                sinceLaunchMs(), scheme, (themed - waited) / 1_000_000, (System.nanoTime() - begin) / 1_000_000);
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
            log.info("Skeleton frame {} ms after launch", sinceLaunchMs());
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
            log.info("First frame {} ms after launch", sinceLaunchMs());
            view.chat().questionField().requestFocus();
            started = true;
            vm.start();
            if (!handedOver.isEmpty()) {
                vm.open(List.copyOf(handedOver));
                handedOver.clear();
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /** Milliseconds since the process started; -1 when the platform does not say. */
    static long sinceLaunchMs() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> java.time.Duration.between(start, java.time.Instant.now()).toMillis())
                .orElse(-1L);
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
        PasswordDialog.follow(vm.library(), stage);
        PageViewer.follow(vm.pageViewer(), stage);
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> vm.dispose());
    }

    /**
     * Lets sleep-time compute follow this window: every key, mouse and scroll event and the
     * window's focus and minimising go to {@code activity} (idle detection), and the insights panel
     * shows, for the library selection (or the whole library when nothing is selected), what
     * sleep-time is doing with "Think now" and a pause switch, the anticipated questions (a click
     * asks one in the chat) and the measured savings with their amortization chart. Call on the FX
     * thread.
     *
     * @param savings the measured token accounting, read off the FX thread
     */
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

    public void followSleepTime(SleepTimeService sleepTime, UserActivity activity, Savings savings) {
        followSleepTime(SleepTimeAccess.of(sleepTime), activity, SavingsAccess.of(savings));
    }

    /** As above, on the seams window tests script. */
    void followSleepTime(SleepTimeAccess sleepAccess, UserActivity activity, SavingsAccess savingsAccess) {
        Scene scene = stage.getScene();
        ChatViewModel chat = vm.chat();
        SleepTimeViewModel sleepVm = new SleepTimeViewModel(vm.ui(), sleepAccess, savingsAccess, chat::askAnticipated);
        sleepVm.followServerProblem(vm.modelStatus().bannerVisibleProperty().or(vm.onboardingProperty()));
        // sleep-time got its model, or is using it: a banner about a problem that has gone goes too
        sleepVm.stateProperty().addListener((o, was, is) -> {
            if (is == dev.ponder.sleeptime.SleepTimeState.THINKING || was == dev.ponder.sleeptime.SleepTimeState.MODEL_UNAVAILABLE) {
                vm.modelStatus().workedJustNow();
            }
        });
        SavingsViewModel savingsVm = new SavingsViewModel(vm.ui(), savingsAccess, sleepAccess);
        long[] lastInput = {System.nanoTime()};
        double[] pointer = {Double.NaN, Double.NaN};
        scene.addEventFilter(InputEvent.ANY, e -> {
            if (!byThePerson(e, pointer)) {
                return;
            }
            activity.touch();
            // baselines are measured while the person is away: show them when they come back (a
            // clock read, not activity.idleMillis(), which may ask the X server, on every mouse move)
            long now = System.nanoTime();
            boolean back = now - lastInput[0] >= RETURN_AFTER_MS * 1_000_000;
            lastInput[0] = now;
            if (back) {
                savingsVm.refresh();
                sleepVm.refreshDocuments();
            }
        });
        stage.focusedProperty().addListener((o, was, is) -> activity.windowFocused(is));
        stage.iconifiedProperty().addListener((o, was, is) -> activity.windowMinimised(is));
        activity.windowFocused(stage.isFocused());
        activity.windowMinimised(stage.isIconified());

        LibraryViewModel library = vm.library();
        Runnable showSelection = () -> {
            List<Long> ids = insightDocuments(library);
            sleepVm.showDocuments(ids, library.selected().isEmpty());
            savingsVm.showDocuments(ids);
        };
        library.selected().addListener((javafx.collections.ListChangeListener<DocumentItem>) c -> showSelection.run());
        library.documents().addListener((javafx.collections.ListChangeListener<DocumentItem>) c -> showSelection.run());
        library.scopeDescriptionProperty().addListener((o, was, is) -> showSelection.run());
        chat.stateProperty().addListener((o, was, is) -> {
            if (was == ChatViewModel.ChatState.ANSWERING) {
                savingsVm.refresh();
            }
        });
        view.insights().addSection(new SleepTimePane(sleepVm, chat.stateProperty().isEqualTo(ChatViewModel.ChatState.READY)));
        view.insights().addSection(new SavingsPane(savingsVm));
        sleepVm.start();
        savingsVm.start();
        showSelection.run();
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            sleepVm.dispose();
            savingsVm.dispose();
        });
    }

    /**
     * The documents the insights panel is about: those the next question is about (the selected
     * ready ones), or every ready document when none is selected.
     */
    static List<Long> insightDocuments(LibraryViewModel library) {
        List<Long> scope = library.scope();
        return !scope.isEmpty() ? scope
                : library.documents().stream().filter(DocumentItem::isAnswerable).map(DocumentItem::id).toList();
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

    /**
     * Enables Edit ▸ Settings… (Ctrl+,) on {@code store}: the dialog edits and saves it, and the
     * model server is checked again after a save, so the status line shows the chosen model. Call
     * on the FX thread.
     */
    public void followSettings(dev.ponder.settings.SettingsStore store) {
        followSettings(store, dev.ponder.settings.DataFolders.forRun(store.current().dataDir()));
    }

    /** As above, with where the library lives now and where another folder is chosen (tests pass their own). */
    void followSettings(dev.ponder.settings.SettingsStore store, dev.ponder.settings.DataFolders folders) {
        settingsVm = new SettingsViewModel(store, vm.modelStatus(), folders);
        store.addListener((before, after) -> vm.ui().onUi(() -> vm.modelStatus().check()));
        settingsItem.setDisable(false);
    }

    /**
     * Offers the library's embedding model in Settings (the built-in one or the server's) and shows
     * under the library how far a move to another one has got. Call on the FX thread.
     */
    public void followEmbeddings(dev.ponder.search.EmbeddingService embeddings) {
        embeddingVm = new EmbeddingModelViewModel(vm.ui(), embeddings, vm.modelStatus());
        view.library().addStatus("embedding-progress", embeddingVm.progressProperty(), embeddingVm.movingProperty());
    }

    /** Opens the Settings dialog with the settings in force; does nothing before {@link #followSettings}. */
    void showSettings() {
        if (settingsVm == null) {
            return;
        }
        settingsVm.reset();
        if (embeddingVm != null) {
            embeddingVm.reset();
        }
        new SettingsDialog(stage, settingsVm, embeddingVm).show();
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
        settingsItem.setDisable(true);
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
