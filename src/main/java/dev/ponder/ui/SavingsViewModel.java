package dev.ponder.ui;

import dev.ponder.answer.SavingsReport;
import dev.ponder.sleeptime.DocumentSleepState;
import dev.ponder.sleeptime.SleepTimeListener;
import dev.ponder.sleeptime.SleepTimeStatus;
import java.util.List;
import java.util.OptionalDouble;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Savings (measured)" section of the insights panel, for the documents shown there: sleep-time,
 * test-time and baseline tokens, questions asked and prepared-answer hits, and the cost model of
 * Lin et al. 2025 (§6: cost = w × test-time tokens + sleep-time tokens, per question asked) with and
 * without sleep-time, their ratio and the cumulative cost curve. Every figure comes from a
 * {@link SavingsReport}, i.e. the model server's counts; where a baseline is not measured yet the
 * section says so and estimates nothing. It speaks only of what exists: while sleep-time has
 * prepared nothing (no learned context, no prepared answer), it says so and what was spent, and
 * never that the sleep-time tokens are shared by further questions. Reads off the UI thread; no nodes.
 */
public final class SavingsViewModel {

    /** What the section can say. */
    public enum SavingsState {
        /** No document to account for. */
        NO_DOCUMENTS,
        /** Documents, but no answered question about them yet: only sleep-time tokens to show. */
        NO_QUESTIONS,
        /** Questions asked, none of their baseline costs measured yet: no comparison. */
        NOT_MEASURED,
        /** At least one question has its measured baseline: costs and ratio shown. */
        MEASURED
    }

    static final String NOT_MEASURED_YET = "not measured yet";

    private final SavingsAccess savings;
    private final SleepTimeAccess sleepTime;
    private final Refresh<Figures> refresh;
    private List<Long> documents = List.of();
    private final ReadOnlyObjectWrapper<SavingsState> state = new ReadOnlyObjectWrapper<>(this, "state", SavingsState.NO_DOCUMENTS);
    private final ReadOnlyObjectWrapper<SavingsReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper sleepTimeTokens = new ReadOnlyStringWrapper(this, "sleepTimeTokens", "");
    private final ReadOnlyStringWrapper testTimeTokens = new ReadOnlyStringWrapper(this, "testTimeTokens", "");
    private final ReadOnlyStringWrapper baselineTokens = new ReadOnlyStringWrapper(this, "baselineTokens", "");
    private final ReadOnlyStringWrapper questionsAsked = new ReadOnlyStringWrapper(this, "questionsAsked", "");
    private final ReadOnlyStringWrapper preparedAnswers = new ReadOnlyStringWrapper(this, "preparedAnswers", "");
    private final ReadOnlyStringWrapper costWithSleepTime = new ReadOnlyStringWrapper(this, "costWithSleepTime", "");
    private final ReadOnlyStringWrapper costWithoutSleepTime = new ReadOnlyStringWrapper(this, "costWithoutSleepTime", "");
    private final ReadOnlyStringWrapper weight = new ReadOnlyStringWrapper(this, "weight", "");
    private final ReadOnlyStringWrapper pending = new ReadOnlyStringWrapper(this, "pending", "");
    private final ReadOnlyBooleanWrapper hasCurve = new ReadOnlyBooleanWrapper(this, "hasCurve");
    private final ObservableList<SavingsReport.CostPoint> curve = FXCollections.observableArrayList();
    private final ObservableList<SavingsReport.CostPoint> curveView = FXCollections.unmodifiableObservableList(curve);

    private final SleepTimeListener listener;
    /** A baseline measured while the person is away changes the figures. */
    private final Runnable measured;

    /** @param sleepTime followed so that sleep-time tokens spent show as they are spent */
    SavingsViewModel(UiExecutor ui, SavingsAccess savings, SleepTimeAccess sleepTime) {
        this.savings = savings;
        this.sleepTime = sleepTime;
        this.refresh = new Refresh<>(ui, this::read, this::apply);
        this.measured = () -> ui.onUi(this::refresh);
        this.listener = new SleepTimeListener() {
            @Override
            public void statusChanged(SleepTimeStatus status) {
                ui.onUi(SavingsViewModel.this::refresh);
            }

            @Override
            public void documentChanged(DocumentSleepState state) {
                ui.onUi(() -> {
                    if (documents.contains(state.documentId())) {
                        refresh();
                    }
                });
            }
        };
    }

