package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.answer.SavingsReport;
import dev.ponder.answer.SavingsReport.CostPoint;
import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.DocumentSleepState;
import dev.ponder.sleeptime.LearnedContext;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.sleeptime.SleepTimeListener;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SleepTimeStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The savings section's words and figures for scripted reports, and when it reads them again. */
class SavingsViewModelTest {

    /** Five questions, three prepared, three baselines measured: the paper's cost model by hand. */
    private static final SavingsReport MEASURED = new SavingsReport(12_400, 5, 3, 1_230, 3, 6_000, 800, 10,
            List.of(new CostPoint(0, 12_400, 0), new CostPoint(1, 12_400, 20_000), new CostPoint(2, 12_400, 40_000),
                    new CostPoint(3, 20_400, 60_000)));

    /** A document sleep-time has thought about: a learned context and one prepared answer. */
    private static final DocumentInsights PREPARED = new DocumentInsights(
            new DocumentSleepState(1, "report.pdf", DocumentSleepState.Phase.READY, 1, "Ready: 1 question anticipated",
                    1, Optional.empty()),
            Optional.of(new LearnedContext("Summary.", List.of(), List.of(), List.of(), List.of())), Optional.empty(), 1,
            List.of(new AnticipatedQuestion(1, 1, 1, 0, "How long?", "27 months.", List.of(1), new float[0], 1, 10, 5)),
            100, 50);

    private final List<Collection<Long>> reads = new ArrayList<>();
    /** Whether the shown documents have a learned context and prepared answers; else {@link #nothingPrepared}. */
    private boolean prepared = true;
    private DocumentInsights nothingPrepared;
    private SavingsReport next = MEASURED;
    private final SavingsAccess savings = new SavingsAccess() {
        @Override
        public SavingsReport report(Collection<Long> documentIds) {
            reads.add(List.copyOf(documentIds));
            return next;
        }

        @Override
        public Map<Long, Integer> anticipatedBaselines(Collection<Long> ids) {
            return Map.of();
        }
    };
    /** The shown documents' insights: {@link #PREPARED}, unless a test says nothing is prepared. */
    private final ScriptedSleepTime sleepTime = new ScriptedSleepTime() {
        @Override
        public Optional<DocumentInsights> insights(long documentId) {
            return Optional.ofNullable(prepared ? PREPARED : nothingPrepared);
        }
    };
    private final List<SleepTimeListener> listeners = sleepTime.listeners;

    private final SavingsViewModel vm = new SavingsViewModel(new SameThreadUiExecutor(), savings, sleepTime);

    @Test
    void aMeasuredReportShowsItsFiguresTheCostsPerQuestionTheirRatioAndTheCurve() {
        vm.showDocuments(List.of(1L, 2L));

        assertEquals(SavingsViewModel.SavingsState.MEASURED, vm.stateProperty().get());
        // with: (10 × 800 + 12,400) / 3 = 6,800; without: 10 × 6,000 / 3 = 20,000; 20,000 / 6,800 = 2.94
        assertEquals("2.9× less per question with sleep-time", vm.headlineProperty().get());
        assertEquals("6,800", vm.costWithSleepTimeProperty().get());
        assertEquals("20k", vm.costWithoutSleepTimeProperty().get());
        assertEquals("12,400 tokens", vm.sleepTimeTokensProperty().get());
        assertEquals("1,230 tokens", vm.testTimeTokensProperty().get());
        assertEquals("6,000 tokens (3 of 5 questions)", vm.baselineTokensProperty().get());
        assertEquals("5", vm.questionsAskedProperty().get());
        assertEquals("3 of 5", vm.preparedAnswersProperty().get());
        assertTrue(vm.weightProperty().get().contains("test-time tokens weighted 10×"), vm.weightProperty().get());
        assertEquals("Baseline for 2 of 5 questions not measured yet — Ponder measures it while you're away. "
                + "The costs cover the 3 measured.", vm.pendingProperty().get());
        assertEquals(MEASURED.curve(), vm.curve());
        assertTrue(vm.hasCurveProperty().get());
    }

    @Test
    void withNoBaselineMeasuredYetItSaysSoAndEstimatesNothing() {
        next = new SavingsReport(12_400, 2, 1, 900, 0, 0, 0, 10, List.of(new CostPoint(0, 12_400, 0)));
        vm.showDocuments(List.of(1L));

        assertEquals(SavingsViewModel.SavingsState.NOT_MEASURED, vm.stateProperty().get());
        assertEquals("Savings not measured yet.", vm.headlineProperty().get());
        assertEquals("not measured yet", vm.costWithSleepTimeProperty().get());
        assertEquals("not measured yet", vm.costWithoutSleepTimeProperty().get());
        assertEquals("not measured yet", vm.baselineTokensProperty().get());
        assertEquals("Baseline for 2 of 2 questions not measured yet — Ponder measures it while you're away.",
                vm.pendingProperty().get());
        assertTrue(vm.curve().isEmpty());
        assertFalse(vm.hasCurveProperty().get());
    }

