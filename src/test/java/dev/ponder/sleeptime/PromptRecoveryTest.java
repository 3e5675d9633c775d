package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.Prompt;
import dev.ponder.store.SleepStepEntry;
import dev.ponder.testing.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery is prompt (issue 14): a step that failed because the model server failed is tried again
 * as soon as any call to the server succeeds or its status check passes, not after its back-off (the
 * test's clock never moves, so only that can bring it back). A step that failed because of what the
 * model wrote keeps its back-off: asking the same model the same again at once would fail the same way.
 * Real H2 library, real HTTP to the test server, the model server wired as Ponder wires it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PromptRecoveryTest {

    @TempDir
    Path dir;
    private SleepTimeHarness h;
    private long id;

    @BeforeEach
    void setUp() {
        h = new SleepTimeHarness(dir);
        id = h.addDocument("service-note.pdf", SleepTimeFaultsTest.SHORT_NOTE);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private void serverFailsThenRecovers() throws Exception {
        h.ollama.failAlways(Fault.HTTP_500);
        h.personAway();
        h.awaitState(SleepTimeState.RETRY_LATER);
        assertEquals(SleepStepEntry.Status.FAILED, h.sleep.steps(id).get(SectionNotesStep.KEY).status());
        h.ollama.clearFault();
    }

    @Test
    void aPassedStatusCheckRetriesAStepTheServerFailedAtOnce() throws Exception {
        serverFailsThenRecovers();
        assertTrue(h.reporting.check().ready());
        h.awaitState(SleepTimeState.READY);
        assertEquals(SleepStepEntry.Status.DONE, h.sleep.steps(id).get(AnticipatedQuestionsStep.KEY).status());
    }

    @Test
    void anAnswerOfAnyOtherCallRetriesAStepTheServerFailedAtOnce() throws Exception {
        serverFailsThenRecovers();
        // e.g. a question answered, or the baseline measured while away
        h.reporting.chatModel().complete(new Prompt("Be brief.", "Hello there.", 20));
        h.awaitState(SleepTimeState.READY);
        assertEquals(SleepStepEntry.Status.DONE, h.sleep.steps(id).get(AnticipatedQuestionsStep.KEY).status());
    }

    @Test
    void aStepThatFailedOnTheModelsAnswerKeepsItsBackOffWhenTheServerAnswers() throws Exception {
        h.model.override(ScriptedSleepModel.Task.LEARNED_CONTEXT, r -> "Sure! The document is a service note.");
        h.personAway();
        h.awaitState(SleepTimeState.RETRY_LATER);
        int asked = h.requests(ScriptedSleepModel.Task.LEARNED_CONTEXT).size();
        h.model.restore(ScriptedSleepModel.Task.LEARNED_CONTEXT);

        assertTrue(h.reporting.check().ready());
        h.reporting.chatModel().complete(new Prompt("Be brief.", "Hello there.", 20));
        Thread.sleep(1_000);
        assertEquals(asked, h.requests(ScriptedSleepModel.Task.LEARNED_CONTEXT).size(), "not asked again at once");
        assertEquals(SleepTimeState.RETRY_LATER, h.service().status().state());

        h.clock.advance(SleepScheduler.FIRST_RETRY);
        h.awaitState(SleepTimeState.READY);
    }
}
