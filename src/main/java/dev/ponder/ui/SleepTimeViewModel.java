package dev.ponder.ui;

import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.DocumentSleepState;
import dev.ponder.sleeptime.SleepTimeListener;
import dev.ponder.sleeptime.SleepTimeStatus;
import dev.ponder.store.AnticipatedQuestion;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the sleep-time pane: what Ponder is doing while the user is away ("You're active —
 * thinking paused", "Thinking about report.pdf — section 3 of 7"), its progress, the pause switch,
 * and for the document shown in the insights panel its learned context c′ summary and anticipated
 * questions. No nodes: unit-testable without a window.
 */
public final class SleepTimeViewModel {

    private final UiExecutor ui;
    private final SleepTimeAccess sleepTime;
    private final ReadOnlyStringWrapper sentence = new ReadOnlyStringWrapper("");
    /** 0..1 while thinking; -1 when there is no progress to show. */
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper documentSentence = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<String> anticipated = FXCollections.observableArrayList();
    private final ObservableList<String> anticipatedView = FXCollections.unmodifiableObservableList(anticipated);
    private Optional<Long> shownDocument = Optional.empty();

    private final SleepTimeListener listener = new SleepTimeListener() {
        @Override
        public void statusChanged(SleepTimeStatus status) {
            ui.onUi(() -> apply(status));
        }

        @Override
        public void documentChanged(DocumentSleepState state) {
            ui.onUi(() -> {
                if (shownDocument.filter(id -> id == state.documentId()).isPresent()) {
                    refreshDocument();
                }
            });
        }
    };

    SleepTimeViewModel(UiExecutor ui, SleepTimeAccess sleepTime) {
        this.ui = ui;
        this.sleepTime = sleepTime;
    }

    /** Starts following sleep-time; call once, on the UI thread. */
    public void start() {
        sleepTime.addListener(listener);
        ui.run(sleepTime::status, this::apply, e -> { });
    }

    public void dispose() {
        sleepTime.removeListener(listener);
    }

    /** Think now, whether or not the user is idle ("Think now"). */
    public void thinkNow() {
        ui.run(sleepTime::thinkNow, e -> { });
    }

    /** The pause switch: no sleep-time work while paused. */
    public void setPaused(boolean pause) {
        paused.set(pause);
        ui.run(pause ? sleepTime::pause : sleepTime::resume, e -> { });
    }

    /** Shows the sleep-time insights of a document (the one in the insights panel), or none. */
    public void showDocument(Optional<Long> documentId) {
        shownDocument = documentId;
        refreshDocument();
    }

    private void refreshDocument() {
        Optional<Long> id = shownDocument;
        if (id.isEmpty()) {
            documentSentence.set("");
            summary.set("");
            anticipated.clear();
            return;
        }
        ui.run(() -> sleepTime.insights(id.get()), insights -> {
            if (shownDocument.equals(id)) {
                applyInsights(insights);
            }
        }, e -> { });
    }

    private void applyInsights(Optional<DocumentInsights> insights) {
        documentSentence.set(insights.map(i -> i.state().sentence()).orElse(""));
        summary.set(insights.flatMap(DocumentInsights::learnedContext).map(c -> c.summary()).orElse(""));
        List<String> questions = insights.map(i -> i.anticipatedQuestions().stream()
                .map(AnticipatedQuestion::question).toList()).orElse(List.of());
        anticipated.setAll(questions);
    }

    private void apply(SleepTimeStatus status) {
        sentence.set(status.sentence());
        progress.set(status.total() > 0 ? status.fraction() : -1);
        paused.set(sleepTime.paused());
    }

    public ReadOnlyStringProperty sentenceProperty() {
        return sentence.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** The shown document's sleep-time state in words, e.g. "Ready: 10 questions anticipated". */
    public ReadOnlyStringProperty documentSentenceProperty() {
        return documentSentence.getReadOnlyProperty();
    }

    /** The shown document's c′ summary, empty before sleep-time has written it. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The shown document's anticipated questions. */
    public ObservableList<String> anticipatedQuestions() {
        return anticipatedView;
    }
}
