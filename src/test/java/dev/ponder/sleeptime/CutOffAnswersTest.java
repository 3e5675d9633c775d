package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.SectionText;
import dev.ponder.store.SleepCallEntry;
import dev.ponder.testing.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer cut off by {@code num_predict} ({@code done_reason} {@code length}) is a finish reason,
 * not a parse error: no repair call; the batch is asked for in halves, a section whose notes never
 * fit is read in parts split at paragraph breaks, and c′ is asked for again with a larger budget.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CutOffAnswersTest {

    private static final Pattern DOCUMENT_TEXT = Pattern.compile(
            "<document_text-[0-9a-f]+ id=\"S\\d+\"[^>]*>\\n(.*?)\\n</document_text-[0-9a-f]+>",
            Pattern.DOTALL);

    @TempDir
    Path dir;
    private SleepTimeHarness h;

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** The scripted notes followed by a ramble far longer than any answer budget. */
    private static String rambling(String user) {
        String notes = ScriptedSleepModel.notes(user);
        return notes.substring(0, notes.length() - 1) + ", \"comment\": \"" + "and so on ".repeat(4000) + "\"}";
    }

    private static List<String> quoted(RecordedRequest r) {
        Matcher m = DOCUMENT_TEXT.matcher(r.lastUserMessage().orElseThrow());
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private long cutOffCalls(long id) {
        return h.sleep.callOutcomes(id).getOrDefault(SleepCallEntry.Outcome.CUT_OFF, 0);
    }

    @Test
    void aBatchCutOffByItsBudgetIsAskedForInHalvesWithoutARepair() throws Exception {
        h = new SleepTimeHarness(dir);
        long id = h.addDocument("service-note.pdf", SleepTimeFaultsTest.SHORT_NOTE);
        h.model.override(ScriptedSleepModel.Task.SECTION_NOTES, r -> {
            String user = r.lastUserMessage().orElseThrow();
            return quoted(r).size() > 1 ? rambling(user) : ScriptedSleepModel.notes(user);
        });
        assertTrue(h.service().think(id).get(60, TimeUnit.SECONDS).ready());

        assertEquals(0, h.requests(ScriptedSleepModel.Task.REPAIR_JSON).size(), "a cut-off answer is not repaired");
        List<Integer> batchSizes = h.requests(ScriptedSleepModel.Task.SECTION_NOTES).stream().map(r -> quoted(r).size()).toList();
        assertEquals(List.of(3, 1, 2, 1, 1), batchSizes, "three, then the halves (one, two), then the two alone");
        assertEquals(2, cutOffCalls(id), "the two cut-off answers are counted as such");
        assertEquals(SleepTimeFaultsTest.SHORT_NOTE.length, h.count("SELECT COUNT(*) FROM section_notes"));
    }

    @Test
    void aSectionWhoseNotesNeverFitIsReadInPartsSplitAtParagraphBreaks() throws Exception {
        h = new SleepTimeHarness(dir);
        String first = "The first paragraph names the Q7 widget. Its warranty lasts 27 months from purchase. "
                .repeat(3).strip();
        String second = "The second paragraph gives the hotline 555-0142. Filters are cleaned every 90 days. "
                .repeat(3).strip();
        long id = h.addDocument("long-page.pdf", first + "\n\n" + second);
        int whole = (first + "\n\n" + second).length();
        h.model.override(ScriptedSleepModel.Task.SECTION_NOTES, r -> {
            String user = r.lastUserMessage().orElseThrow();
            return quoted(r).get(0).length() >= whole ? rambling(user) : ScriptedSleepModel.notes(user);
        });
        assertTrue(h.service().think(id).get(60, TimeUnit.SECONDS).ready());

        List<String> asked = h.requests(ScriptedSleepModel.Task.SECTION_NOTES).stream().map(r -> quoted(r).get(0)).toList();
        assertEquals(List.of(first + "\n\n" + second, first, second), asked.stream().map(String::strip).toList(),
                "the whole section, then its halves split at the paragraph break");
        assertTrue(h.requests(ScriptedSleepModel.Task.SECTION_NOTES).get(1).lastUserMessage().orElseThrow()
                .contains("S1 (page 1, a part)"), "the prompt says it is a part");
        assertEquals(0, h.requests(ScriptedSleepModel.Task.REPAIR_JSON).size());
        SectionText section = h.sleep.sectionTexts(id).get(0);
        String stored = h.sleep.sectionNotes(id, "llama3.2", SectionNotesStep.promptVersion())
                .get(section.textSha256()).notesJson();
        List<String> notes = NotesCodec.fromStored(stored, 1, 1).stream().map(SectionNote::text).toList();
        assertTrue(notes.stream().anyMatch(n -> n.contains("27 months")), "notes of the first part: " + notes);
        assertTrue(notes.stream().anyMatch(n -> n.contains("555-0142")), "and of the second, stored together: " + notes);
    }

    @Test
    void aLearnedContextCutOffIsAskedForAgainWithALargerBudget() throws Exception {
        h = new SleepTimeHarness(dir);
        long id = h.addDocument("service-note.pdf", SleepTimeFaultsTest.SHORT_NOTE);
        java.util.concurrent.atomic.AtomicInteger firstBudget = new java.util.concurrent.atomic.AtomicInteger();
        h.model.override(ScriptedSleepModel.Task.LEARNED_CONTEXT, r -> {
            String context = ScriptedSleepModel.context(r.lastUserMessage().orElseThrow());
            firstBudget.compareAndSet(0, r.numPredict().orElseThrow());
            // longer than the first budget, shorter than the raised one
            String padding = "word ".repeat(firstBudget.get() + 50);
            return context.substring(0, context.length() - 1) + ", \"comment\": \"" + padding + "\"}";
        });
        assertTrue(h.service().think(id).get(60, TimeUnit.SECONDS).ready(), "ready after the second try");

        List<RecordedRequest> asked = h.requests(ScriptedSleepModel.Task.LEARNED_CONTEXT);
        assertEquals(2, asked.size());
        int first = asked.get(0).numPredict().orElseThrow();
        assertEquals(2 * first, asked.get(1).numPredict().orElseThrow(), "the budget is doubled within num_ctx");
        assertEquals(0, h.requests(ScriptedSleepModel.Task.REPAIR_JSON).size());
        assertEquals(1, cutOffCalls(id));
    }
}
