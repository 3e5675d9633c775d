package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import dev.ponder.store.Citation;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One question and its answer: the user's bubble, the answer bubble (its text grows in place while
 * it streams), citation chips, a footer with mode, tokens and time, or an error with Retry.
 */
final class ExchangeView extends VBox {

    private static final double BUBBLE_MAX_WIDTH = 680;

    private final ExchangeItem item;
    private final ChatViewModel vm;
    private final FlowPane chips = new FlowPane();

    ExchangeView(ExchangeItem item, ChatViewModel vm) {
        this.item = item;
        this.vm = vm;
        getStyleClass().add("exchange");

        Label question = new Label(item.question());
        question.getStyleClass().addAll("bubble", "question-bubble");
        question.setWrapText(true);
        question.setMaxWidth(BUBBLE_MAX_WIDTH);
        question.setMinHeight(Region.USE_PREF_SIZE);
        HBox questionRow = new HBox(question);
        questionRow.setAlignment(Pos.CENTER_RIGHT);
        questionRow.getStyleClass().add("question-row");

        Label answer = new Label();
        answer.getStyleClass().addAll("answer-text");
        answer.setWrapText(true);
        answer.setMinHeight(Region.USE_PREF_SIZE);
        answer.textProperty().bind(item.answerProperty());
        answer.visibleProperty().bind(item.answerProperty().isNotEmpty());
        answer.managedProperty().bind(answer.visibleProperty());

        Label thinking = new Label("Reading your documents…");
        thinking.getStyleClass().addAll("thinking", Styles.TEXT_MUTED);
        thinking.visibleProperty().bind(item.answerProperty().isEmpty()
                .and(item.phaseProperty().isEqualTo(ExchangeItem.Phase.STREAMING)));
        thinking.managedProperty().bind(thinking.visibleProperty());

        chips.getStyleClass().add("citations");
        chips.visibleProperty().bind(Bindings.isNotEmpty(item.citations()));
        chips.managedProperty().bind(chips.visibleProperty());
        item.citations().addListener((ListChangeListener<Citation>) c -> rebuildChips());
        rebuildChips();

        Label error = new Label();
        error.getStyleClass().addAll("answer-error", Styles.DANGER);
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(item.errorProperty());
        HBox.setHgrow(error, Priority.ALWAYS);
        Button retry = new Button("Retry");
        retry.getStyleClass().addAll("retry-button", Styles.SMALL);
        retry.setMinWidth(Region.USE_PREF_SIZE);
        retry.setOnAction(e -> vm.retry(item));
        retry.disableProperty().bind(vm.stateProperty().isNotEqualTo(ChatViewModel.ChatState.READY));
        HBox errorRow = new HBox(error, retry);
        errorRow.getStyleClass().add("error-row");
        errorRow.setAlignment(Pos.CENTER_LEFT);
        errorRow.visibleProperty().bind(item.phaseProperty().isEqualTo(ExchangeItem.Phase.FAILED));
        errorRow.managedProperty().bind(errorRow.visibleProperty());

        VBox bubble = new VBox(thinking, answer, chips, errorRow);
        bubble.getStyleClass().addAll("bubble", "answer-bubble");
        bubble.setMaxWidth(BUBBLE_MAX_WIDTH);
        item.phaseProperty().addListener((o, a, b) -> stylePhase(bubble));
        stylePhase(bubble);
        MenuItem copy = new MenuItem("Copy answer");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(item.answer());
            Clipboard.getSystemClipboard().setContent(content);
        });
        ContextMenu menu = new ContextMenu(copy);
        bubble.setOnContextMenuRequested(e -> menu.show(bubble, e.getScreenX(), e.getScreenY()));

        Label footer = new Label();
        footer.getStyleClass().addAll("answer-footer", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        footer.setWrapText(true);
        footer.textProperty().bind(item.footerProperty());
        footer.visibleProperty().bind(item.footerProperty().isNotEmpty());
        footer.managedProperty().bind(footer.visibleProperty());

        VBox answerColumn = new VBox(bubble, footer);
        answerColumn.getStyleClass().add("answer-column");
        answerColumn.setMaxWidth(BUBBLE_MAX_WIDTH);
        HBox answerRow = new HBox(answerColumn);
        answerRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(answerColumn, Priority.ALWAYS);

        getChildren().addAll(questionRow, answerRow);
    }

    private void stylePhase(VBox bubble) {
        bubble.getStyleClass().removeAll("streaming", "answered", "failed", "stopped");
        bubble.getStyleClass().add(item.phase().name().toLowerCase(java.util.Locale.ROOT));
    }

    private void rebuildChips() {
        chips.getChildren().clear();
        String source = item.citationSource();
        if (!source.isEmpty()) {
            Label from = new Label(source);
            from.getStyleClass().addAll("citation-source", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            chips.getChildren().add(from);
        }
        for (Citation c : item.citations()) {
            Button chip = new Button(item.citationLabel(c));
            chip.getStyleClass().addAll("citation-chip", Styles.SMALL, Styles.ROUNDED);
            chip.setFocusTraversable(false);
            chip.setOnAction(e -> vm.openCitation(c, item.answer()));
            chips.getChildren().add(chip);
        }
    }
}
