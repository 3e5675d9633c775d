package dev.ponder.ui;

import dev.ponder.llm.ModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.UserActivity;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.Exchange;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;

/**
 * The window's composition root: builds every view model of the window and how they talk to each
 * other; the views only bind to what it hands out. The library's selection is the chat's scope (its
 * ready documents) and the insights panel's document; a failed answer re-checks the model server; a
 * clicked citation opens its page in the page viewer, marked where the answer's words are, and shows
 * its document and page in the insights panel without touching the selection, so the next
 * question's scope does not change behind the user's back; the person's input goes to idle
 * detection, and coming back reads the insights panel's figures again.
 *
 * <p>The window is shown while the library opens (its services arrive as a future): until then the
 * view models work through a {@link LibraryOpening}, the library pane says that the library is
 * opening, and the insights panel's sleep-time and savings sections and the Settings dialog come
 * once the services are there.
 */
public final class MainViewModel {

    /** Input after this long without any counts as coming back: the insights panel reads its figures again. */
    static final long RETURN_AFTER_MS = 1000;

    private final UiExecutor ui;
    private final CompletableFuture<WindowParts> parts;
    private final LibraryViewModel library;
    private final ChatViewModel chat;
    private final InsightsViewModel insights;
    private final ModelStatusViewModel modelStatus;
    private final PageViewerViewModel pageViewer;
    private final BooleanBinding onboarding;
    private final ReadOnlyObjectWrapper<SleepTimeModels> sleepTimeModels = new ReadOnlyObjectWrapper<>(this, "sleepTimeModels");
    private final ReadOnlyObjectWrapper<WindowParts.SettingsParts> settingsStore = new ReadOnlyObjectWrapper<>(this, "settingsStore");
    private SettingsViewModel settings;
    private final ReadOnlyObjectWrapper<EmbeddingModelViewModel> embeddingModel = new ReadOnlyObjectWrapper<>(this,
            "embeddingModel");
    private Optional<UserActivity> activity = Optional.empty();
    private boolean focused;
    private boolean minimised;
    private long lastInput = System.nanoTime();

    /** The insights panel's sections about sleep-time: what it is doing and its anticipated questions, and the savings. */
    public record SleepTimeModels(SleepTimeViewModel sleepTime, SavingsViewModel savings) {
    }

    /**
     * The window over Ponder's services, which arrive when the library is open; answer links open in
     * the system's browser.
     *
     * @param settings the settings Ponder starts with (the model server's name shows before it is reached)
     * @param services completes when the library is open, or fails when it cannot be
     */
    public MainViewModel(UiExecutor ui, Settings settings, CompletableFuture<UiServices> services) {
        this(ui, settings, services, new CompletableFuture<>());
    }

    /**
     * As {@link #MainViewModel(UiExecutor, Settings, CompletableFuture)}, the library list showing
     * {@code listed} when it comes before the library is open.
     *
     * @param listed the library's documents, oldest first, as read before the library opened (by the
     *               library check): the list shows them, then what the open library holds
     */
    public MainViewModel(UiExecutor ui, Settings settings, CompletableFuture<UiServices> services,
                         CompletableFuture<List<DocumentEntry>> listed) {
        this(ui, ModelServer.displayName(settings), services.thenApply(WindowParts::of), listed, SystemBrowser.open(),
                SystemViewer.DESKTOP);
    }

    /** A window without sleep-time and settings, for view-model tests; links open nowhere. */
    MainViewModel(UiExecutor ui, LibraryAccess library, Answering answering, ChatHistory history, ModelServer modelServer) {
        this(ui, WindowParts.of(library, answering, history, modelServer), url -> { }, SystemViewer.DESKTOP);
    }

    /** A window over parts that are there already. */
    MainViewModel(UiExecutor ui, WindowParts parts, Consumer<String> browser, SystemViewer viewer) {
        this(ui, parts.modelServer().displayName(), CompletableFuture.completedFuture(parts), new CompletableFuture<>(),
                browser, viewer);
    }

