package dev.ponder.ui;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The sleep-time part of the insights panel: what Ponder is doing while the user is away, with
 * "Think now" and a pause switch, and for the shown documents their c′ summary and anticipated
 * questions; clicking a question asks it in the chat.
 */
final class SleepTimePane extends VBox {

    /** From how many anticipated questions on a filter field helps find one. */
    static final int FILTER_FROM = 6;

    /** @param canAsk whether the chat takes a question now (not while an answer streams) */
    SleepTimePane(SleepTimeViewModel vm, ObservableBooleanValue canAsk) {
        getStyleClass().add("sleep-time-pane");
        setId("sleep-time");

        Label title = new Label("While you're away");
        title.getStyleClass().add("pane-title");

        Label sentence = Shown.wrapping(new Label());
        sentence.setId("sleep-sentence");
        sentence.textProperty().bind(vm.sentenceProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("sleep-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.getStyleClass().add(Styles.SMALL);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.progressProperty().greaterThanOrEqualTo(0));
        progress.managedProperty().bind(progress.visibleProperty());

        Button thinkNow = Shown.keepsItsLabel(new Button("Think now"));
        thinkNow.setId("think-now");
        thinkNow.getStyleClass().add(Styles.SMALL);
        thinkNow.setOnAction(e -> vm.thinkNow());
        thinkNow.disableProperty().bind(vm.canThinkProperty().not());
        ToggleSwitch pause = Shown.keepsItsLabel(new ToggleSwitch("Pause"));
        pause.setId("sleep-pause");
        pause.setSelected(vm.pausedProperty().get());
        pause.disableProperty().bind(vm.canThinkProperty().not());
        vm.pausedProperty().addListener((o, was, is) -> pause.setSelected(is));
        pause.selectedProperty().addListener((o, was, is) -> {
            if (is != vm.pausedProperty().get()) {
                vm.setPaused(is);
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox controls = new HBox(8, thinkNow, gap, pause);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label documentSentence = Shown.wrapping(new Label());
        documentSentence.setId("sleep-document");
        documentSentence.getStyleClass().add(Styles.TEXT_BOLD);
        documentSentence.textProperty().bind(vm.documentSentenceProperty());
        Shown.whenNotEmpty(documentSentence);

        Label summary = Shown.wrapping(new Label());
        summary.setId("learned-context-summary");
        summary.textProperty().bind(vm.summaryProperty());
        Shown.whenNotEmpty(summary);

        Label timeline = Shown.wrapping(new Label());
        timeline.setId("sleep-timeline");
        timeline.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        timeline.textProperty().bind(vm.timelineProperty());
        Shown.whenNotEmpty(timeline);

        Label questionsTitle = Shown.wrapping(new Label());
        questionsTitle.setId("anticipated-title");
        questionsTitle.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        questionsTitle.textProperty().bind(vm.questionsTitleProperty());
        javafx.scene.control.TextField filter = new javafx.scene.control.TextField();
        filter.setId("anticipated-filter");
        filter.setPromptText("Find a question…");
        filter.getStyleClass().add(Styles.SMALL);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Shown.when(filter, Bindings.size(vm.anticipatedQuestions()).greaterThanOrEqualTo(FILTER_FROM));
        // every question in the panel's own scrolling column: no list that scrolls inside it, whose
        // few visible lines took the mouse wheel before the panel did
        VBox questions = new VBox(4);
        questions.setId("anticipated-questions");
        // the same question keeps its link when the list is read again (a baseline measured meanwhile
        // changes only its tooltip): a link replaced under the pointer would swallow the click
        java.util.Map<Long, Hyperlink> links = new java.util.HashMap<>();
        Runnable showQuestions = () -> {
            java.util.Map<Long, Hyperlink> kept = new java.util.HashMap<>();
            questions.getChildren().setAll(vm.shownQuestions().stream().map(q -> {
                Hyperlink link = links.get(q.id());
                if (link == null || !link.getText().equals("› " + q.question())) {
                    link = questionLink(vm, q, canAsk);
                } else {
                    link.setUserData(q);
                    link.getTooltip().setText(q.tooltip());
                }
                kept.put(q.id(), link);
                return link;
            }).toList());
            links.keySet().retainAll(kept.keySet());
            links.putAll(kept);
        };
        vm.shownQuestions().addListener((javafx.collections.ListChangeListener<AnticipatedQuestionItem>) c -> showQuestions.run());
        // the pane may be built after the questions were read (once the library list shows)
        showQuestions.run();
        VBox anticipated = new VBox(4, questionsTitle, filter, questions);
        anticipated.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.anticipatedQuestions()));
        anticipated.managedProperty().bind(anticipated.visibleProperty());

        setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(new Separator(), title, sentence, progress, controls, documentSentence, summary,
                timeline, anticipated);
    }

    /** One anticipated question: a link that asks it in the chat, its measured baseline cost on hover. */
    private static Hyperlink questionLink(SleepTimeViewModel vm, AnticipatedQuestionItem q, ObservableBooleanValue canAsk) {
        Hyperlink link = new Hyperlink(q.label());
        link.getStyleClass().add("anticipated-question");
        if (!q.confirmed()) {
            link.getStyleClass().add("not-confirmed");
        }
        link.setWrapText(true);
        link.setMinHeight(Region.USE_PREF_SIZE);
        link.setMaxWidth(Double.MAX_VALUE);
        link.setUserData(q);
        Tooltip tip = new Tooltip(q.tooltip());
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        tip.setShowDelay(Duration.millis(400));
        link.setTooltip(tip);
        link.disableProperty().bind(Bindings.createBooleanBinding(() -> !canAsk.get(), canAsk));
        link.setOnAction(e -> {
            vm.ask(q);
            link.setVisited(false);
        });
        return link;
    }
}
