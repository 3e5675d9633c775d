package dev.ponder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The V2 tables through their repositories, on a real H2 file. */
class SleepTimeRepositoryTest {

    @TempDir
    Path dir;
    private Database db;
    private LibraryRepository library;
    private SleepTimeRepository sleep;
    private LearnedContextRepository learned;
    private long doc;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        library = new LibraryRepository(db);
        sleep = new SleepTimeRepository(db);
        learned = new LearnedContextRepository(db);
        doc = library.add(new NewDocument(Optional.of("a".repeat(64)), "a.pdf", dir.resolve("a.pdf"), 10),
                DocumentStatus.IMPORTING, Optional.empty());
        library.storeContent(doc, List.of(new PageText(1, "One. Two.", true)),
                List.of(new SectionEntry(0, doc, 0, 1, 1, "One.", "1".repeat(64), new float[] {1}),
                        new SectionEntry(0, doc, 1, 1, 1, "Two.", "2".repeat(64), new float[] {1})),
                Optional.empty());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void failedAttemptsCountPerInputKeyAndRunningStepsResetAfterACrash() {
        sleep.markStep(doc, "notes", "k".repeat(64), SleepStepEntry.Status.FAILED, Optional.of("It broke."));
        sleep.markStep(doc, "notes", "k".repeat(64), SleepStepEntry.Status.FAILED, Optional.of("It broke again."));
        SleepStepEntry twice = sleep.steps(doc).get("notes");
        assertEquals(2, twice.attempts());
        assertEquals(Optional.of("It broke again."), twice.message());

        sleep.markStep(doc, "notes", "j".repeat(64), SleepStepEntry.Status.RUNNING, Optional.empty());
        assertEquals(0, sleep.steps(doc).get("notes").attempts(), "a new input key starts the count again");
        assertEquals(1, sleep.resetRunningSteps());
        assertEquals(SleepStepEntry.Status.PENDING, sleep.steps(doc).get("notes").status());
    }

    @Test
    void sectionNotesAreFoundByTheTextOfTheDocumentsSections() {
        sleep.saveSectionNotes(List.of(new SectionNotesEntry("1".repeat(64), "[]", 10, 5)), "m", "notes-v1");
        sleep.saveSectionNotes(List.of(new SectionNotesEntry("1".repeat(64), "[{}]", 11, 6)), "m", "notes-v1");
        assertEquals(1, sleep.sectionNotes(doc, "m", "notes-v1").size());
        assertEquals("[{}]", sleep.sectionNotes(doc, "m", "notes-v1").get("1".repeat(64)).notesJson());
        assertTrue(sleep.sectionNotes(doc, "other-model", "notes-v1").isEmpty());
        assertEquals(List.of("1".repeat(64), "2".repeat(64)), sleep.sectionHashes(doc));
    }

    @Test
    void learnedContextsAreVersionedAndAnInputKeyIsStoredOnce() {
        LearnedContextEntry v1 = learned.saveLearnedContext(doc, "a".repeat(64), "m", "p", "{}", "c1", 1, 100, "ctx");
        LearnedContextEntry again = learned.saveLearnedContext(doc, "a".repeat(64), "m", "p", "{}", "c1", 1, 100, "ctx");
        LearnedContextEntry v2 = learned.saveLearnedContext(doc, "b".repeat(64), "m", "p", "{}", "c2", 1, 100, "ctx");
        assertEquals(1, v1.version());
        assertEquals(v1.id(), again.id());
        assertEquals(2, v2.version());
        assertEquals("c2", learned.latestLearnedContext(doc).orElseThrow().rendered());
        assertTrue(sleep.steps(doc).get("ctx").doneFor("b".repeat(64)));

        AnticipatedQuestion q = new AnticipatedQuestion(0, doc, 0, 0, "Q?", "A.", List.of(1, 2), new float[] {0.5f}, 1, 7, 3);
        learned.saveAnticipatedQuestions(doc, v2.id(), "q".repeat(64), List.of(q, q), "questions");
        learned.saveAnticipatedQuestions(doc, v2.id(), "q".repeat(64), List.of(q, q), "questions");
        List<AnticipatedQuestion> stored = learned.latestAnticipatedQuestions(doc);
        assertEquals(2, stored.size(), "saving the same set again replaces it");
        assertEquals(List.of(1, 2), stored.get(0).pages());
        assertEquals(0.5f, stored.get(0).embedding()[0]);
    }

    @Test
    void callsAreSummedPerStepAndModel() {
        sleep.recordCall(new SleepCallEntry(doc, "notes", "m", SleepCallEntry.Outcome.OK, 100, 20, 5));
        sleep.recordCall(new SleepCallEntry(doc, "notes", "m", SleepCallEntry.Outcome.CANCELLED, 0, 0, 5));
        sleep.recordCall(new SleepCallEntry(doc, "ctx", "m", SleepCallEntry.Outcome.OK, 50, 10, 5));
        assertEquals(List.of(new SleepTokenTotal("ctx", "m", 1, 50, 10), new SleepTokenTotal("notes", "m", 2, 100, 20)),
                sleep.tokenTotals(doc));
    }
}
