package dev.ponder.ui;

import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.ServerEmbedder;
import dev.ponder.search.EmbeddingService;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The embedding-model choice in Settings: the built-in model or one of the server's embedding
 * models, and how far the library's move to the chosen one has got (one sentence, also shown under
 * the library while it runs). Choosing takes effect on Save ({@link #apply()}). Never touches a node.
 */
public final class EmbeddingModelViewModel {

    private final EmbeddingService service;
    private final ModelStatusViewModel status;
    private final ObservableList<String> choices = FXCollections.observableArrayList();
    private final StringProperty chosen = new SimpleStringProperty(this, "chosen");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyBooleanWrapper moving = new ReadOnlyBooleanWrapper(this, "moving");

    /** @param ui where the service's progress (reported on its own thread) is applied */
    public EmbeddingModelViewModel(UiExecutor ui, EmbeddingService service, ModelStatusViewModel status) {
        this.service = service;
        this.status = status;
        status.embeddingModels().addListener((javafx.collections.ListChangeListener<String>) c -> updateChoices());
        service.addListener(st -> ui.onUi(() -> show(st)));
        show(service.status());
        reset();
    }

    /** Selects the model the library uses, or is moving to. */
    public void reset() {
        EmbeddingService.Status st = service.status();
        chosen.set(st.target().orElse(st.active()));
        updateChoices();
    }

    /** Moves the library to the chosen model, when it is another one (in the background). */
    public void apply() {
        EmbeddingService.Status st = service.status();
        String wanted = chosen.get();
        if (wanted != null && !wanted.equals(st.target().orElse(st.active()))) {
            service.choose(wanted);
        }
    }

    private void updateChoices() {
        List<String> ids = new ArrayList<>();
        ids.add(MiniLmEmbedder.MODEL_ID);
        String prefix = status.ollama() ? ServerEmbedder.OLLAMA : ServerEmbedder.OPENAI;
        status.embeddingModels().forEach(name -> ids.add(prefix + shortName(name)));
        EmbeddingService.Status st = service.status();
        for (String known : new String[] {st.active(), st.target().orElse(null), chosen.get()}) {
            if (known != null && !ids.contains(known)) {
                ids.add(known);  // in use or chosen, not listed now: still shown
            }
        }
        String keep = chosen.get();
        choices.setAll(ids);
        chosen.set(keep);
    }

    private void show(EmbeddingService.Status st) {
        moving.set(st.target().isPresent());
        if (st.target().isEmpty()) {
            progress.set(st.active().equals(MiniLmEmbedder.MODEL_ID)
                    ? "Built in: works offline; it reads English, so other languages are found by their words."
                    : "Your library is embedded with " + name(st.active()) + ".");
        } else if (st.problem().isPresent()) {
            progress.set(UserText.sentence(st.problem().get()) + " Questions use " + name(st.active())
                    + " meanwhile; the move to " + name(st.target().get()) + " goes on at the next start.");
        } else {
            NumberFormat n = NumberFormat.getIntegerInstance(Locale.getDefault());
            progress.set("Embedding your library with " + name(st.target().get()) + ": " + n.format(st.done())
                    + " of " + n.format(st.total()) + " done. Questions use " + name(st.active()) + " until then.");
        }
    }

    /** How a model id reads: "all-MiniLM-L6-v2 (built in)", "bge-m3". */
    public static String name(String id) {
        if (id.equals(MiniLmEmbedder.MODEL_ID)) {
            return "all-MiniLM-L6-v2 (built in)";
        }
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(colon + 1);
    }

    private static String shortName(String name) {
        return name.endsWith(":latest") ? name.substring(0, name.length() - ":latest".length()) : name;
    }

    /** Model ids to pick from: the built-in model first, then the server's embedding models. */
    public ObservableList<String> choices() {
        return choices;
    }

    public StringProperty chosenProperty() {
        return chosen;
    }

    /** Where the library's embedding stands, one or two sentences. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Whether the library is being moved to another model (or the move is waiting to resume). */
    public ReadOnlyBooleanProperty movingProperty() {
        return moving.getReadOnlyProperty();
    }
}
