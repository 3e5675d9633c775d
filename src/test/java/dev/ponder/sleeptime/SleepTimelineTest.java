package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document's sleep-time timeline (issue 14), read from a real H2 library after the scripted sleep
 * model of the test server thought it through: what was spent until the first anticipated question
 * and until c′, the tokens per page, and the estimate at a speed profile from the measured tokens.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SleepTimelineTest {

    @TempDir
    Path dir;

    @Test
    void theTimelineCountsTheCallsMadeBeforeEachResultWasStored() throws Exception {
        try (SleepTimeHarness h = new SleepTimeHarness(dir)) {
            long id = h.addDocument("service-note.pdf", SleepTimeFaultsTest.SHORT_NOTE);
            long other = h.addDocument("untouched.pdf", "A page nobody asked Ponder to think about.");
            h.service().pause();  // only the asked-for document: no idle time
            assertEquals(SleepTimeline.NONE.total(), h.service().timeline(id).total(), "nothing spent before thinking");
            h.service().resume();
            assertTrue(h.service().think(id).get(30, TimeUnit.SECONDS).ready());

            SleepTimeline t = h.service().timeline(id);
            SleepTimeline.Spent context = t.firstUsableContext().orElseThrow();
            SleepTimeline.Spent question = t.firstQuestion().orElseThrow();
            long calls = h.count("SELECT COUNT(*) FROM sleep_calls WHERE document_id = " + id);
            long notesCalls = h.count("SELECT COUNT(*) FROM sleep_calls WHERE document_id = " + id
                    + " AND step = 'section-notes'");
            long tokens = h.count("SELECT SUM(prompt_tokens + completion_tokens) FROM sleep_calls WHERE document_id = " + id);
            assertEquals(calls, t.total().calls());
            assertEquals(tokens, t.total().tokens());
            assertEquals(notesCalls + 1, context.calls(), "c′ came after every note and its own call");
            assertEquals(calls, question.calls(), "the questions came last, after every call");
            assertTrue(context.tokens() < question.tokens() && question.tokens() == tokens, t.toString());
            assertEquals(context, t.completeContext().orElseThrow(), "c′ is complete when it is first usable today");
            assertEquals((double) tokens / 3, t.tokensPerPage().orElseThrow(), 1e-9);
            assertEquals(question.promptTokens() / 80.0 + question.completionTokens() / 15.0,
                    question.estimatedSeconds(SpeedProfile.LAPTOP_CPU), 1e-9);
            assertTrue(question.durationMs() >= context.durationMs());

            SleepTimeline untouched = h.service().timeline(other);
            assertTrue(untouched.firstQuestion().isEmpty() && untouched.firstUsableContext().isEmpty());
            assertEquals(0, untouched.total().calls());
            assertEquals(1, untouched.pages());
        }
    }
}
