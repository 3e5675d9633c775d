package dev.ponder.ui;

import dev.ponder.llm.ModelServer;
import dev.ponder.llm.ServerStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model server as the user sees it: a status line under the library ("Ollama: llama3.2 ✓")
 * and, while something stops answers, a banner with the server's one sentence and Retry. Both are
 * derived from one {@link Seen} state, set by a check of the server, so they cannot disagree; a
 * successful answer or sleep-time step ({@link #workedJustNow()}) looks again, so a banner about a
 * problem that has gone (a model pulled since) does not stay.
 */
public final class ModelStatusViewModel {

    private static final Logger log = LoggerFactory.getLogger(ModelStatusViewModel.class);

    /** Where the server stands, as the last check saw it. */
    public enum ServerState {
        /** Not looked at yet. */
        CHECKING,
        /** Answers with a usable model. */
        READY,
        /** Nothing answers at its address. */
        NOT_RUNNING,
        /** It answers but has no model Ponder can use. */
        NO_MODEL,
        /** It answers and has the model, but something else stops answers. */
        PROBLEM,
        /** The check itself failed. */
        UNKNOWN
    }

    /**
     * One look at the server.
     *
     * @param state    where it stands
     * @param model    the model Ponder uses, or null
     * @param sentence what stops answers and the fix, for the window; empty when {@link ServerState#READY}
     */
    public record Seen(ServerState state, String model, String sentence) {

        static final Seen NOT_LOOKED = new Seen(ServerState.CHECKING, null, "");

        static Seen of(ServerStatus status) {
            ServerState state = status.ready() ? ServerState.READY
                    : !status.reachable() ? ServerState.NOT_RUNNING
                    : status.model() == null ? ServerState.NO_MODEL : ServerState.PROBLEM;
            return new Seen(state, status.model(), UserText.sentence(status.problem().orElse("")));
        }

        /** Whether the banner shows: something stops answers and the window says what. */
        boolean banner() {
            return !sentence.isEmpty();
        }
    }

    private final UiExecutor ui;
    private final ModelServer server;
    private final String name;
    private final ReadOnlyObjectWrapper<Seen> seen = new ReadOnlyObjectWrapper<>(this, "seen", Seen.NOT_LOOKED);
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final StringBinding statusLine;
    private final StringBinding problem;
    private final BooleanBinding bannerVisible;
    private final BooleanBinding ready;
    private final BooleanBinding unreachable;
    private boolean again;
    private final javafx.collections.ObservableList<String> models = javafx.collections.FXCollections.observableArrayList();
    /** The installed models that only embed (the listing's rule, {@code ModelSelection.looksLikeEmbedding}). */
    private final javafx.collections.ObservableList<String> embeddingModels = javafx.collections.FXCollections.observableArrayList();
    /** One wrapper, kept: it listens to {@link #models} weakly, so a wrapper made per call could be
     *  collected together with the listeners added to it. */
    private final javafx.collections.ObservableList<String> modelsView =
            javafx.collections.FXCollections.unmodifiableObservableList(models);
    private final javafx.collections.ObservableList<String> embeddingModelsView =
            javafx.collections.FXCollections.unmodifiableObservableList(embeddingModels);

    public ModelStatusViewModel(UiExecutor ui, ModelServer server) {
        this.ui = ui;
        this.server = server;
        this.name = server.displayName();
        statusLine = Bindings.createStringBinding(() -> statusLineOf(seen.get()), seen);
        problem = Bindings.createStringBinding(() -> seen.get().sentence(), seen);
        bannerVisible = Bindings.createBooleanBinding(() -> seen.get().banner(), seen);
        ready = Bindings.createBooleanBinding(() -> seen.get().state() == ServerState.READY, seen);
        unreachable = Bindings.createBooleanBinding(() -> seen.get().state() == ServerState.NOT_RUNNING, seen);
    }

    private String statusLineOf(Seen s) {
        return name + ": " + switch (s.state()) {
            case CHECKING -> "checking…";
            case READY -> s.model() + " ✓";
            case NOT_RUNNING -> "not running";
            case NO_MODEL -> "no model";
            case PROBLEM -> s.model() + " — problem";
            case UNKNOWN -> "unknown";
        };
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

    /**
     * The model just answered (a question, a sleep-time step): when the window still shows a
     * problem, it has gone, or changed — look again, so the banner says what is true now.
     */
    public void workedJustNow() {
        if (seen.get().state() != ServerState.READY) {
            refresh();
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
        ui.run(server::check, this::apply, e -> {
            // check() promises not to throw; if it does anyway, say so without a stack trace
            log.error("Checking the model server failed", e);
            checking.set(false);
            seen.set(new Seen(ServerState.UNKNOWN, null, "Ponder could not check the model server — see the log for details."));
            checkAgainIfAsked();
        });
    }

    private void apply(ServerStatus status) {
        checking.set(false);
        if (status.reachable()) {
            models.setAll(status.chatModels());
            embeddingModels.setAll(status.models().stream().filter(m -> !status.chatModels().contains(m)).toList());
        }
        seen.set(Seen.of(status));
        checkAgainIfAsked();
    }

    /** The server's embedding-only models as it lists them (e.g. {@code bge-m3:latest}), refreshed with each check. */
    public javafx.collections.ObservableList<String> embeddingModels() {
        return embeddingModelsView;
    }

    /** The one state the status line and the banner are derived from. */
    public ReadOnlyObjectProperty<Seen> seenProperty() {
        return seen.getReadOnlyProperty();
    }

    /** "Ollama: llama3.2 ✓", "Ollama: not running", "Ollama: checking…". */
    public StringBinding statusLineProperty() {
        return statusLine;
    }

    /** The server's sentence about what stops answers, with the fix; empty when all is well. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding bannerVisibleProperty() {
        return bannerVisible;
    }

    public BooleanBinding readyProperty() {
        return ready;
    }

    /** True once a check found no server answering at all (not installed or not started); false while unknown. */
    public BooleanBinding unreachableProperty() {
        return unreachable;
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
