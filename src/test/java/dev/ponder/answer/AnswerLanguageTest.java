package dev.ponder.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.DocumentImporter;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.ImportProgress;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.search.LanguageDetection;
import dev.ponder.search.SectionIndex;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.TestTimeActivity;
import dev.ponder.store.Citation;
import dev.ponder.store.Database;
import dev.ponder.store.Exchange;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.testing.Asking;
import dev.ponder.testing.Corpus;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test-time answers are asked for in the question's language (issue 15): a French and a German
 * question about the corpus's French slides and German class manual, against the Ollama-protocol
 * test server, read from the request it recorded.
 */
class AnswerLanguageTest {

    private static final Pattern SOURCE = Pattern.compile("<source-[0-9a-f]+ label=\"(S\\d+)\"[^>]*>(.*?)</source-[0-9a-f]+>",
            Pattern.DOTALL);

    @TempDir
    static Path dir;
    private static OllamaTestServer ollama;
    private static Database db;
    private static SectionIndex index;
    private static LibraryRepository library;
    private static OllamaModelServer modelServer;
    private static ExecutorService executor;
    private static AnswerService answers;
    private static long slides;
    private static long manual;

    @BeforeAll
    static void importDocuments() {
        LanguageDetection.warmUp();
        ollama = OllamaTestServer.start();
        db = Database.open(dir);
        library = new LibraryRepository(db);
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        index = SectionIndex.open(dir, library);
        DocumentImporter importer = new DocumentImporter(library, embedder, index);
        slides = imported(importer.importFile(Corpus.real("formation-latex-ul-diapos-fr.pdf"), Optional.empty(),
                ImportProgress.NONE));
        manual = imported(importer.importFile(Corpus.sample("hausarbeit-jura-de.pdf"), Optional.empty(),
                ImportProgress.NONE));
        Settings settings = Settings.defaults(dir).withOllamaUrl(ollama.url())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2));
        modelServer = new OllamaModelServer(settings);
        executor = Executors.newSingleThreadExecutor();
        answers = new AnswerService(library, new ExchangeRepository(db), new LearnedContextRepository(db), embedder,
                new Retriever(library, embedder, index), modelServer, settings, executor, new TestTimeActivity());
    }

    private static long imported(ImportOutcome outcome) {
        return ((ImportOutcome.Imported) outcome).document().id();
    }

    @AfterAll
    static void close() {
        executor.shutdownNow();
        modelServer.close();
        index.close();
        db.close();
        ollama.close();
    }

    @Test
    void aFrenchQuestionAsksForAFrenchAnswerAfterTheSources() throws Exception {
        ollama.answerWith(r -> "Il enseigne à l'École d'actuariat " + labelOf(r, "actuariat") + ".");

        Exchange e = ask("Dans quelle école enseigne Vincent Goulet ?", slides);

        RecordedRequest request = ollama.lastChatRequest().orElseThrow();
        String system = request.messageContents().get(request.messageRoles().indexOf("system"));
        assertTrue(system.contains("Answer in the language the question is written in"), system);
        String user = request.lastUserMessage().orElseThrow();
        assertTrue(user.endsWith("Question: Dans quelle école enseigne Vincent Goulet ?\n"
                + "Answer in French, the language of the question."), user);
        assertEquals("Il enseigne à l'École d'actuariat [p. 2].", e.answer());
        assertEquals(List.of(new Citation(slides, "formation-latex-ul-diapos-fr.pdf", 2)), e.citations());
    }

    @Test
    void aGermanQuestionAsksForAGermanAnswerAndThePromptIsTheSameUpToTheQuestion() throws Exception {
        ollama.answerWith(r -> "Mit den Unicode-Engines " + labelOf(r, "Unicode-Engines") + ".");

        ask("Mit welchen Engines kann die Klasse genutzt werden?", manual);
        String german = ollama.lastChatRequest().orElseThrow().lastUserMessage().orElseThrow();
        ask("Which TeX engines can the class be used with?", manual);
        String english = ollama.lastChatRequest().orElseThrow().lastUserMessage().orElseThrow();

        assertTrue(german.endsWith("Answer in German, the language of the question."), german);
        assertTrue(english.endsWith("Answer in English, the language of the question."), english);
        assertFalse(german.substring(0, german.indexOf("Question: ")).contains("Answer in"),
                "nothing that depends on the question comes before it");
    }

    /**
     * A small model that answers in English anyway: the answer is shown as written, with its
     * citations; it is neither retried (another call would cost the test-time tokens again, and a
     * small model tends to do the same again) nor hidden.
     */
    @Test
    void anAnswerInEnglishToAFrenchQuestionIsStillShownWithItsCitations() throws Exception {
        ollama.answerWith(r -> "He teaches at the École d'actuariat " + labelOf(r, "actuariat") + ".");
        int calls = ollama.requestCount("/api/chat");

        Exchange e = ask("Dans quelle école enseigne Vincent Goulet ?", slides);

        assertEquals(Exchange.Status.ANSWERED, e.status());
        assertEquals("He teaches at the École d'actuariat [p. 2].", e.answer());
        assertEquals(List.of(new Citation(slides, "formation-latex-ul-diapos-fr.pdf", 2)), e.citations());
        assertEquals(calls + 1, ollama.requestCount("/api/chat"), "one call, no retry");
    }

    private static Exchange ask(String question, long document) throws Exception {
        Exchange e = Asking.ask(answers, AnswerRequest.of(question, List.of(document)), 60);
        assertEquals(Exchange.Status.ANSWERED, e.status(), () -> e.error().orElse(""));
        return e;
    }

    /** The label of the quoted source holding {@code fact}, in brackets. */
    private static String labelOf(RecordedRequest request, String fact) {
        Matcher m = SOURCE.matcher(request.lastUserMessage().orElse(""));
        while (m.find()) {
            if (m.group(2).contains(fact)) {
                return "[" + m.group(1) + "]";
            }
        }
        return "";
    }
}