    /**
     * @param serverName what the model server is called until it is reached
     * @param parts      completes when the library is open
     * @param listed     the documents as read before the library opened, if they come before it
     * @param browser    opens a clicked answer link (already checked to be http, https or mailto)
     * @param viewer     opens a document's file in the system's PDF viewer
     */
    MainViewModel(UiExecutor ui, String serverName, CompletableFuture<WindowParts> parts,
                  CompletableFuture<List<DocumentEntry>> listed, Consumer<String> browser, SystemViewer viewer) {
        this.ui = ui;
        this.parts = parts;
        LibraryOpening opening = new LibraryOpening(parts, listed);
        this.library = new LibraryViewModel(ui, opening);
        this.insights = new InsightsViewModel(library::requestPassword);
        this.modelStatus = new ModelStatusViewModel(ui, opening.modelServer(serverName));
        this.pageViewer = new PageViewerViewModel(ui, opening, viewer);
        this.chat = new ChatViewModel(ui, opening, opening, library::scope, this::documentName,
                library.loadedProperty(), library.emptyProperty().not(), this::answerEnded, this::openCitation);
        chat.setBrowser(browser);
        this.onboarding = modelStatus.unreachableProperty().and(library.loadedProperty()).and(library.emptyProperty());
        library.focusedProperty().addListener((o, old, item) -> {
            if (insights.documentProperty().get() != item) {
                insights.show(item);
            }
        });
    }

    /** The library is open: the parts that need its services are made and started. */
    private void connect(WindowParts ready) {
        ready.settings().ifPresent(edited -> {
            edited.store().addListener((before, after) -> ui.onUi(modelStatus::check));
            settingsStore.set(edited);
            edited.embeddings().ifPresent(e -> embeddingModel.set(new EmbeddingModelViewModel(ui, e, modelStatus)));
        });
        activity = ready.sleepTime().map(WindowParts.SleepTimeParts::activity);
        activity.ifPresent(a -> {
            a.windowFocused(focused);
            a.windowMinimised(minimised);
        });
        ready.sleepTime().ifPresent(p -> {
            SleepTimeViewModel sleep = new SleepTimeViewModel(ui, p.sleepTime(), p.savings(), chat::askAnticipated);
            sleep.followServerProblem(modelStatus.bannerVisibleProperty().or(onboarding));
            p.readOnly().ifPresent(sleep::libraryReadOnly);
            // sleep-time got its model, or is using it: a banner about a problem that has gone goes too
            sleep.stateProperty().addListener((o, was, is) -> {
                if (is == SleepTimeState.THINKING || was == SleepTimeState.MODEL_UNAVAILABLE) {
                    modelStatus.workedJustNow();
                }
            });
            SavingsViewModel savings = new SavingsViewModel(ui, p.savings(), p.sleepTime());
            sleepTimeModels.set(new SleepTimeModels(sleep, savings));
            followSelectionInInsights();
            sleep.start();
            savings.start();
            showSelectionInInsights();
        });
    }

    /** The insights panel's sleep-time and savings sections show what the next question is about. */
    private void followSelectionInInsights() {
        library.selected().addListener((ListChangeListener<DocumentItem>) c -> showSelectionInInsights());
        library.documents().addListener((ListChangeListener<DocumentItem>) c -> showSelectionInInsights());
        library.scopeDescriptionProperty().addListener((o, was, is) -> showSelectionInInsights());
        chat.stateProperty().addListener((o, was, is) -> {
            if (was == ChatViewModel.ChatState.ANSWERING) {
                savings().ifPresent(SavingsViewModel::refresh);
            }
        });
    }

