package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.TestModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** c′ is versioned: a change of content, sleep-time model or settings makes it stale, and only what changed is redone. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StaleLearnedContextTest {

    @TempDir
    Path dir;
    private OllamaTestServer ollama;
    private SleepTimeHarness h;
    private long id;

    @BeforeEach
    void setUp() throws Exception {
        ollama = OllamaTestServer.start(TestModel.chat("llama3.2", 131072), TestModel.chat("qwen3:8b", 40960));
        h = new SleepTimeHarness(dir, ollama, s -> s);
        id = h.addDocument("service-note.pdf", SleepTimeServiceTest.SERVICE_NOTE);
        h.personAway();
        h.awaitState(SleepTimeState.READY);
        h.activity.touch();
    }

    @AfterEach
    void tearDown() {
        h.close();
        ollama.close();
    }

    private int calls(ScriptedSleepModel.Task task) {
        return h.requests(task).size();
    }

    @Test
    void changingOneSectionRethinksOnlyThatSectionsNotesAndTheDocumentLevelSteps() throws Exception {
        int notes = calls(ScriptedSleepModel.Task.SECTION_NOTES);
        int contexts = calls(ScriptedSleepModel.Task.LEARNED_CONTEXT);
        int questions = calls(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS);
        String[] changed = SleepTimeServiceTest.SERVICE_NOTE.clone();
        changed[4] = "Article 1 covers installation. Article 2 covers cleaning. Article 3 covers storage. "
                + "Article 4 covers disposal.";

        h.replaceContent(id, changed);
        h.service().documentChanged(h.document(id));

        DocumentSleepState stale = h.awaitDocument(id, DocumentSleepState.Phase.STALE);
        assertEquals("Changed since Ponder thought about it — re-thinking when you are away", stale.sentence());
        assertEquals(SleepTimeState.USER_ACTIVE, h.awaitState(SleepTimeState.USER_ACTIVE).state());
        h.personAway();
        h.awaitState(SleepTimeState.READY);

        List<RecordedRequest> newNotes = h.requests(ScriptedSleepModel.Task.SECTION_NOTES).subList(notes, notes + 1);
        assertEquals(notes + 1, calls(ScriptedSleepModel.Task.SECTION_NOTES), "one notes call, for the changed section");
        String prompt = newNotes.get(0).lastUserMessage().orElseThrow();
        assertEquals(1, prompt.split("<document_text-", -1).length - 1, prompt);
        assertTrue(prompt.contains("Article 4 covers disposal."));
        assertEquals(contexts + 1, calls(ScriptedSleepModel.Task.LEARNED_CONTEXT));
        assertEquals(questions + 1, calls(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS));

        LearnedContextEntry v2 = h.learned.latestLearnedContext(id).orElseThrow();
        assertEquals(2, v2.version());
        assertTrue(v2.rendered().contains("- articles (4): "), v2.rendered());
        assertEquals(2, h.count("SELECT COUNT(*) FROM learned_contexts"), "version 1 is kept");
        assertEquals(13, h.count("SELECT COUNT(*) FROM section_notes"), "12 earlier notes and the new one");
        assertEquals(DocumentSleepState.Phase.READY, h.service().documentState(id).orElseThrow().phase());
    }

    @Test
    void anotherSleepTimeModelMakesTheLearnedContextStaleAndThinksAgainWithIt() throws Exception {
        int notes = calls(ScriptedSleepModel.Task.SECTION_NOTES);
        h.restartService(s -> s.withSleepModel("qwen3:8b"));

        h.awaitDocument(id, DocumentSleepState.Phase.STALE);
        h.personAway();
        h.awaitState(SleepTimeState.READY);

        List<RecordedRequest> requests = h.ollama.requests("/api/chat");
        assertEquals("qwen3:8b", requests.get(requests.size() - 1).model().orElseThrow());
        assertEquals(notes + 2, calls(ScriptedSleepModel.Task.SECTION_NOTES), "notes are per model: all taken again");
        LearnedContextEntry v2 = h.learned.latestLearnedContext(id).orElseThrow();
        assertEquals("qwen3:8b", v2.model());
        assertEquals(2, v2.version());
    }

    @Test
    void moreParallelGenerationsRedoOnlyTheMissingGenerationsAndMergeDuplicates() throws Exception {
        int contexts = calls(ScriptedSleepModel.Task.LEARNED_CONTEXT);
        int questions = calls(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS);
        h.restartService(s -> s.withSleepGenerations(3));
        h.personAway();
        h.awaitStatus(s -> s.state() == SleepTimeState.READY
                && calls(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS) == questions + 2, java.time.Duration.ofSeconds(30));

        assertEquals(contexts, calls(ScriptedSleepModel.Task.LEARNED_CONTEXT), "c′ is still current");
        // generation 1 is the one made with k = 1 (same c′, same prompt): it is reused, not asked again
        List<RecordedRequest> generations = h.requests(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS)
                .subList(questions - 1, questions + 2);
        Set<String> systems = generations.stream().map(r -> r.messageContents().get(0)).collect(Collectors.toSet());
        assertEquals(3, systems.size(), "each generation leans towards other questions");
        List<AnticipatedQuestion> merged = h.learned.latestAnticipatedQuestions(id);
        assertEquals(10, merged.size(), "the three generations ask the same ten questions; duplicates are merged");
        long total = h.ollama.replies().stream().filter(r -> generations.contains(r.request()))
                .mapToLong(r -> r.promptEvalCount() + r.evalCount()).sum();
        assertEquals(total, merged.stream().mapToLong(q -> q.promptTokens() + q.completionTokens()).sum(),
                "the merged questions carry the cost of all three generations");
        assertNotEquals(0, total);
    }
}
