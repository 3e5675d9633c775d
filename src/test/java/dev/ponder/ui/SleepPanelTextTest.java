package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponder.settings.Advice;
import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.DocumentSleepState;
import dev.ponder.sleeptime.DocumentSleepState.Phase;
import dev.ponder.sleeptime.SleepStep;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SleepTimeStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The sleep-time panel's lines come from one state and never contradict each other. */
class SleepPanelTextTest {

    private static SleepTimeStatus thinking(long id, String name, SleepStep step, int done, int total, String sentence) {
        return new SleepTimeStatus(SleepTimeState.THINKING, sentence, OptionalLong.of(id), Optional.of(name),
                Optional.of(step), done, total, 0.5, 0, 2, 0);
    }

    private static SleepTimeStatus status(SleepTimeState state, String sentence) {
        return new SleepTimeStatus(state, sentence, OptionalLong.empty(), Optional.empty(), Optional.empty(), 0, 0, 0,
                0, 1, 0);
    }

    private static DocumentInsights doc(long id, String name, Phase phase, String sentence) {
        return new DocumentInsights(new DocumentSleepState(id, name, phase, 0, sentence, 0, Optional.empty()),
                Optional.empty(), Optional.empty(), 0, List.of(), 0, 0);
    }

    @Test
    void theDocumentBeingThoughtAboutHasOneLineWithOneMeasure() {
        SleepTimeStatus status = thinking(1, "asymptote-manual.pdf", ScriptedSleepTime.NOTES_STEP, 138, 512,
                "Thinking about asymptote-manual.pdf — section 139 of 512");
        SleepPanelText text = SleepPanelText.of(status,
                List.of(doc(1, "asymptote-manual.pdf", Phase.WAITING_FOR_IDLE, "Waiting until you are away")), false, false);

        assertEquals("Thinking about asymptote-manual.pdf — section 139 of 512", text.sentence());
        assertEquals("", text.documentSentence(), "not 'Waiting until you are away' under it");
        assertEquals(138.0 / 512, text.progress(), 1e-9, "the bar counts the sections the words count");
    }

    @Test
    void anotherDocumentWaitsItsTurnNotUntilYouAreAway() {
        SleepTimeStatus status = thinking(1, "asymptote-manual.pdf", ScriptedSleepTime.NOTES_STEP, 138, 512,
                "Thinking about asymptote-manual.pdf — section 139 of 512");
        SleepPanelText text = SleepPanelText.of(status,
                List.of(doc(2, "report.pdf", Phase.WAITING_FOR_IDLE, "Waiting until you are away")), false, false);

        assertEquals("Waiting its turn: Ponder is thinking about asymptote-manual.pdf first", text.documentSentence());
    }

    @Test
    void aDocumentBeingThoughtAboutAgainIsNotCountedAsThoughtAbout() {
        SleepTimeStatus status = thinking(1, "a.pdf", ScriptedSleepTime.QUESTIONS_STEP, 0, 1,
                "Thinking about a.pdf — anticipating questions");
        SleepPanelText text = SleepPanelText.of(status, List.of(doc(1, "a.pdf", Phase.READY, "Ready: 3 questions anticipated"),
                doc(2, "b.pdf", Phase.READY, "Ready: 4 questions anticipated")), true, false);

        assertEquals("1 of 2 documents thought about · 0 questions anticipated", text.documentSentence());
    }

    @Test
    void failuresSayThePanelsOwnButtonAndAreNotRepeatedUnderTheStatusLine() {
        String failures = "Could not finish thinking about a.pdf and b.pdf: Ollama failed while answering — "
                + Advice.AGAIN + ".";
        SleepPanelText text = SleepPanelText.of(status(SleepTimeState.RETRY_LATER, failures),
                List.of(doc(1, "a.pdf", Phase.FAILED, "Thinking failed: Ollama failed while answering — " + Advice.AGAIN + ".")),
                false, false);

        assertEquals("Could not finish thinking about a.pdf and b.pdf: Ollama failed while answering — press Think now.",
                text.sentence());
        assertEquals("", text.documentSentence());
        assertEquals(-1, text.progress());
    }

    @Test
    void whileTheBannerSaysWhatIsWrongTheStatusLinePointsToIt() {
        SleepPanelText text = SleepPanelText.of(status(SleepTimeState.MODEL_UNAVAILABLE,
                "Thinking waits for the model: Ollama is not running — " + Advice.AGAIN + "."), List.of(), true, true);
        assertEquals(SleepPanelText.WAITING_FOR_THE_SERVER, text.sentence());
    }

    @Test
    void aReadOnlyLibrarySaysWhyNothingIsThoughtAboutWhatToDoAndWhatWasThoughtBefore() {
        SleepPanelText text = SleepPanelText.readOnly("your account may not write to /home/a/ponder.mv.db",
                List.of(doc(1, "a.pdf", Phase.READY, "Ready: 4 questions anticipated"),
                        doc(2, "b.pdf", Phase.WAITING_FOR_IDLE, "Waiting until you are away")));

        assertEquals("Ponder is not thinking about your documents: your library is read-only (your account may not "
                + "write to /home/a/ponder.mv.db), so nothing it thought could be saved. Make it writable, or choose "
                + "another data folder in Settings ▸ Data folder, then open Ponder again.", text.sentence());
        assertEquals("1 of 2 documents thought about before; the others wait until the library can be written.",
                text.documentSentence());
        assertEquals(-1, text.progress(), "no bar: nothing runs");
        assertEquals("Ready: 4 questions anticipated", SleepPanelText.readOnly("why",
                List.of(doc(1, "a.pdf", Phase.READY, "Ready: 4 questions anticipated"))).documentSentence(),
                "its prepared answers still serve");
    }
}
