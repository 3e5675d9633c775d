package dev.ponder.ui;

import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.DocumentSleepState;
import dev.ponder.sleeptime.SleepTimeListener;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SleepTimeStatus;
import dev.ponder.store.AnticipatedQuestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
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
 * and for the documents shown in the insights panel (the library selection, or the whole library)
 * their sleep-time state, the c′ summary (of a single document) and the anticipated questions, each
 * with its measured baseline cost when known; a click asks one in the chat. No nodes: unit-testable
 * without a window.
 */
public final class SleepTimeViewModel {

    /** The status line while the window's banner already says what is wrong with the model server. */
    static final String WAITING_FOR_THE_SERVER = SleepPanelText.WAITING_FOR_THE_SERVER;

    private final UiExecutor ui;
    private final SleepTimeAccess sleepTime;
    private final SavingsAccess savings;
    private final Consumer<String> ask;
    private final ReadOnlyStringWrapper sentence = new ReadOnlyStringWrapper("");
    /** 0..1 while thinking; -1 when there is no progress to show. */
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final javafx.beans.property.ReadOnlyObjectWrapper<SleepTimeState> state =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper documentSentence = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper timeline = new ReadOnlyStringWrapper(this, "timeline", "");
    private final ObservableList<AnticipatedQuestionItem> anticipated = FXCollections.observableArrayList();
    private final ObservableList<AnticipatedQuestionItem> anticipatedView = FXCollections.unmodifiableObservableList(anticipated);
    private final javafx.beans.property.StringProperty filter = new javafx.beans.property.SimpleStringProperty(this, "filter", "");
    private final javafx.collections.transformation.FilteredList<AnticipatedQuestionItem> shownQuestions =
            new javafx.collections.transformation.FilteredList<>(anticipatedView);
    private final ReadOnlyStringWrapper questionsTitle = new ReadOnlyStringWrapper(this, "questionsTitle", "");
    private List<Long> shownDocuments = List.of();
    /** Whether the shown documents are the whole library (nothing selected). */
    private boolean wholeLibrary;
    private List<DocumentInsights> shownInsights = List.of();
    private SleepTimeStatus lastStatus;
    /** Whether the window already shows the model server's problem (banner or first-run card). */
    private javafx.beans.value.ObservableBooleanValue serverProblemShown = new javafx.beans.property.SimpleBooleanProperty();
    private final Refresh<Shown> refresh;
    /** Why the library cannot be written (sleep-time then does not run); null when it can be. */
    private String readOnly;
    private final ReadOnlyBooleanWrapper canThink = new ReadOnlyBooleanWrapper(this, "canThink", true);

    private final SleepTimeListener listener = new SleepTimeListener() {
        @Override
        public void statusChanged(SleepTimeStatus status) {
            ui.onUi(() -> apply(status));
        }

        @Override
        public void documentChanged(DocumentSleepState state) {
            ui.onUi(() -> {
                if (shownDocuments.contains(state.documentId())) {
                    refreshDocuments();
                }
            });
        }
    };

    /**
     * @param savings reads the measured baseline cost of each anticipated question
     * @param ask     asks a clicked anticipated question in the chat
     */
    SleepTimeViewModel(UiExecutor ui, SleepTimeAccess sleepTime, SavingsAccess savings, Consumer<String> ask) {
        this.ui = ui;
        this.sleepTime = sleepTime;
        this.savings = savings;
        this.ask = ask;
        this.refresh = new Refresh<>(ui, this::read, this::applyShown);
        filter.addListener((o, was, is) -> applyFilter());
        anticipated.addListener((javafx.collections.ListChangeListener<AnticipatedQuestionItem>) c -> applyFilter());
    }

