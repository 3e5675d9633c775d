package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import dev.ponder.store.Citation;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * One question and its answer: the user's bubble, the answer bubble (its Markdown drawn again as
 * it streams), citation chips, an error with Retry, and under the bubble how it was answered (a
 * mark per mode, query predictability, tokens, time), "Ask the model" for a prepared answer, Copy.
 */
final class ExchangeView extends VBox {

    private static final double BUBBLE_MAX_WIDTH = 680;
    /** Longest wait before a streaming answer's Markdown is drawn again (ms). */
    static final double REDRAW_MS = 100;

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

        MarkdownView answer = new MarkdownView(vm::openLink);
        answer.getStyleClass().addAll("answer-text");
        answer.visibleProperty().bind(item.answerProperty().isNotEmpty());
        answer.managedProperty().bind(answer.visibleProperty());
        followAnswer(answer);

        HBox thinking = waitingRow();

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
        copy.setOnAction(e -> copyAnswer());
        ContextMenu menu = new ContextMenu(copy);
        bubble.setOnContextMenuRequested(e -> menu.show(bubble, e.getScreenX(), e.getScreenY()));

        VBox answerColumn = new VBox(bubble, footerRow());
        answerColumn.getStyleClass().add("answer-column");
        answerColumn.setMaxWidth(BUBBLE_MAX_WIDTH);
        HBox answerRow = new HBox(answerColumn);
        answerRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(answerColumn, Priority.ALWAYS);

        getChildren().addAll(questionRow, answerRow);
    }

    /**
     * While no word has come: "Reading your documents…", then "Waiting for the model — nothing
     * received for 12 s", counting each second, with Stop beside it (a hung model server is
     * otherwise minutes of a still bubble).
     */
    private HBox waitingRow() {
        Label waiting = new Label(item.waitingSentence());
        waiting.getStyleClass().addAll("thinking", Styles.TEXT_MUTED);
        waiting.setWrapText(true);
        waiting.setMinHeight(Region.USE_PREF_SIZE);
        Button stop = new Button("Stop");
        stop.getStyleClass().addAll("waiting-stop", Styles.SMALL, Styles.FLAT);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.setOnAction(e -> vm.stop());
        HBox row = new HBox(8, waiting, stop);
        row.getStyleClass().add("waiting-row");
        row.setAlignment(Pos.CENTER_LEFT);
        javafx.beans.binding.BooleanBinding noWordYet = item.answerProperty().isEmpty()
                .and(item.phaseProperty().isEqualTo(ExchangeItem.Phase.STREAMING));
        Shown.when(row, noWordYet);
        Shown.when(stop, Bindings.createBooleanBinding(() -> noWordYet.get()
                && waiting.getText().startsWith("Waiting"), noWordYet, waiting.textProperty()));
        javafx.animation.Timeline count = new javafx.animation.Timeline(new javafx.animation.KeyFrame(Duration.seconds(1),
                e -> waiting.setText(item.waitingSentence())));
        count.setCycleCount(Animation.INDEFINITE);
        noWordYet.addListener((o, was, is) -> {
            if (!is) {
                count.stop();
            }
        });
        if (noWordYet.get()) {
            count.play();
        }
        return row;
    }

    /**
     * Redraws the Markdown as the answer grows, at most every {@link #REDRAW_MS} while it streams
     * (a fast model sends many pieces a second; parsing and laying out each would waste the UI
     * thread), and at once when it finishes.
     */
    private void followAnswer(MarkdownView answer) {
        PauseTransition wait = new PauseTransition(Duration.millis(REDRAW_MS));
        wait.setOnFinished(e -> answer.setMarkdown(item.answer()));
        item.answerProperty().addListener((o, a, b) -> {
            if (item.phase() != ExchangeItem.Phase.STREAMING) {
                wait.stop();
                answer.setMarkdown(b);
            } else if (wait.getStatus() != Animation.Status.RUNNING) {
                wait.playFromStart();
            }
        });
        item.phaseProperty().addListener((o, a, b) -> {
            if (b != ExchangeItem.Phase.STREAMING) {
                wait.stop();
                answer.setMarkdown(item.answer());
            }
        });
        answer.setMarkdown(item.answer());
    }

    /** Mode mark, numbers, "Ask the model" (prepared answers) and Copy, under the bubble. */
    private HBox footerRow() {
        Label mark = new Label();
        mark.getStyleClass().addAll("mode-mark", Styles.TEXT_SMALL);
        mark.setMinWidth(Region.USE_PREF_SIZE);
        mark.textProperty().bind(item.modeMarkProperty());
        Shown.when(mark, item.modeMarkProperty().isNotEmpty());
        item.modeProperty().addListener((o, a, m) -> styleMode(mark, m));
        styleMode(mark, item.mode());

        Label footer = new Label();
        footer.getStyleClass().addAll("answer-footer", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        footer.setWrapText(true);
        footer.setMinHeight(Region.USE_PREF_SIZE);
        footer.textProperty().bind(item.footerProperty());
        Shown.when(footer, item.footerProperty().isNotEmpty());
        HBox.setHgrow(footer, Priority.ALWAYS);
        footer.setMaxWidth(Double.MAX_VALUE);

        Button askModel = new Button("Ask the model");
        askModel.getStyleClass().addAll("ask-model-button", Styles.SMALL, Styles.FLAT, Styles.ACCENT);
        askModel.setMinWidth(Region.USE_PREF_SIZE);
        askModel.setTooltip(new Tooltip("Have the model answer this question now, with what it learned (uses test-time tokens)"));
        askModel.setOnAction(e -> vm.askModel(item));
        askModel.disableProperty().bind(vm.stateProperty().isNotEqualTo(ChatViewModel.ChatState.READY));
        Shown.when(askModel, item.modeProperty().isEqualTo(ExchangeItem.AnswerMode.PREPARED)
                .and(item.phaseProperty().isEqualTo(ExchangeItem.Phase.ANSWERED)));

        Button copy = new Button("Copy");
        copy.getStyleClass().addAll("copy-button", Styles.SMALL, Styles.FLAT);
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setTooltip(new Tooltip("Copy the answer (Markdown)"));
        copy.setOnAction(e -> copyAnswer());
        Shown.when(copy, item.answerProperty().isNotEmpty().and(item.phaseProperty().isNotEqualTo(ExchangeItem.Phase.STREAMING)));

        HBox row = new HBox(mark, footer, askModel, copy);
        row.getStyleClass().add("answer-footer-row");
        row.setAlignment(Pos.CENTER_LEFT);
        Shown.when(row, item.phaseProperty().isNotEqualTo(ExchangeItem.Phase.STREAMING)
                .and(item.footerProperty().isNotEmpty().or(item.answerProperty().isNotEmpty())));
        return row;
    }

    private static void styleMode(Label mark, ExchangeItem.AnswerMode mode) {
        mark.getStyleClass().removeAll("mode-prepared", "mode-learned-context", "mode-baseline",
                "mode-raw-context");
        if (mode != null && mode != ExchangeItem.AnswerMode.OTHER) {
            mark.getStyleClass().add("mode-" + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
    }

    /** The answer's Markdown source to the clipboard. */
    private void copyAnswer() {
        ClipboardContent content = new ClipboardContent();
        content.putString(item.answer());
        Clipboard.getSystemClipboard().setContent(content);
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