    @Test
    void withNoQuestionAskedNoCostPerQuestionOrRatioIsShown() {
        next = new SavingsReport(12_400, 0, 0, 0, 0, 0, 0, 10, List.of(new CostPoint(0, 12_400, 0)));
        vm.showDocuments(List.of(1L));

        assertEquals(SavingsViewModel.SavingsState.NO_QUESTIONS, vm.stateProperty().get());
        assertEquals("No question answered yet: the sleep-time tokens pay off as you ask.", vm.headlineProperty().get());
        assertEquals("—", vm.costWithSleepTimeProperty().get());
        assertEquals("—", vm.costWithoutSleepTimeProperty().get());
        assertEquals("—", vm.preparedAnswersProperty().get());
        assertEquals("0", vm.questionsAskedProperty().get());
        assertEquals("12,400 tokens", vm.sleepTimeTokensProperty().get());
        assertEquals("", vm.pendingProperty().get());
        assertFalse(vm.hasCurveProperty().get());
    }

    @Test
    void whenSleepTimeCostMoreSoFarItSaysMoreNotLess() {
        // one prepared question: with = (0 + 12,400) / 1, without = 10 × 500 = 5,000
        next = new SavingsReport(12_400, 1, 1, 0, 1, 500, 0, 10,
                List.of(new CostPoint(0, 12_400, 0), new CostPoint(1, 12_400, 5_000)));
        vm.showDocuments(List.of(1L));

        assertTrue(vm.headlineProperty().get().startsWith("2.5× more per question so far"), vm.headlineProperty().get());
    }

    @Test
    void theFiguresAreReadForTheShownDocumentsAndAgainAfterSleepTimeStatusChangesAndAnswers() {
        vm.start();
        vm.showDocuments(List.of(4L, 7L));
        assertEquals(List.of(List.of(4L, 7L)), reads);

        vm.showDocuments(List.of(4L, 7L));
        assertEquals(1, reads.size(), "the same documents are not read again for nothing");

        next = new SavingsReport(20_000, 5, 3, 1_230, 3, 6_000, 800, 10, MEASURED.curve());
        listeners.forEach(l -> l.statusChanged(status("Thinking about report.pdf — section 3 of 7")));
        assertEquals(2, reads.size());
        assertEquals("20,000 tokens", vm.sleepTimeTokensProperty().get());

        vm.refresh(); // an answer finished
        assertEquals(3, reads.size());

        vm.showDocuments(List.of());
        assertEquals(SavingsViewModel.SavingsState.NO_DOCUMENTS, vm.stateProperty().get());
        assertEquals("", vm.headlineProperty().get());
    }

    @Test
    void whileNothingIsPreparedItSaysSoWithWhatWasSpentAndNeverThatTokensAreShared() {
        prepared = false;
        nothingPrepared = new DocumentInsights(new DocumentSleepState(1, "report.pdf", DocumentSleepState.Phase.FAILED, 0,
                "Thinking failed: the model did not answer", 0, Optional.of("the model did not answer")),
                Optional.empty(), Optional.empty(), 0, List.of(), 9_000, 3_400);
        // every sleep-time attempt failed; one question asked and measured: sleep-time cost more
        next = new SavingsReport(12_400, 1, 0, 700, 1, 800, 700, 10,
                List.of(new CostPoint(0, 12_400, 0), new CostPoint(1, 19_400, 8_000)));
        vm.showDocuments(List.of(1L));

        assertEquals("Nothing is prepared yet: 12,400 tokens spent on sleep-time so far, and no learned context or "
                + "prepared answer is ready.", vm.headlineProperty().get());
        assertEquals("12,400 tokens", vm.sleepTimeTokensProperty().get());

        nothingPrepared = null; // a document not thought about at all, no sleep-time spent
        next = new SavingsReport(0, 1, 0, 700, 1, 800, 700, 10,
                List.of(new CostPoint(0, 0, 0), new CostPoint(1, 7_000, 8_000)));
        vm.refresh();
        assertFalse(vm.headlineProperty().get().contains("shared"), vm.headlineProperty().get());
    }

    @Test
    void sharedByEveryFurtherQuestionIsSaidOnlyWhenALearnedContextOrPreparedAnswersExist() {
        next = new SavingsReport(12_400, 1, 1, 0, 1, 500, 0, 10,
                List.of(new CostPoint(0, 12_400, 0), new CostPoint(1, 12_400, 5_000)));
        vm.showDocuments(List.of(1L));
        assertEquals("2.5× more per question so far: sleep-time tokens are shared by every further question",
                vm.headlineProperty().get());

        prepared = false;
        vm.refresh();
        assertFalse(vm.headlineProperty().get().contains("shared"), vm.headlineProperty().get());
    }

    private static SleepTimeStatus status(String sentence) {
        return new SleepTimeStatus(SleepTimeState.READY, sentence, OptionalLong.empty(), Optional.empty(),
                Optional.empty(), 0, 0, 0, 1, 0, 3);
    }
}