    /** Shows the anticipated questions that hold every word typed in the filter, whatever their case. */
    private void applyFilter() {
        String[] words = filter.get() == null ? new String[0]
                : filter.get().strip().toLowerCase(java.util.Locale.ROOT).split("\\s+");
        shownQuestions.setPredicate(q -> {
            String text = (q.question() + " " + q.fileName()).toLowerCase(java.util.Locale.ROOT);
            return java.util.Arrays.stream(words).allMatch(text::contains);
        });
        int all = anticipated.size();
        int shown = shownQuestions.size();
        questionsTitle.set(all == 0 ? "" : shown == all
                ? "Anticipated questions (" + all + ") — click one to ask it"
                : shown == 0 ? "No anticipated question has “" + filter.get().strip() + "” (" + all + " in all)"
                : shown + " of " + all + " anticipated questions — click one to ask it");
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

    /** Asks an anticipated question in the chat, as if the user had typed it. */
    public void ask(AnticipatedQuestionItem question) {
        ask.accept(question.question());
    }

    /**
     * Shows the sleep-time insights of these documents (the library selection, or every document
     * when nothing is selected); empty shows none.
     */
    public void showDocuments(List<Long> documentIds) {
        showDocuments(documentIds, false);
    }

    /**
     * @param wholeLibrary whether {@code documentIds} are every document (nothing selected): then
     *                     the documents' line is left out while the status line already says they
     *                     are all ready
     */
    public void showDocuments(List<Long> documentIds, boolean wholeLibrary) {
        List<Long> ids = List.copyOf(documentIds);
        if (ids.equals(shownDocuments) && wholeLibrary == this.wholeLibrary) {
            return;
        }
        shownDocuments = ids;
        this.wholeLibrary = wholeLibrary;
        // the one document selected is the one the next question is likely about: it is thought about first
        long selected = !wholeLibrary && ids.size() == 1 ? ids.get(0) : -1;
        ui.run(() -> sleepTime.focus(selected), e -> { });
        refreshDocuments();
    }

    /** Reads the shown documents again (e.g. after baseline costs were measured). */
    public void refreshDocuments() {
        refresh.request();
    }

    /** What the pane shows of some documents, read off the UI thread. */
    private record Shown(List<DocumentInsights> insights, Map<Long, Integer> baselines) {
    }

    private Shown read() {
        List<Long> ids = shownDocuments;
        List<DocumentInsights> found = new ArrayList<>();
        for (long id : ids) {
            sleepTime.insights(id).ifPresent(found::add);
        }
        List<Long> questionIds = found.stream().flatMap(i -> i.anticipatedQuestions().stream())
                .map(AnticipatedQuestion::id).toList();
        return new Shown(found, questionIds.isEmpty() ? Map.of() : savings.anticipatedBaselines(questionIds));
    }

    private void applyShown(Shown shown) {
        List<DocumentInsights> insights = shown.insights();
        shownInsights = insights;
        update();
        summary.set(insights.size() == 1
                ? insights.get(0).learnedContext().map(c -> c.summary()).orElse("") : "");
        timeline.set(insights.size() == 1 && !wholeLibrary ? TimelineText.of(insights.get(0)) : "");
        List<AnticipatedQuestionItem> items = new ArrayList<>();
        for (DocumentInsights i : insights) {
            for (AnticipatedQuestion q : i.anticipatedQuestions()) {
                items.add(new AnticipatedQuestionItem(q.id(), q.documentId(), i.state().fileName(), q.question(),
                        Optional.ofNullable(shown.baselines().get(q.id())), q.confirmed(), q.ungroundedTerms()));
            }
        }
        if (!items.equals(anticipated)) {
            anticipated.setAll(items);
        }
    }

    /**
     * The library cannot be written, so sleep-time does not run: the panel says why and what to do
     * instead of what sleep-time would be doing, and Think now and Pause are off. Call on the UI thread.
     *
     * @param why as the end of a sentence: "the disk it is on is mounted read-only"
     */
    void libraryReadOnly(String why) {
        readOnly = why;
        canThink.set(false);
        update();
    }

    /** False while the library is read-only: Think now and Pause would do nothing. */
    public ReadOnlyBooleanProperty canThinkProperty() {
        return canThink.getReadOnlyProperty();
    }

    /** Every line of the panel from the one state they come from ({@link SleepPanelText}). */
    private void update() {
        SleepPanelText text = readOnly != null ? SleepPanelText.readOnly(readOnly, shownInsights)
                : SleepPanelText.of(lastStatus, shownInsights, wholeLibrary, serverProblemShown.get());
        sentence.set(text.sentence());
        documentSentence.set(text.documentSentence());
        progress.set(text.progress());
    }

    /**
     * Follows whether the window shows the model server's problem already: then a sleep-time
     * status that waits for the model says so briefly instead of repeating the problem's sentence.
     */
    public void followServerProblem(javafx.beans.value.ObservableBooleanValue shown) {
        serverProblemShown = shown;
        shown.addListener((o, was, is) -> update());
    }

    private void apply(SleepTimeStatus status) {
        lastStatus = status;
        state.set(status.state());
        update();
        paused.set(sleepTime.paused());
    }

    /** What sleep-time is doing as a whole; null before it first said. */
    public javafx.beans.property.ReadOnlyObjectProperty<SleepTimeState> stateProperty() {
        return state.getReadOnlyProperty();
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

    /**
     * The shown documents' sleep-time state in words: one document's as sleep-time says it ("Ready:
     * 10 questions anticipated"), several summed up ("2 of 3 documents thought about · 18 questions anticipated").
     */
    public ReadOnlyStringProperty documentSentenceProperty() {
        return documentSentence.getReadOnlyProperty();
    }

    /** The c′ summary when one document is shown, empty before sleep-time has written it or for several. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /**
     * What sleep-time spent on the one selected document until its first anticipated question and its
     * learned context, with a laptop-CPU estimate from the measured tokens ({@link TimelineText});
     * empty for several documents or before sleep-time called the model for it.
     */
    public ReadOnlyStringProperty timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    /** Words to find in the anticipated questions (and their documents' names); empty shows them all. */
    public javafx.beans.property.StringProperty filterProperty() {
        return filter;
    }

    /** The anticipated questions the filter lets through, in their order. */
    public ObservableList<AnticipatedQuestionItem> shownQuestions() {
        return shownQuestions;
    }

    /** "Anticipated questions (24) — click one to ask it", "3 of 24 anticipated questions — …", or empty. */
    public ReadOnlyStringProperty questionsTitleProperty() {
        return questionsTitle.getReadOnlyProperty();
    }

    /** The shown documents' anticipated questions, document by document, in their order. */
    public ObservableList<AnticipatedQuestionItem> anticipatedQuestions() {
        return anticipatedView;
    }
}
