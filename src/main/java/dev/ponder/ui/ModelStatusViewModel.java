package dev.ponder.ui;

import dev.ponder.llm.ModelServer;
import dev.ponder.llm.ServerStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model server as the user sees it: a status line under the library ("Ollama: llama3.2 ✓")
 * and, while something stops answers, a banner with the server's one sentence and Retry.
 */
public final class ModelStatusViewModel {

    private static final Logger log = LoggerFactory.getLogger(ModelStatusViewModel.class);

    private final UiExecutor ui;
    private final ModelServer server;
    private final String name;
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper(this, "statusLine");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper bannerVisible = new ReadOnlyBooleanWrapper(this, "bannerVisible");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private boolean again;
    private final ReadOnlyBooleanWrapper unreachable = new ReadOnlyBooleanWrapper(this, "unreachable");
    private final javafx.collections.ObservableList<String> models = javafx.collections.FXCollections.observableArrayList();
    /** The installed models that only embed (the listing's rule, {@code ModelSelection.looksLikeEmbedding}). */
    private final javafx.collections.ObservableList<String> embeddingModels = javafx.collections.FXCollections.observableArrayList();
    /** One wrapper, kept: it listens to {@link #models} weakly, so a wrapper made per call could be
     *  collected together with the listeners added to it. */
    private final javafx.collections.ObservableList<String> modelsView =
            javafx.collections.FXCollections.unmodifiableObservableList(models);

    public ModelStatusViewModel(UiExecutor ui, ModelServer server) {
        this.ui = ui;
        this.server = server;
        this.name = server.displayName();
        statusLine.set(name + ": checking…");
    }

    /** Whether the server is Ollama (false: an OpenAI-compatible server), for the first-run card. */
    public boolean ollama() {
        return "Ollama".equals(name);
    }

    /**
     * Looks at the server now, or once more as soon as a check under way ends (its answer may
     * predate what the caller needs, e.g. the Settings dialog's model list).
     */
    public void refresh() {
        if (checking.get()) {
            again = true;
        } else {
            check();
        }
    }

    private void checkAgainIfAsked() {
        if (again) {
            again = false;
            check();
        }
    }

    /** Looks at the server again, off the UI thread. A check already under way is not repeated. */
    public void check() {
        if (checking.get()) {
            return;
        }
        checking.set(true);
        if (!ready.get()) {
            statusLine.set(name + ": checking…");
        }
        ui.run(server::check, this::apply, e -> {
            // check() promises not to throw; if it does anyway, say so without a stack trace
            log.error("Checking the model server failed", e);
            checking.set(false);
            ready.set(false);
            unreachable.set(false);
            statusLine.set(name + ": unknown");
            problem.set("Ponder could not check the model server — see the log for details.");
            bannerVisible.set(true);
            checkAgainIfAsked();
        });
    }

    private void apply(ServerStatus status) {
        checking.set(false);
        ready.set(status.ready());
        unreachable.set(!status.reachable());
        if (status.reachable()) {
            models.setAll(status.chatModels());
            embeddingModels.setAll(status.models().stream().filter(m -> !status.chatModels().contains(m)).toList());
        }
        if (status.ready()) {
            statusLine.set(name + ": " + status.model() + " ✓");
        } else if (!status.reachable()) {
            statusLine.set(name + ": not running");
        } else if (status.model() == null) {
            statusLine.set(name + ": no model");
        } else {
            statusLine.set(name + ": " + status.model() + " — problem");
        }
        problem.set(UserText.sentence(status.problem().orElse("")));
        bannerVisible.set(status.problem().isPresent());
        checkAgainIfAsked();
    }

    /** The server's embedding-only models as it lists them (e.g. {@code bge-m3:latest}), refreshed with each check. */
    public javafx.collections.ObservableList<String> embeddingModels() {
        return javafx.collections.FXCollections.unmodifiableObservableList(embeddingModels);
    }

    /** "Ollama: llama3.2 ✓", "Ollama: not running", "Ollama: checking…". */
    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    /** The server's sentence about what stops answers, with the fix; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty bannerVisibleProperty() {
        return bannerVisible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** True once a check found no server answering at all (not installed or not started); false while unknown. */
    public ReadOnlyBooleanProperty unreachableProperty() {
        return unreachable.getReadOnlyProperty();
    }

    /**
     * The installed models that can answer ({@link ServerStatus#chatModels()}: embedding-only ones
     * left out) as of the last check that reached the server; what the model pickers offer.
     */
    public javafx.collections.ObservableList<String> models() {
        return modelsView;
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }
}