    /** Follows sleep-time and baseline measurement: both change the figures. Call once, on the UI thread. */
    public void start() {
        sleepTime.addListener(listener);
        savings.addMeasuredListener(measured);
    }

    public void dispose() {
        sleepTime.removeListener(listener);
        savings.removeMeasuredListener(measured);
    }

    /** Accounts for these documents (the library selection, or every document); empty: none. */
    public void showDocuments(List<Long> documentIds) {
        List<Long> ids = List.copyOf(documentIds);
        if (!ids.equals(documents)) {
            documents = ids;
            refresh();
        }
    }

    /**
     * Reads the figures again, off the UI thread: after an answer finished, after sleep-time status
     * changes, when the person comes back (baselines are measured while they are away).
     */
    public void refresh() {
        refresh.request();
    }

    /**
     * The measured report and what sleep-time has prepared for the documents so far.
     *
     * @param learnedContexts documents among them that have a learned context c′
     * @param preparedAnswers anticipated questions with a prepared answer among them
     */
    record Figures(SavingsReport report, int learnedContexts, int preparedAnswers) {

        /** Whether anything exists that further questions can share. */
        boolean prepared() {
            return learnedContexts > 0 || preparedAnswers > 0;
        }
    }

    private Figures read() {
        List<Long> ids = documents;
        SavingsReport r = savings.report(ids);
        int contexts = 0;
        int prepared = 0;
        for (long id : ids) {
            var insights = sleepTime.insights(id);
            if (insights.isPresent()) {
                contexts += insights.get().learnedContext().isPresent() ? 1 : 0;
                prepared += insights.get().anticipatedQuestions().size();
            }
        }
        return new Figures(r, contexts, prepared);
    }

    /** Shows {@code f}; package-private so tests can check the wording of scripted figures. */
    void apply(Figures f) {
        SavingsReport r = f.report();
        report.set(r);
        SavingsState s = documents.isEmpty() ? SavingsState.NO_DOCUMENTS
                : r.questionsAsked() == 0 ? SavingsState.NO_QUESTIONS
                : r.baselinesMeasured() == 0 ? SavingsState.NOT_MEASURED : SavingsState.MEASURED;
        state.set(s);
        sleepTimeTokens.set(tokens(r.sleepTimeTokens()));
        testTimeTokens.set(tokens(r.testTimeTokens()));
        baselineTokens.set(r.baselinesMeasured() == 0 ? NOT_MEASURED_YET
                : tokens(r.baselineTokens()) + (r.baselinesPending() == 0 ? ""
                : " (" + r.baselinesMeasured() + " of " + r.questionsAsked() + " questions)"));
        questionsAsked.set(TokenCounts.exact(r.questionsAsked()));
        preparedAnswers.set(r.questionsAsked() == 0 ? "—"
                : r.preparedAnswers() + " of " + r.questionsAsked());
        // with no question asked there is nothing per question to measure: a dash, not "not measured yet"
        costWithSleepTime.set(s == SavingsState.NO_QUESTIONS ? "—" : cost(r.costPerQueryWithSleepTime()));
        costWithoutSleepTime.set(s == SavingsState.NO_QUESTIONS ? "—" : cost(r.costPerQueryWithoutSleepTime()));
        weight.set("Cost = test-time tokens weighted " + TokenCounts.times(r.weight())
                + " + sleep-time tokens, per question (Lin et al. 2025).");
        headline.set(headline(s, r, f.prepared()));
        pending.set(pendingSentence(r));
        curve.setAll(s == SavingsState.MEASURED ? r.curve() : List.of());
        hasCurve.set(curve.size() >= 2);
    }

