package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import dev.ponder.settings.Settings;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The first-run card in the chat area, shown while the model server cannot be reached and the library is
 * empty: what Ollama is, where to get it (opened only when clicked), the exact {@code ollama pull}
 * command for the recommended model with a copy button, and Retry. When Ponder is set to use an
 * OpenAI-compatible server instead, the card says to start that server (or choose Ollama in
 * Settings) and offers Retry; nothing about installing Ollama.
 */
final class OnboardingCard extends VBox {

    /** Where Ollama is downloaded. */
    static final String DOWNLOAD_URL = "https://ollama.com/download";
    /** The command that installs the recommended model. */
    static final String PULL_COMMAND = "ollama pull " + Settings.RECOMMENDED_MODEL;

    OnboardingCard(ModelStatusViewModel status, Consumer<String> browser) {
        setId("onboarding");
        getStyleClass().add("onboarding");
        setAlignment(Pos.CENTER_LEFT);
        setMaxWidth(560);
        setMaxHeight(Region.USE_PREF_SIZE);

        Button retry = Shown.keepsItsLabel(new Button());
        retry.setId("onboarding-retry");
        retry.getStyleClass().add(Styles.ACCENT);
        retry.textProperty().bind(Bindings.when(status.checkingProperty()).then("Checking…").otherwise("Retry"));
        retry.disableProperty().bind(status.checkingProperty());
        retry.setOnAction(e -> status.check());
        Label problem = paragraph("");
        problem.setId("onboarding-problem");
        problem.getStyleClass().add(Styles.TEXT_MUTED);
        problem.textProperty().bind(status.problemProperty());
        if (!status.ollama()) {
            Label title = new Label("Ponder cannot reach your model server");
            title.getStyleClass().add(Styles.TITLE_3);
            Label what = paragraph("Ponder is set to use an OpenAI-compatible server (LM Studio, llama.cpp's "
                    + "llama-server, vLLM, …). Start it and load a chat model, then press Retry. To use Ollama "
                    + "instead, choose it in Edit ▸ Settings. Your documents can be added meanwhile.");
            what.setId("onboarding-what");
            getChildren().addAll(title, what, retry, problem);
            return;
        }
        Label title = new Label("Ponder needs Ollama to answer");
        title.getStyleClass().add(Styles.TITLE_3);
        Label what = paragraph("Ollama runs language models on your own computer, so your documents never "
                + "leave it. Ponder asks it your questions and, while you are away, lets it think about your "
                + "documents.");
        Label step1 = paragraph("1. Install Ollama and start it:");
        Hyperlink download = new Hyperlink(DOWNLOAD_URL);
        download.setId("onboarding-download");
        download.setOnAction(e -> browser.accept(DOWNLOAD_URL));
        Label step2 = paragraph("2. Get the recommended model (about 2 GB) in a terminal:");
        Label command = new Label(PULL_COMMAND);
        command.setId("onboarding-command");
        command.getStyleClass().add("onboarding-command");
        Button copy = Shown.keepsItsLabel(new Button("Copy"));
        copy.setId("onboarding-copy");
        copy.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(PULL_COMMAND);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        HBox commandRow = new HBox(8, command, copy);
        commandRow.setAlignment(Pos.CENTER_LEFT);
        Label step3 = paragraph("3. Then press Retry. Your documents can be added meanwhile.");
        getChildren().addAll(title, what, step1, download, step2, commandRow, step3, retry, problem);
    }

    private static Label paragraph(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
