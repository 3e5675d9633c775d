package dev.ponder.ui;

import dev.ponder.llm.ModelServer;
import dev.ponder.store.Citation;
import dev.ponder.store.Exchange;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The window's view models and how they talk to each other: the library's selection is the chat's
 * scope (its ready documents) and the insights panel's document; a failed answer re-checks the
 * model server; a clicked citation opens its page in the page viewer, marked where the answer's
 * words are, and shows its document and page in the insights panel without touching the
 * selection, so the next question's scope does not change behind the user's back.
 */
public final class MainViewModel {

    private final LibraryViewModel library;
    private final ChatViewModel chat;
    private final InsightsViewModel insights;
    private final ModelStatusViewModel modelStatus;
    private final PageViewerViewModel pageViewer;
    private final UiExecutor ui;
    private final javafx.beans.binding.BooleanBinding onboarding;

    public MainViewModel(UiExecutor ui, LibraryAccess libraryAccess, Answering answering, ChatHistory history,
                         ModelServer modelServer) {
        this.ui = ui;
        this.library = new LibraryViewModel(ui, libraryAccess);
        this.insights = new InsightsViewModel(library::requestPassword);
        this.modelStatus = new ModelStatusViewModel(ui, modelServer);
        this.pageViewer = new PageViewerViewModel(ui, libraryAccess, SystemViewer.DESKTOP);
        this.chat = new ChatViewModel(ui, answering, history, library::scope, this::documentName,
                library.loadedProperty(), library.emptyProperty().not(), this::answerEnded, this::openCitation);
        this.onboarding = modelStatus.unreachableProperty().and(library.loadedProperty()).and(library.emptyProperty());
        library.focusedProperty().addListener((o, old, item) -> {
            if (insights.documentProperty().get() != item) {
                insights.show(item);
            }
        });
    }

    /** Loads the library and the chat history and checks the model server, all off the UI thread. */
    public void start() {
        library.start();
        chat.loadHistory();
        modelStatus.check();
    }

    /** Opens files: dropped, chosen with File ▸ Open, or handed over by the application. */
    public void open(Collection<Path> files) {
        library.open(files);
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
     * Whether the first-run card shows in the chat area: Ollama is not reachable and the library is
     * loaded and empty, so the person most likely has not installed or started Ollama yet.
     */
    public javafx.beans.binding.BooleanExpression onboardingProperty() {
        return onboarding;
    }

    public ModelStatusViewModel modelStatus() {
        return modelStatus;
    }
}
