package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Edit ▸ Settings… (Ctrl+,): the model server (Ollama, or an OpenAI-compatible server with its
 * address and optional key), models, the answer deadline, sleep-time and test-time settings, and the
 * data folder (used from the next start). Labels use plain words; each field's help gives the
 * paper's notation (k, M, b, w). Save is enabled only when everything typed is valid; the first
 * problem is shown in one sentence under the fields.
 */
final class SettingsDialog extends Dialog<ButtonType> {

    /** The model-server choices as shown. */
    static final String OLLAMA = "Ollama";
    static final String OPENAI = "OpenAI-compatible server";
    /** Screen height, in px, left for the window's title, the sentences under the fields and Save and Cancel. */
    private static final double ROOM_BESIDE_FIELDS = 200;

    /** @param embedding the embedding-model choice, or {@code null} to leave it out */
    SettingsDialog(Window owner, SettingsViewModel vm, EmbeddingModelViewModel embedding) {
        initOwner(owner);
        setTitle("Settings");
        setHeaderText(null);
        setResizable(true);
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints inputs = new javafx.scene.layout.ColumnConstraints();
        inputs.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, inputs);
        int row = 0;
        row = section(grid, row, "Models");
        row = serverRows(grid, row, vm);
        row = field(grid, row, "Test-time model", picker("settings-model", vm, vm.modelProperty(),
                vm.serverIsOllama()
                        ? "Automatic (" + dev.ponder.settings.Settings.RECOMMENDED_MODEL + " or the first chat model)"
                        : "Automatic (the server's first chat model)"),
                "Answers your questions; a small, fast model keeps answers quick.");
        row = field(grid, row, "Sleep-time model", picker("settings-sleep-model", vm, vm.sleepModelProperty(),
                "Same as the test-time model"), "Thinks while you are away; its speed does not matter.");
        if (embedding != null) {
            row = embeddingRow(grid, row, embedding);
        }
        row = field(grid, row, SettingsViewModel.DEADLINE, text("settings-deadline", vm.answerDeadlineProperty()),
                "How long Ponder waits for the model's first word before it gives up; a model that is still "
                        + "loading on a slow computer can take minutes.");
        row = section(grid, row, "While you're away (sleep-time)");
        row = field(grid, row, SettingsViewModel.IDLE, text("settings-idle", vm.idleSecondsProperty()),
                "How long without input before Ponder thinks about your documents (the idle threshold).");
        row = field(grid, row, SettingsViewModel.DRAFTS, text("settings-k", vm.sleepGenerationsProperty()),
                "1 to 5. Ponder anticipates your questions this many times, independently, and keeps the best: more "
                        + "finds more of the questions you will ask, at more sleep-time tokens (k, parallel generations "
                        + "in Lin et al. 2025; gains up to about 5).");
        row = field(grid, row, SettingsViewModel.QUESTIONS_PER_DRAFT, text("settings-m",
                vm.anticipatedQuestionsProperty()), "How many questions each draft anticipates, each with a prepared "
                        + "answer (M).");
        row = section(grid, row, "Answering (test-time)");
        row = field(grid, row, SettingsViewModel.ANSWER_LENGTH, text("settings-answer-tokens", vm.answerTokensProperty()),
                "The longest answer the model may write (the test-time budget b).");
        row = field(grid, row, SettingsViewModel.READING_LIMIT, text("settings-context", vm.maxContextTokensProperty()),
                "The most the model reads and writes for one question, in tokens: the context window Ponder asks for "
                        + "(num_ctx), never more than the model's own.");
        row = field(grid, row, SettingsViewModel.MATCH, text("settings-threshold", vm.preparedThresholdProperty()),
                "0 to 1: how close a question must be to an anticipated one for its prepared answer to be served at "
                        + "once, with no work for the model (query predictability, cosine similarity).");
        row = field(grid, row, SettingsViewModel.WEIGHT, text("settings-weight", vm.testTimeWeightProperty()),
                "In the savings figures an answer token (test-time) costs this many sleep-time tokens: w in "
                        + "cost = w × test-time tokens + sleep-time tokens (10 in Lin et al. 2025).");
        row = section(grid, row, "Library");
        row = field(grid, row, "Languages of scanned pages", text("settings-ocr-languages", vm.ocrLanguagesProperty()),
                vm.ocrLanguagesNote());
        field(grid, row, SettingsViewModel.DATA_FOLDER, folderPicker(vm), "Where your library is kept. Takes effect "
                + "the next time Ponder starts; nothing is moved.");

