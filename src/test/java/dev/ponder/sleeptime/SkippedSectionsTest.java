package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.SectionNotesEntry;
import dev.ponder.testing.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sections not worth notes get none, without a call, and c′ is still written from every other section's notes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SkippedSectionsTest {

    private static final String CONTENTS = """
            Contents
            1 Warranty . . . . . . . . . . . . . . . . 2
            2 Hotline . . . . . . . . . . . . . . . . . 3
            3 Filters . . . . . . . . . . . . . . . . . 4
            4 Maximum load . . . . . . . . . . . . 5""";

    @TempDir
    Path dir;

    @Test
    void aContentsPageIsStoredWithoutNotesOrTokensAndNeverSentToTheModel() throws Exception {
        try (SleepTimeHarness h = new SleepTimeHarness(dir)) {
            String[] pages = new String[6];
            pages[0] = CONTENTS;
            System.arraycopy(SleepTimeServiceTest.SERVICE_NOTE, 0, pages, 1, 5);
            pages[1] = "Warranty. " + pages[1];
            pages[2] = "Hotline. " + pages[2];
            pages[3] = "Filters. " + pages[3];
            pages[4] = "Maximum load. " + pages[4];
            long id = h.addDocument("service-note.pdf", pages);
            h.personAway();

            h.awaitState(SleepTimeState.READY);

            List<RecordedRequest> notes = h.requests(ScriptedSleepModel.Task.SECTION_NOTES);
            assertFalse(notes.isEmpty());
            assertTrue(notes.stream().noneMatch(r -> r.lastUserMessage().orElse("").contains(". . . . 2")),
                    "the contents page is never quoted to the model");
            Map<String, SectionNotesEntry> stored = h.sleep.sectionNotes(id, "llama3.2",
                    SectionNotesStep.promptVersion());
            SectionNotesEntry contents = stored.get(SleepTimeHarness.sha256(CONTENTS));
            assertEquals("[]", contents.notesJson());
            assertEquals(0, contents.promptTokens() + contents.completionTokens());
            assertEquals(6, stored.size(), "every section has notes, the contents page empty ones");
            LearnedContextEntry c = h.learned.latestLearnedContext(id).orElseThrow();
            assertTrue(c.rendered().contains("27 months"), c.rendered());
        }
    }
}