    private void showSelectionInInsights() {
        List<Long> ids = insightDocuments(library);
        sleepTime().ifPresent(s -> s.showDocuments(ids, library.selected().isEmpty()));
        savings().ifPresent(s -> s.showDocuments(ids));
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
     * Loads the library and the chat history and checks the model server, all off the UI thread, as
     * soon as the library is open; then follows sleep-time.
     */
    public void start() {
        library.start();
        chat.loadHistory();
        modelStatus.check();
        ui.whenDone(parts, this::connect, e -> { });  // the library pane says why it could not be read
    }

    /** Opens files: dropped, chosen with File ▸ Open, or handed over by the application. */
    public void open(Collection<Path> files) {
        library.open(files);
    }

    /**
     * The person pressed a key, clicked, scrolled or moved the pointer: they are not idle. After a
     * second without input this counts as coming back: baselines are measured while they are away,
     * so the insights panel reads its figures again. Reading the clock here, not asking the X
     * server for idle time, keeps a mouse move cheap.
     */
    public void personActed() {
        activity.ifPresent(UserActivity::touch);
        long now = System.nanoTime();
        boolean back = now - lastInput >= RETURN_AFTER_MS * 1_000_000;
        lastInput = now;
        if (back) {
            savings().ifPresent(SavingsViewModel::refresh);
            sleepTime().ifPresent(SleepTimeViewModel::refreshDocuments);
        }
    }

    /** The window gained or lost the focus (idle detection). */
    public void windowFocused(boolean focused) {
        this.focused = focused;
        activity.ifPresent(a -> a.windowFocused(focused));
    }

    /** The window was minimised or restored (idle detection). */
    public void windowMinimised(boolean minimised) {
        this.minimised = minimised;
        activity.ifPresent(a -> a.windowMinimised(minimised));
    }

    /** What an answer showed of the model server: a failure re-checks it, a model's answer shows it works. */
    private void answerEnded(Exchange exchange) {
        if (exchange.status() == Exchange.Status.FAILED) {
            modelStatus.check();
        } else if (exchange.model().isPresent() && exchange.status() == Exchange.Status.ANSWERED) {
            modelStatus.workedJustNow();
        }
    }

    private String documentName(long id) {
        DocumentItem item = library.find(id);
        return item == null ? null : item.fileName();
    }

    private void openCitation(Citation citation, String answer) {
        DocumentItem item = library.find(citation.documentId());
        if (item == null) {
            return; // removed since it was cited
        }
        library.show(item);
        library.reveal(item);
        insights.showCitation(item, citation.page());
        pageViewer.open(citation, answer, item.entry().pages());
    }

    public void dispose() {
        library.dispose();
        chat.stop();
        pageViewer.close();
        sleepTime().ifPresent(SleepTimeViewModel::dispose);
        savings().ifPresent(SavingsViewModel::dispose);
    }

    /** The one way this window's view models reach background threads and back. */
    UiExecutor ui() {
        return ui;
    }

    public LibraryViewModel library() {
        return library;
    }

    public ChatViewModel chat() {
        return chat;
    }

    public InsightsViewModel insights() {
        return insights;
    }

    /** The page viewer a citation opens. */
    public PageViewerViewModel pageViewer() {
        return pageViewer;
    }

    /**
     * The insights panel's sleep-time and savings sections' view models: null until the library is
     * open, and always without sleep-time (view-model tests).
     */
    public ReadOnlyObjectProperty<SleepTimeModels> sleepTimeModelsProperty() {
        return sleepTimeModels.getReadOnlyProperty();
    }

    /** What sleep-time is doing and the anticipated questions; empty until the library is open. */
    public Optional<SleepTimeViewModel> sleepTime() {
        return Optional.ofNullable(sleepTimeModels.get()).map(SleepTimeModels::sleepTime);
    }

    /** The measured savings and their chart; empty until the library is open. */
    public Optional<SavingsViewModel> savings() {
        return Optional.ofNullable(sleepTimeModels.get()).map(SleepTimeModels::savings);
    }

    /** Whether Edit ▸ Settings… can open: the settings in force are there to edit (once the library is open). */
    public BooleanExpression settingsAvailableProperty() {
        return settingsStore.isNotNull();
    }

    /**
     * The Settings dialog's fields, made the first time the dialog opens and filled from the
     * settings in force each time; empty while there are no settings to edit.
     */
    public Optional<SettingsViewModel> settings() {
        if (settingsStore.get() != null && settings == null) {
            settings = new SettingsViewModel(settingsStore.get().store(), modelStatus, settingsStore.get().folders(),
                    settingsStore.get().readScansLeft());
        }
        return Optional.ofNullable(settings);
    }

    /** The library's embedding model as Settings offers it; empty until the library is open, or when not offered. */
    public Optional<EmbeddingModelViewModel> embeddingModel() {
        return Optional.ofNullable(embeddingModel.get());
    }

    /** {@link #embeddingModel()} as it arrives, for the library's line showing a move to another model. */
    public ReadOnlyObjectProperty<EmbeddingModelViewModel> embeddingModelProperty() {
        return embeddingModel.getReadOnlyProperty();
    }

    /**
     * Whether the first-run card shows in the chat area: Ollama is not reachable and the library is
     * loaded and empty, so the person most likely has not installed or started Ollama yet.
     */
    public BooleanExpression onboardingProperty() {
        return onboarding;
    }

    public ModelStatusViewModel modelStatus() {
        return modelStatus;
    }
}