    /** @param prepared whether a learned context or a prepared answer exists for the documents */
    private static String headline(SavingsState s, SavingsReport r, boolean prepared) {
        if (s != SavingsState.NO_DOCUMENTS && !prepared && r.sleepTimeTokens() > 0) {
            return "Nothing is prepared yet: " + tokens(r.sleepTimeTokens())
                    + " spent on sleep-time so far, and no learned context or prepared answer is ready.";
        }
        return switch (s) {
            case NO_DOCUMENTS -> "";
            case NO_QUESTIONS -> !prepared || r.sleepTimeTokens() == 0 ? "No question answered yet."
                    : "No question answered yet: the sleep-time tokens pay off as you ask.";
            case NOT_MEASURED -> "Savings " + NOT_MEASURED_YET + ".";
            case MEASURED -> ratioSentence(r.costRatio(), prepared);
        };
    }

    private static String ratioSentence(OptionalDouble ratio, boolean prepared) {
        if (ratio.isEmpty()) {
            return "No cost with sleep-time so far.";
        }
        double x = ratio.getAsDouble();
        if (x >= 1.05) {
            return TokenCounts.times(x) + " less per question with sleep-time";
        }
        if (x > 1 / 1.05) {
            return "About the same cost per question so far";
        }
        String more = TokenCounts.times(1 / x) + " more per question so far";
        return prepared ? more + ": sleep-time tokens are shared by every further question" : more;
    }

    private static String pendingSentence(SavingsReport r) {
        int waiting = r.baselinesPending();
        if (waiting == 0) {
            return "";
        }
        String sentence = "Baseline for " + waiting + " of " + r.questionsAsked()
                + (r.questionsAsked() == 1 ? " question" : " questions")
                + " " + NOT_MEASURED_YET + " — Ponder measures it while you're away.";
        return r.baselinesMeasured() == 0 ? sentence
                : sentence + " The costs cover the " + r.baselinesMeasured() + " measured.";
    }

    private static String tokens(long n) {
        return TokenCounts.exact(n) + " tokens";
    }

    private static String cost(OptionalDouble c) {
        return c.isEmpty() ? NOT_MEASURED_YET : TokenCounts.compact(c.getAsDouble());
    }

    public ReadOnlyObjectProperty<SavingsState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The report shown, null before the first read. */
    public ReadOnlyObjectProperty<SavingsReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** "2.4× less per question with sleep-time", "Savings not measured yet.", … */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** "12,400 tokens". */
    public ReadOnlyStringProperty sleepTimeTokensProperty() {
        return sleepTimeTokens.getReadOnlyProperty();
    }

    /** Test-time tokens of every answered question: "1,230 tokens". */
    public ReadOnlyStringProperty testTimeTokensProperty() {
        return testTimeTokens.getReadOnlyProperty();
    }

    /** Measured baseline tokens, "8,000 tokens (2 of 5 questions)", or "not measured yet". */
    public ReadOnlyStringProperty baselineTokensProperty() {
        return baselineTokens.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty questionsAskedProperty() {
        return questionsAsked.getReadOnlyProperty();
    }

    /** Prepared-answer hits among the questions asked: "3 of 5". */
    public ReadOnlyStringProperty preparedAnswersProperty() {
        return preparedAnswers.getReadOnlyProperty();
    }

    /** Cost per question with sleep-time in weighted tokens ("1,234", "12.4k"), or "not measured yet". */
    public ReadOnlyStringProperty costWithSleepTimeProperty() {
        return costWithSleepTime.getReadOnlyProperty();
    }

    /** Cost per question without sleep-time in weighted tokens, or "not measured yet". */
    public ReadOnlyStringProperty costWithoutSleepTimeProperty() {
        return costWithoutSleepTime.getReadOnlyProperty();
    }

    /** The cost model with w: "Cost = test-time tokens weighted 10× + sleep-time tokens, per question …". */
    public ReadOnlyStringProperty weightProperty() {
        return weight.getReadOnlyProperty();
    }

    /** "Baseline for 2 of 5 questions not measured yet — Ponder measures it while you're away. …", or empty. */
    public ReadOnlyStringProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** True when the curve has a measured question to draw. */
    public ReadOnlyBooleanProperty hasCurveProperty() {
        return hasCurve.getReadOnlyProperty();
    }

    /** Cumulative cost with and without sleep-time after 0, 1, 2 … measured questions (empty before any). */
    public ObservableList<SavingsReport.CostPoint> curve() {
        return curveView;
    }
}
