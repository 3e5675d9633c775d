package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.DocumentSleepState;
import dev.ponder.sleeptime.LearnedContext;
import dev.ponder.sleeptime.SleepStep;
import dev.ponder.sleeptime.SleepTimeListener;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SleepTimeStatus;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.NotesCoverage;
import dev.ponder.answer.SavingsReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import dev.ponder.sleeptime.SleepTimeline;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SleepTimeViewModelTest {


    private final ScriptedSleepTime sleepTime = new ScriptedSleepTime();
    /** Measured baseline tokens by anticipated question id, as the savings accounting would read them. */
    private final Map<Long, Integer> baselines = new HashMap<>();
    private final SavingsAccess savings = new SavingsAccess() {
        @Override
        public SavingsReport report(Collection<Long> documentIds) {
            throw new AssertionError("the sleep-time pane reads no report");
        }

        @Override
        public Map<Long, Integer> anticipatedBaselines(Collection<Long> ids) {
            Map<Long, Integer> out = new HashMap<>(baselines);
            out.keySet().retainAll(ids);
            return out;
        }
    };
    private final List<String> asked = new ArrayList<>();
    private final SleepTimeViewModel vm = new SleepTimeViewModel(new SameThreadUiExecutor(), sleepTime, savings, asked::add);

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
    void aReadOnlyLibraryKeepsSayingWhyWhateverSleepTimeSaysAndOffersNoThinking() {
        vm.start();
        vm.libraryReadOnly("the disk it is on is mounted read-only");

        sleepTime.publish(ScriptedSleepTime.status(SleepTimeState.THINKING,
                "Thinking about report.pdf — section 3 of 7", 3, 7));

        assertTrue(vm.sentenceProperty().get().startsWith("Ponder is not thinking about your documents: your library is "
                + "read-only (the disk it is on is mounted read-only)"), vm.sentenceProperty().get());
        assertEquals(-1, vm.progressProperty().get());
        assertTrue(!vm.canThinkProperty().get(), "Think now and Pause are off");
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
        vm.showDocuments(List.of(1L));
        assertEquals(List.of(), vm.anticipatedQuestions());

        DocumentSleepState ready = ready(1, "report.pdf", 1);
        sleepTime.insights.put(1L, insights(ready, "A service note for the Q7 widget.",
                question(1, 1, "How long is the warranty?")));
        sleepTime.listeners.forEach(l -> l.documentChanged(ready));

        assertEquals("Ready: 1 question anticipated", vm.documentSentenceProperty().get());
        assertEquals("A service note for the Q7 widget.", vm.summaryProperty().get());
        assertEquals(List.of("How long is the warranty?"), questions());

        vm.showDocuments(List.of());
        assertEquals(List.of(), vm.anticipatedQuestions());
        assertEquals("", vm.documentSentenceProperty().get());
    }

    @Test
    void theOneSelectedDocumentIsThoughtAboutFirstAndShowsItsSleepTimeTimeline() {
        vm.start();
        SleepTimeline.Spent context = new SleepTimeline.Spent(4, 250_000, 16_000, 1_500);
        SleepTimeline.Spent question = new SleepTimeline.Spent(5, 310_000, 18_000, 2_100);
        SleepTimeline timeline = new SleepTimeline(8, Optional.of(question), Optional.of(context), Optional.empty(),
                question);
        DocumentInsights ready = insights(ready(1, "report.pdf", 1), "Summary.", question(1, 1, "Why?"));
        sleepTime.insights.put(1L, new DocumentInsights(ready.state(), ready.learnedContext(),
                ready.renderedLearnedContext(), 1, ready.anticipatedQuestions(), 18_000, 2_100, timeline,
                Optional.of(new NotesCoverage(13, 20)), 4, new NotesCoverage(12, 24)));
        sleepTime.insights.put(2L, insights(ready(2, "other.pdf", 0), null));

        vm.showDocuments(List.of(1L));
        assertEquals(List.of(1L), sleepTime.focused);
        assertEquals("""
                Notes on 13 of 20 sections (4 more left out: contents, indexes, references and the like) · 1 question \
                anticipated.
                The learned context so far comes from part of the notes; Ponder refreshes it as it reads on.
                Sleep-time spent: 5 min 10 s, 20,100 tokens (2,513 a page).
                First anticipated question after 5 min 10 s and 20,100 tokens; first learned context after 4 min 10 s \
                and 17,500 tokens.
                On a laptop CPU (80 prompt and 15 generated tokens a second) that would be about 6 min 5 s to the first \
                anticipated question — an estimate from the measured tokens.""", vm.timelineProperty().get());

        vm.showDocuments(List.of(1L, 2L));
        assertEquals(List.of(1L, -1L), sleepTime.focused, "several selected: none goes first");
        assertEquals("", vm.timelineProperty().get());
        vm.showDocuments(List.of(1L), true);
        assertEquals(List.of(1L, -1L, -1L), sleepTime.focused, "the whole library shown: none goes first");
        assertEquals("", vm.timelineProperty().get());
    }

    @Test
    void severalSelectedDocumentsShowEveryAnticipatedQuestionAndHowManyAreReady() {
        sleepTime.insights.put(1L, insights(ready(1, "report.pdf", 2), "Report summary.",
                question(1, 1, "How long is the warranty?"), question(2, 1, "What is the maximum load?")));
        DocumentSleepState thinking = new DocumentSleepState(2, "manual.pdf", DocumentSleepState.Phase.THINKING, 0.5,
                "Thinking — section 3 of 7", 0, Optional.empty());
        // a document still being thought about serves the questions of its first look (issue #14): they count
        sleepTime.insights.put(2L, insights(thinking, null, question(4, 2, "What does step 3 do?")));
        sleepTime.insights.put(3L, insights(ready(3, "terms.pdf", 1), "Terms summary.",
                question(3, 3, "Who pays for shipping?")));
        vm.start();

        vm.showDocuments(List.of(1L, 2L, 3L));

        assertEquals("2 of 3 documents thought about · 4 questions anticipated", vm.documentSentenceProperty().get());
        assertEquals("", vm.summaryProperty().get(), "no one c′ summary speaks for several documents");
        assertEquals(List.of("How long is the warranty?", "What is the maximum load?", "What does step 3 do?",
                "Who pays for shipping?"), questions());
        assertEquals(List.of("report.pdf", "report.pdf", "manual.pdf", "terms.pdf"),
                vm.anticipatedQuestions().stream().map(AnticipatedQuestionItem::fileName).toList());

        vm.showDocuments(List.of(3L));
        assertEquals(List.of("Who pays for shipping?"), questions());
        assertEquals("Terms summary.", vm.summaryProperty().get());
    }

    @Test
    void waitingForTheModelServerIsSaidBrieflyWhileTheWindowShowsTheProblemAndInFullOtherwise() {
        String problem = "Thinking waits for the model: Ollama is not running at http://127.0.0.1:9 — start it.";
        sleepTime.status = ScriptedSleepTime.status(SleepTimeState.MODEL_UNAVAILABLE, problem, 0, 0);
        javafx.beans.property.SimpleBooleanProperty banner = new javafx.beans.property.SimpleBooleanProperty(true);
        vm.followServerProblem(banner);
        vm.start();
        assertEquals(SleepTimeViewModel.WAITING_FOR_THE_SERVER, vm.sentenceProperty().get());

        banner.set(false); // e.g. only the sleep-time model is missing: the banner has nothing to say
        assertEquals(problem, vm.sentenceProperty().get());
    }

    @Test
    void withNothingSelectedTheDocumentsLineDoesNotRepeatTheReadyStatusLine() {
        sleepTime.insights.put(1L, insights(ready(1, "report.pdf", 2), "Report summary.",
                question(1, 1, "How long is the warranty?")));
        sleepTime.insights.put(3L, insights(ready(3, "terms.pdf", 1), "Terms summary.",
                question(3, 3, "Who pays for shipping?")));
        sleepTime.status = ScriptedSleepTime.status(SleepTimeState.READY, "Ready: 2 questions anticipated for 2 documents",
                0, 0);
        vm.start();

        vm.showDocuments(List.of(1L, 3L), true);
        assertEquals("", vm.documentSentenceProperty().get(), "the status line says it already");

        vm.showDocuments(List.of(1L, 3L), false);
        assertEquals("All 2 documents thought about · 2 questions anticipated", vm.documentSentenceProperty().get(),
                "both selected: the line is about the selection");

        vm.showDocuments(List.of(1L, 3L), true);
        sleepTime.publish(ScriptedSleepTime.status(SleepTimeState.THINKING, "Thinking about report.pdf — section 1 of 4",
                1, 4));
        assertEquals("1 of 2 documents thought about · 2 questions anticipated", vm.documentSentenceProperty().get(),
                "report.pdf is being thought about again: not 'All 2 documents thought about' under 'Thinking about report.pdf'");
    }

    @Test
    void eachQuestionShowsItsMeasuredBaselineCostOnceMeasuredAndSaysNotMeasuredYetBefore() {
        sleepTime.insights.put(1L, insights(ready(1, "report.pdf", 2), "Summary.",
                question(11, 1, "How long is the warranty?"), question(12, 1, "What is the maximum load?")));
        baselines.put(11L, 1234);
        vm.start();
        vm.showDocuments(List.of(1L));

        AnticipatedQuestionItem warranty = vm.anticipatedQuestions().get(0);
        AnticipatedQuestionItem load = vm.anticipatedQuestions().get(1);
        assertEquals(Optional.of(1234), warranty.baselineTokens());
        assertTrue(warranty.tooltip().contains("Answering this without sleep-time: 1,234 tokens (measured)"),
                warranty.tooltip());
        assertEquals(Optional.empty(), load.baselineTokens());
        assertTrue(load.tooltip().contains("not measured yet"), load.tooltip());

        baselines.put(12L, 56_789);
        vm.refreshDocuments();
        assertTrue(vm.anticipatedQuestions().get(1).tooltip().contains("56,789 tokens (measured)"));
    }

    @Test
    void clickingAnAnticipatedQuestionAsksItInTheChat() {
        sleepTime.insights.put(1L, insights(ready(1, "report.pdf", 1), "Summary.",
                question(1, 1, "How long is the warranty?")));
        vm.start();
        vm.showDocuments(List.of(1L));

        vm.ask(vm.anticipatedQuestions().get(0));

        assertEquals(List.of("How long is the warranty?"), asked);
    }

    @Test
    void anAnticipatedQuestionWhosePreparedAnswerTheDocumentDoesNotConfirmIsMarked() {
        AnticipatedQuestion unconfirmed = new AnticipatedQuestion(2, 1, 1, 1, "How long is the warranty?", "99 months.",
                List.of(2), new float[384], 1, 10, 10, AnticipatedQuestion.Grounding.UNGROUNDED, List.of("99"));
        sleepTime.insights.put(1L, insights(ready(1, "report.pdf", 2), "Summary.",
                question(1, 1, "What is the maximum load?"), unconfirmed));
        vm.start();
        vm.showDocuments(List.of(1L));

        AnticipatedQuestionItem confirmed = vm.anticipatedQuestions().get(0);
        AnticipatedQuestionItem marked = vm.anticipatedQuestions().get(1);
        assertTrue(confirmed.confirmed());
        assertEquals("› What is the maximum load?", confirmed.label());
        assertFalse(marked.confirmed());
        assertEquals("› How long is the warranty? (not confirmed by the document)", marked.label());
        assertTrue(marked.tooltip().contains("not confirmed by the document (99 not found on its pages), so the model "
                + "answers it when you ask"), marked.tooltip());
    }

    private List<String> questions() {
        return vm.anticipatedQuestions().stream().map(AnticipatedQuestionItem::question).toList();
    }

    @Test
    void theAnticipatedQuestionsCanBeFilteredByTheirWords() {
        sleepTime.insights.put(1L, insights(ready(1, "report.pdf", 3), "Report summary.",
                question(1, 1, "How long is the warranty?"), question(2, 1, "Who pays for shipping?"),
                question(3, 1, "How long does shipping take?")));
        vm.start();
        vm.showDocuments(List.of(1L));
        assertEquals("Anticipated questions (3) — click one to ask it", vm.questionsTitleProperty().get());

        vm.filterProperty().set("shipping LONG");
        assertEquals(List.of("How long does shipping take?"),
                vm.shownQuestions().stream().map(AnticipatedQuestionItem::question).toList());
        assertEquals("1 of 3 anticipated questions — click one to ask it", vm.questionsTitleProperty().get());

        vm.filterProperty().set("refund");
        assertTrue(vm.shownQuestions().isEmpty());
        assertEquals("No anticipated question has “refund” (3 in all)", vm.questionsTitleProperty().get());

        vm.filterProperty().set("");
        assertEquals(3, vm.shownQuestions().size());
    }

    private static DocumentSleepState ready(long id, String name, int questions) {
        return new DocumentSleepState(id, name, DocumentSleepState.Phase.READY, 1,
                "Ready: " + questions + (questions == 1 ? " question" : " questions") + " anticipated", questions,
                Optional.empty());
    }

    private static DocumentInsights insights(DocumentSleepState state, String summary, AnticipatedQuestion... questions) {
        return new DocumentInsights(state,
                Optional.ofNullable(summary).map(s -> new LearnedContext(s, List.of(), List.of(), List.of(), List.of())),
                Optional.empty(), summary == null ? 0 : 1, List.of(questions), 100, 50);
    }

    private static AnticipatedQuestion question(long id, long documentId, String question) {
        return new AnticipatedQuestion(id, documentId, 1, 0, question, "Prepared answer.", List.of(1), new float[0],
                1, 10, 5);
    }
}
