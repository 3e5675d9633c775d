package dev.ponder.ui;

import dev.ponder.llm.ModelServer;
import dev.ponder.settings.SettingsStore;
import dev.ponder.store.Citation;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.collections.ListChangeListener;

/**
 * The window's composition root: builds every view model of the window and how they talk to each
 * other. The views only bind to what it hands out. The library's selection is the chat's scope (its
 * ready documents) and the insights panel's document; a failed answer re-checks the model server; a
 * clicked citation opens its page in the page viewer, marked where the answer's words are, and shows
 * its document and page in the insights panel without touching the selection, so the next
 * question's scope does not change behind the user's back; the person's input goes to idle
 * detection, and coming back reads the insights panel's figures again.
 */
public final class MainViewModel {

    /** Input after this long without any counts as coming back: the insights panel reads its figures again. */
    static final long RETURN_AFTER_MS = 1000;

    private final UiExecutor ui;
    private final WindowParts parts;
    private final LibraryViewModel library;
    private final ChatViewModel chat;
    private final InsightsViewModel insights;
    private final ModelStatusViewModel modelStatus;
    private final PageViewerViewModel pageViewer;
    private final BooleanBinding onboarding;
    private final Optional<SleepTimeViewModel> sleepTime;
    private final Optional<SavingsViewModel> savings;
    private SettingsViewModel settings;
    private long lastInput = System.nanoTime();

    /** The window over a running Ponder's services; answer links open in the system's browser. */
    public MainViewModel(UiExecutor ui, UiServices services) {
        this(ui, WindowParts.of(services), SystemBrowser.open(), SystemViewer.DESKTOP);
    }

    /** A window without sleep-time and settings, for view-model tests; links open nowhere. */
    MainViewModel(UiExecutor ui, LibraryAccess library, Answering answering, ChatHistory history, ModelServer modelServer) {
        this(ui, WindowParts.of(library, answering, history, modelServer), url -> { }, SystemViewer.DESKTOP);
    }

    /**
     * @param browser opens a clicked answer link (already checked to be http, https or mailto)
     * @param viewer  opens a document's file in the system's PDF viewer
     */
    MainViewModel(UiExecutor ui, WindowParts parts, Consumer<String> browser, SystemViewer viewer) {
        this.ui = ui;
        this.parts = parts;
        this.library = new LibraryViewModel(ui, parts.library());
        this.insights = new InsightsViewModel(library::requestPassword);
        this.modelStatus = new ModelStatusViewModel(ui, parts.modelServer());
        this.pageViewer = new PageViewerViewModel(ui, parts.library(), viewer);
        this.chat = new ChatViewModel(ui, parts.answering(), parts.history(), library::scope, this::documentName,
                library.loadedProperty(), library.emptyProperty().not(), modelStatus::check, this::openCitation);
        chat.setBrowser(browser);
        this.onboarding = modelStatus.unreachableProperty().and(library.loadedProperty()).and(library.emptyProperty());
        library.focusedProperty().addListener((o, old, item) -> {
            if (insights.documentProperty().get() != item) {
                insights.show(item);
            }
        });
        this.sleepTime = parts.sleepTime().map(p -> new SleepTimeViewModel(ui, p.sleepTime(), p.savings(), chat::askAnticipated));
        this.savings = parts.sleepTime().map(p -> new SavingsViewModel(ui, p.savings(), p.sleepTime()));
        sleepTime.ifPresent(s -> s.followServerProblem(modelStatus.bannerVisibleProperty().or(onboarding)));
        followSelectionInInsights();
        parts.settings().ifPresent(store -> store.addListener((before, after) -> ui.onUi(modelStatus::check)));
    }

    /** The insights panel's sleep-time and savings sections show what the next question is about. */
    private void followSelectionInInsights() {
        if (sleepTime.isEmpty()) {
            return;
        }
        library.selected().addListener((ListChangeListener<DocumentItem>) c -> showSelectionInInsights());
        library.documents().addListener((ListChangeListener<DocumentItem>) c -> showSelectionInInsights());
        library.scopeDescriptionProperty().addListener((o, was, is) -> showSelectionInInsights());
        chat.stateProperty().addListener((o, was, is) -> {
            if (was == ChatViewModel.ChatState.ANSWERING) {
                savings.ifPresent(SavingsViewModel::refresh);
            }
        });
    }

    private void showSelectionInInsights() {
        List<Long> ids = insightDocuments(library);
        sleepTime.ifPresent(s -> s.showDocuments(ids, library.selected().isEmpty()));
        savings.ifPresent(s -> s.showDocuments(ids));
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

    /** Loads the library and the chat history, checks the model server and follows sleep-time, all off the UI thread. */
    public void start() {
        library.start();
        chat.loadHistory();
        modelStatus.check();
        sleepTime.ifPresent(SleepTimeViewModel::start);
        savings.ifPresent(SavingsViewModel::start);
        showSelectionInInsights();
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
        parts.sleepTime().ifPresent(p -> p.activity().touch());
        long now = System.nanoTime();
        boolean back = now - lastInput >= RETURN_AFTER_MS * 1_000_000;
        lastInput = now;
        if (back) {
            savings.ifPresent(SavingsViewModel::refresh);
            sleepTime.ifPresent(SleepTimeViewModel::refreshDocuments);
        }
    }

    /** The window gained or lost the focus (idle detection). */
    public void windowFocused(boolean focused) {
        parts.sleepTime().ifPresent(p -> p.activity().windowFocused(focused));
    }

    /** The window was minimised or restored (idle detection). */
    public void windowMinimised(boolean minimised) {
        parts.sleepTime().ifPresent(p -> p.activity().windowMinimised(minimised));
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
        sleepTime.ifPresent(SleepTimeViewModel::dispose);
        savings.ifPresent(SavingsViewModel::dispose);
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

    /** What sleep-time is doing and the anticipated questions, for the insights panel; empty without sleep-time. */
    public Optional<SleepTimeViewModel> sleepTime() {
        return sleepTime;
    }

    /** The measured savings and their chart, for the insights panel; empty without sleep-time. */
    public Optional<SavingsViewModel> savings() {
        return savings;
    }

    /** Whether Edit ▸ Settings… can open: the settings in force are there to edit. */
    public boolean hasSettings() {
        return parts.settings().isPresent();
    }

    /**
     * The Settings dialog's fields, made the first time the dialog opens and filled from the
     * settings in force each time; empty when there are no settings to edit.
     */
    public Optional<SettingsViewModel> settings() {
        Optional<SettingsStore> store = parts.settings();
        if (store.isPresent() && settings == null) {
            settings = new SettingsViewModel(store.get(), modelStatus);
        }
        return Optional.ofNullable(settings);
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
