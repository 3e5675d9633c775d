package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.DocumentImporter;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.LibraryService;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.SleepStepEntry;
import dev.ponder.testing.ChatReply;
import dev.ponder.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sleep-time compute end to end: idle detection, the three steps, H2, accounting, over real HTTP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SleepTimeServiceTest {

    /** A service note of twelve pages, each with facts a person might ask about. */
    static final String[] SERVICE_NOTE = {
        "Model Q7 Widget Service Note. The warranty lasts 27 months from the date of purchase.",
        "The hotline number is 555-0142. The hotline is open on weekdays.",
        "Filters are cleaned every 90 days. Dirty filters void the warranty.",
        "The maximum load of the widget is 45 kg. Overloading bends the frame.",
        "Article 1 covers installation. Article 2 covers cleaning. Article 3 covers storage.",
        "The codename of the project is BLUE HERON. The project started in Oslo.",
        "Replacement parts are shipped within 5 working days. Parts are sent from Rotterdam.",
        "The service fee is 55 euros per visit. Visits are booked online.",
        "The widget must be stored between 5 and 30 degrees Celsius. Frost damages the seals.",
        "Batteries last 400 charge cycles. Old batteries are recycled by the dealer.",
        "The display shows error E7 when the motor overheats. The motor cools down in 10 minutes.",
        "Inspections take place every 12 months. The inspector signs the logbook.",
    };

    @TempDir
    Path dir;
    private SleepTimeHarness h;

    @BeforeEach
    void setUp() {
        h = new SleepTimeHarness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void afterTheIdleThresholdADocumentReachesReadyWithItsLearnedContextAndAnticipatedQuestions() throws Exception {
        long id = h.addDocument("service-note.pdf", SERVICE_NOTE);

        SleepTimeStatus active = h.awaitState(SleepTimeState.USER_ACTIVE);
        assertEquals("Thinking starts after 20 s without input", active.sentence(),
                "no input since the start: nobody has been active yet");
        h.clock.advance(Duration.ofSeconds(19));
        Thread.sleep(300);
        assertEquals(0, h.ollama.requestCount("/api/chat"), "no sleep-time call before the idle threshold");

        h.clock.advance(Duration.ofSeconds(2));
        SleepTimeStatus ready = h.awaitState(SleepTimeState.READY);
        assertEquals("Ready: 10 questions anticipated", ready.sentence());
        assertEquals(1, ready.documentsReady());
        assertEquals(10, ready.anticipatedQuestions());

        LearnedContextEntry c = h.learned.latestLearnedContext(id).orElseThrow();
        assertEquals(1, c.version());
        assertTrue(c.rendered().contains("Summary: "), c.rendered());
        assertTrue(c.rendered().contains("The warranty lasts 27 months from the date of purchase. [p. 1]"), c.rendered());
        assertTrue(c.rendered().contains("- articles (3): Article 1 covers installation. [p. 5]"), c.rendered());
        assertTrue(c.renderedTokens() <= c.budgetTokens());
        assertEquals(2048, c.budgetTokens(), "a quarter of num_ctx 8192");

        List<AnticipatedQuestion> questions = h.learned.latestAnticipatedQuestions(id);
        assertEquals(10, questions.size());
        for (AnticipatedQuestion q : questions) {
            assertTrue(q.question().endsWith("?"), q.question());
            assertFalse(q.answer().isBlank());
            assertFalse(q.pages().isEmpty(), q.question());
            assertTrue(q.pages().stream().allMatch(p -> p >= 1 && p <= SERVICE_NOTE.length));
            assertEquals(384, q.embedding().length);
            assertEquals(c.id(), q.learnedContextId());
        }
        assertTrue(questions.stream().anyMatch(q -> q.answer().contains("27 months") && q.pages().equals(List.of(1))));

        DocumentSleepState state = h.service().documentState(id).orElseThrow();
        assertEquals(DocumentSleepState.Phase.READY, state.phase());
        assertEquals("Ready: 10 questions anticipated", state.sentence());
        for (String step : SleepTimeHarness.STEPS) {
            assertEquals(SleepStepEntry.Status.DONE, h.sleep.steps(id).get(step).status(), step);
        }
    }

    @Test
    void aNewlyImportedDocumentGetsItsSleepTimeJobsWithoutBeingAskedFor() throws Exception {
        h.service();
        h.awaitState(SleepTimeState.NO_DOCUMENTS);
        try (LibraryService library = new LibraryService(h.library, new DocumentImporter(h.library, new HashingEmbedder()))) {
            library.addListener(h.service());
            ImportOutcome outcome = library.open(Path.of("sample-docs", "us-constitution-bill-of-rights.pdf")
                    .toAbsolutePath()).get(60, TimeUnit.SECONDS);
            long id = ((ImportOutcome.Imported) outcome).document().id();

            h.awaitDocument(id, DocumentSleepState.Phase.WAITING_FOR_IDLE);
            assertEquals("Thinking starts after 20 s without input", h.awaitState(SleepTimeState.USER_ACTIVE).sentence());
            h.personAway();
            h.awaitDocument(id, DocumentSleepState.Phase.READY);
            assertTrue(h.learned.latestLearnedContext(id).isPresent());
        }
    }

    @Test
    void everySleepTimeCallIsAccountedWithTheTokensOllamaMeasured() throws Exception {
        long id = h.addDocument("service-note.pdf", SERVICE_NOTE);
        h.personAway();
        h.awaitState(SleepTimeState.READY);

        List<ChatReply> replies = h.ollama.replies();
        assertEquals(h.ollama.requestCount("/api/chat"), replies.size());
        long prompt = replies.stream().mapToLong(ChatReply::promptEvalCount).sum();
        long completion = replies.stream().mapToLong(ChatReply::evalCount).sum();
        DocumentInsights insights = h.service().insights(id).orElseThrow();
        assertEquals(prompt, insights.sleepPromptTokens());
        assertEquals(completion, insights.sleepCompletionTokens());
        assertEquals(replies.size(), h.count("SELECT COUNT(*) FROM sleep_calls WHERE outcome = 'OK'"));
        long questionShares = h.learned.latestAnticipatedQuestions(id).stream()
                .mapToLong(q -> q.promptTokens() + q.completionTokens()).sum();
        long questionCalls = h.requests(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS).size();
        assertEquals(1, questionCalls);
        ChatReply questionReply = replies.stream().filter(r -> ScriptedSleepModel.Task.of(r.request()).orElseThrow()
                == ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS).findFirst().orElseThrow();
        assertEquals(questionReply.promptEvalCount() + questionReply.evalCount(), questionShares,
                "the questions' shares add up to what their generation cost");

        for (RecordedRequest r : h.ollama.requests("/api/chat")) {
            assertEquals("object", r.format().path("type").asText(), "sleep-time sends a JSON schema as format");
            assertFalse(r.format().path("required").isEmpty(), "with its required fields");
            assertTrue(r.stream(), "sleep-time calls stream, so they can be cancelled");
            assertEquals(8192, r.numCtx().orElseThrow());
        }
    }
}