        Label problem = message("settings-problem", Styles.DANGER);
        problem.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> !vm.problemProperty().get().isEmpty() ? vm.problemProperty().get() : vm.saveProblemProperty().get(),
                vm.problemProperty(), vm.saveProblemProperty()));
        Label serverNote = message("settings-server-note", Styles.ACCENT);
        serverNote.textProperty().bind(vm.serverNoteProperty());
        Label folderNote = message("settings-folder-note", Styles.ACCENT);
        folderNote.textProperty().bind(vm.dataFolderNoteProperty());
        // on a low screen the fields scroll, so Save and Cancel stay in sight
        javafx.scene.control.ScrollPane fields = new javafx.scene.control.ScrollPane(grid);
        fields.setFitToWidth(true);
        fields.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        fields.getStyleClass().add("edge-to-edge");
        // its height is capped, so the dialog's own height fits the screen before it is shown (on GTK a
        // shown dialog kept its full height when set lower: Save and Cancel were below a 900-px screen)
        fields.setMaxHeight(javafx.stage.Screen.getPrimary().getVisualBounds().getHeight() - ROOM_BESIDE_FIELDS);
        VBox content = new VBox(10, fields, problem, serverNote, folderNote);
        VBox.setVgrow(fields, javafx.scene.layout.Priority.ALWAYS);
        content.setPadding(new javafx.geometry.Insets(4, 8, 0, 8));
        content.setPrefWidth(620);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button save = (Button) getDialogPane().lookupButton(ButtonType.OK);
        save.setText("Save");
        save.setId("settings-save");
        save.disableProperty().bind(vm.validProperty().not());
        save.addEventFilter(ActionEvent.ACTION, e -> {
            if (!vm.save()) {
                e.consume(); // stays open with the sentence saying why
            } else if (embedding != null) {
                embedding.apply();
            }
        });
        setOnShown(e -> fitTheScreen());
        vm.refreshModels();
    }

    private void fitTheScreen() {
        Window window = getDialogPane().getScene().getWindow();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        if (window.getHeight() > screen.getHeight() - 40) {
            window.setHeight(screen.getHeight() - 40);
            window.setY(screen.getMinY() + 20);
        }
    }

    /** Model server: Ollama or an OpenAI-compatible server, its address, and (for the latter) the API key. */
    private static int serverRows(GridPane grid, int row, SettingsViewModel vm) {
        ChoiceBox<String> server = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(
                OLLAMA, OPENAI));
        server.setId("settings-server");
        server.setValue(vm.openAiProperty().get() ? OPENAI : OLLAMA);
        server.valueProperty().addListener((o, was, now) -> vm.openAiProperty().set(OPENAI.equals(now)));
        vm.openAiProperty().addListener((o, was, now) -> server.setValue(now ? OPENAI : OLLAMA));
        row = field(grid, row, "Model server", server, null);

        TextField ollamaUrl = text("settings-ollama-url", vm.ollamaUrlProperty());
        TextField openAiUrl = text("settings-openai-url", vm.openAiUrlProperty());
        openAiUrl.setPromptText("http://localhost:1234/v1");
        Shown.when(ollamaUrl, vm.openAiProperty().not());
        Shown.when(openAiUrl, vm.openAiProperty());
        Label address = new Label();
        address.textProperty().bind(Bindings.when(vm.openAiProperty()).then("Server address").otherwise("Ollama address"));
        Label addressHint = hint("LM Studio, llama.cpp's llama-server, vLLM or a remote GPU server; "
                + "/v1 is added when the address has no path.");
        Shown.when(addressHint, vm.openAiProperty());
        grid.add(address, 0, row);
        grid.add(new VBox(2, new StackPane(ollamaUrl, openAiUrl), addressHint), 1, row);
        row++;

        PasswordField key = new PasswordField();
        key.setId("settings-api-key");
        key.setPromptText("none");
        key.textProperty().bindBidirectional(vm.apiKeyProperty());
        Label keyName = new Label("API key (optional)");
        VBox keyBox = new VBox(2, key, hint("Local servers need none. Kept in settings.json in the data folder, "
                + "readable only by you; PONDER_API_KEY or --api-key, when set, are used instead."));
        Shown.when(keyName, vm.openAiProperty());
        Shown.when(keyBox, vm.openAiProperty());
        grid.add(keyName, 0, row);
        grid.add(keyBox, 1, row);
        return row + 1;
    }

    /** The embedding model: built in, or one of the server's; under it, where the library stands. */
    private static int embeddingRow(GridPane grid, int row, EmbeddingModelViewModel embedding) {
        ComboBox<String> box = new ComboBox<>(embedding.choices());
        box.setId("settings-embedding-model");
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : EmbeddingModelViewModel.name(id);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        box.valueProperty().bindBidirectional(embedding.chosenProperty());
        Label state = hint("");
        state.setId("settings-embedding-progress");
        state.textProperty().bind(embedding.progressProperty());
        grid.add(new Label("Embedding model"), 0, row);
        grid.add(new VBox(2, box, state, hint("Finds passages by meaning. A multilingual model of your server "
                + "(bge-m3, embeddinggemma) also matches questions and documents in other languages; choosing one "
                + "embeds your library again in the background.")), 1, row);
        return row + 1;
    }

    /** The data folder as a path to type, and Choose… to pick it. */
    private static javafx.scene.layout.HBox folderPicker(SettingsViewModel vm) {
        TextField folder = text("settings-data-dir", vm.dataFolderProperty());
        javafx.scene.layout.HBox.setHgrow(folder, javafx.scene.layout.Priority.ALWAYS);
        Button choose = new Button("Choose…");
        choose.setId("settings-data-dir-choose");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setOnAction(e -> {
            javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
            chooser.setTitle("Data folder");
            java.io.File current = new java.io.File(vm.dataFolderProperty().get().strip());
            if (current.isDirectory()) {
                chooser.setInitialDirectory(current);
            }
            java.io.File chosen = chooser.showDialog(choose.getScene().getWindow());
            if (chosen != null) {
                vm.dataFolderProperty().set(chosen.getAbsolutePath());
            }
        });
        return new javafx.scene.layout.HBox(6, folder, choose);
    }

    private static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        return hint;
    }

    private static int section(GridPane grid, int row, String title) {
        Label label = new Label(title);
        label.getStyleClass().add(Styles.TITLE_4);
        grid.add(label, 0, row, 2, 1);
        return row + 1;
    }

    private static int field(GridPane grid, int row, String name, Node input, String help) {
        grid.add(new Label(name), 0, row);
        if (help == null) {
            grid.add(input, 1, row);
            return row + 1;
        }
        grid.add(new VBox(2, input, hint(help)), 1, row);
        return row + 1;
    }

    private static TextField text(String id, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static ComboBox<String> picker(String id, SettingsViewModel vm, StringProperty value, String automatic) {
        ComboBox<String> box = new ComboBox<>(vm.modelChoices());
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null || name.isEmpty() ? automatic : name;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        box.valueProperty().bindBidirectional(value);
        return box;
    }

    private static Label message(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        Shown.whenNotEmpty(Shown.wrapping(label));
        return label;
    }
}
