package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.DocumentSleepState;
import dev.ponder.sleeptime.LearnedContext;
import dev.ponder.sleeptime.SleepStep;
import dev.ponder.sleeptime.SleepTimeListener;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SleepTimeStatus;
import dev.ponder.store.AnticipatedQuestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SleepTimeViewModelTest {

    /** Sleep-time as the pane sees it, driven by the test. */
    private static final class ScriptedSleepTime implements SleepTimeAccess {
        final List<SleepTimeListener> listeners = new ArrayList<>();
        SleepTimeStatus status = status(SleepTimeState.USER_ACTIVE, "You're active — thinking paused", 0, 0);
        Optional<DocumentInsights> insights = Optional.empty();
        boolean paused;
        int thinkNowCalls;

        static SleepTimeStatus status(SleepTimeState state, String sentence, int done, int total) {
            return new SleepTimeStatus(state, sentence, OptionalLong.of(1), Optional.of("report.pdf"),
                    Optional.of(SleepStep.SECTION_NOTES), done, total, total == 0 ? 0 : (double) done / total, 0, 1, 0);
        }

        void publish(SleepTimeStatus s) {
            status = s;
            listeners.forEach(l -> l.statusChanged(s));
        }

        @Override
        public SleepTimeStatus status() {
            return status;
        }

        @Override
        public Optional<DocumentInsights> insights(long documentId) {
            return insights;
        }

        @Override
        public void addListener(SleepTimeListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(SleepTimeListener listener) {
            listeners.remove(listener);
        }

        @Override
        public void thinkNow() {
            thinkNowCalls++;
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
        }

        @Override
        public boolean paused() {
            return paused;
        }
    }

    private final ScriptedSleepTime sleepTime = new ScriptedSleepTime();
    private final SleepTimeViewModel vm = new SleepTimeViewModel(new SameThreadUiExecutor(), sleepTime);

    @Test
    void theSentenceAndProgressFollowWhatSleepTimeIsDoing() {
        vm.start();
        assertEquals("You're active — thinking paused", vm.sentenceProperty().get());
        assertEquals(-1, vm.progressProperty().get());

        sleepTime.publish(ScriptedSleepTime.status(SleepTimeState.THINKING,
                "Thinking about report.pdf — section 3 of 7", 3, 7));
        assertEquals("Thinking about report.pdf — section 3 of 7", vm.sentenceProperty().get());
        assertEquals(3.0 / 7, vm.progressProperty().get(), 1e-9);
    }

    @Test
    void thinkNowAndThePauseSwitchReachSleepTime() {
        vm.start();
        vm.thinkNow();
        assertEquals(1, sleepTime.thinkNowCalls);
        vm.setPaused(true);
        assertTrue(sleepTime.paused);
        assertTrue(vm.pausedProperty().get());
        vm.setPaused(false);
        assertTrue(!sleepTime.paused);
    }

    @Test
    void theShownDocumentsLearnedContextAndAnticipatedQuestionsAppearWhenReady() {
        vm.start();
        vm.showDocument(Optional.of(1L));
        assertEquals(List.of(), vm.anticipatedQuestions());

        DocumentSleepState ready = new DocumentSleepState(1, "report.pdf", DocumentSleepState.Phase.READY, 1,
                "Ready: 1 question anticipated", 1, Optional.empty());
        sleepTime.insights = Optional.of(new DocumentInsights(ready,
                Optional.of(new LearnedContext("A service note for the Q7 widget.", List.of(), List.of(), List.of(),
                        List.of())),
                Optional.empty(), 1,
                List.of(new AnticipatedQuestion(1, 1, 1, 0, "How long is the warranty?", "27 months.", List.of(1),
                        new float[0], 0, 10, 5)),
                100, 50));
        sleepTime.listeners.forEach(l -> l.documentChanged(ready));

        assertEquals("Ready: 1 question anticipated", vm.documentSentenceProperty().get());
        assertEquals("A service note for the Q7 widget.", vm.summaryProperty().get());
        assertEquals(List.of("How long is the warranty?"), vm.anticipatedQuestions());

        vm.showDocument(Optional.empty());
        assertEquals(List.of(), vm.anticipatedQuestions());
    }
}
