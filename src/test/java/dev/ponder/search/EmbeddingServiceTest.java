package dev.ponder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.Embedder;
import dev.ponder.llm.EmbeddingException;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.ServerEmbedder;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.Settings;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.EmbeddingRepository;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.OpenAiTestServer;
import dev.ponder.testing.TestModel;
import dev.ponder.testing.TestVectors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embeddings from the model server: choosing a model re-embeds the library in the background with
 * progress, questions keep the old vectors until every row has a new one, each vector records its
 * model, and a server that fails stops the move with a sentence (against the Ollama-protocol and
 * OpenAI-compatible test servers, whose vectors stand in for a model's).
 */
class EmbeddingServiceTest {

    private static final String NOMIC = "ollama:nomic-embed-text";
    private static final int PAGES = 70;

    @TempDir
    Path dir;
    private Database db;
    private LibraryRepository library;
    private LearnedContextRepository learned;
    private EmbeddingRepository embeddings;
    private OllamaTestServer ollama;
    private EmbeddingService service;
    private long doc;

    @BeforeEach
    void setUp() {
        ollama = OllamaTestServer.start(TestModel.chat("llama3.2", 131072), TestModel.embedding("nomic-embed-text"));
        db = Database.open(dir);
        library = new LibraryRepository(db);
        learned = new LearnedContextRepository(db);
        embeddings = new EmbeddingRepository(db);
        doc = library.add(new NewDocument(Optional.of("ab".repeat(32)), "ledger.pdf", dir.resolve("ledger.pdf"), 1),
                DocumentStatus.IMPORTING, Optional.empty());
        List<PageText> pages = new ArrayList<>();
        List<SectionEntry> sections = new ArrayList<>();
        for (int p = 1; p <= PAGES; p++) {
            String text = "Ledger page " + p + ": account " + (4100 + p) + " holds " + 250 * p + " euros.";
            pages.add(new PageText(p, text, true));
            sections.add(new SectionEntry(0, doc, p - 1, p, p, text, String.format("%064x", p), unit(384, p)));
        }
        library.storeContent(doc, pages, sections, Optional.empty());
        LearnedContextEntry c = learned.saveLearnedContext(doc, "key", "llama3.2", "v", "{}", "c′", 10, 100, "learned-context");
        learned.saveAnticipatedQuestions(doc, c.id(), "q", List.of(new AnticipatedQuestion(0, doc, c.id(), 0,
                "What does account 4101 hold?", "250 euros.", List.of(1), unit(384, 1), 1, 10, 5)), "anticipated-questions");
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        db.close();
        ollama.close();
    }

    private EmbeddingService service(Supplier<Settings> settings) {
        MiniLmEmbedder builtIn = new MiniLmEmbedder();
        service = new EmbeddingService(embeddings, learned, id -> ServerEmbedder.forModel(id, settings, builtIn));
        return service;
    }

    private Settings settings() {
        return Settings.defaults(dir).withOllamaUrl(ollama.url());
    }

    @Test
    void choosingAServerModelReEmbedsInTheBackgroundWithProgressAndSwitchesWhenEveryVectorIsThere() throws Exception {
        EmbeddingService s = service(this::settings);
        assertEquals(EmbeddingRepository.BUILT_IN_MODEL, s.status().active());
        assertEquals(MiniLmEmbedder.MODEL_ID, EmbeddingRepository.BUILT_IN_MODEL);
        List<EmbeddingService.Status> seen = new CopyOnWriteArrayList<>();
        CountDownLatch switched = new CountDownLatch(1);
        List<String> activeWhileMoving = new CopyOnWriteArrayList<>();
        s.addListener(st -> {
            seen.add(st);
            if (st.moving() && st.done() > 0) {
                // the questions asked meanwhile still compare the old model's vectors
                activeWhileMoving.add(embeddings.choice().active());
                activeWhileMoving.add(library.sections(List.of(doc), EmbeddingRepository.BUILT_IN_MODEL).get(0)
                        .embedding().length == 384 ? "old vectors in place" : "old vectors gone");
            }
            if (st.active().equals(NOMIC)) {
                switched.countDown();
            }
        });

        s.choose(NOMIC);

        assertTrue(switched.await(60, TimeUnit.SECONDS), () -> "still " + s.status());
        assertEquals(new EmbeddingRepository.Choice(NOMIC, Optional.empty()), embeddings.choice());
        assertTrue(activeWhileMoving.contains(EmbeddingRepository.BUILT_IN_MODEL), activeWhileMoving::toString);
        assertFalse(activeWhileMoving.contains("old vectors gone"), activeWhileMoving::toString);
        List<Integer> done = seen.stream().filter(EmbeddingService.Status::moving).map(EmbeddingService.Status::done).toList();
        assertTrue(done.size() >= 3, "progress in batches: " + done);
        for (int i = 1; i < done.size(); i++) {
            assertTrue(done.get(i) >= done.get(i - 1), "progress went backwards: " + done);
        }
        assertEquals(PAGES + 1, seen.get(seen.size() - 1).total(), "every section and anticipated question");
        List<SectionEntry> now = library.sections(List.of(doc), NOMIC);
        assertTrue(now.stream().allMatch(e -> e.embedding().length == TestVectors.DIMENSIONS));
        assertTrue(library.sections(List.of(doc), EmbeddingRepository.BUILT_IN_MODEL).stream()
                .allMatch(e -> e.embedding().length == 0), "no vector of another model is handed out as comparable");
        AnticipatedQuestion q = learned.anticipatedQuestionsOf(learned.latestLearnedContext(doc).orElseThrow().id(), NOMIC).get(0);
        assertEquals(TestVectors.DIMENSIONS, q.embedding().length);
        assertEquals(NOMIC, s.embedder().modelId());
        assertEquals(TestVectors.DIMENSIONS, s.embedder().embed("account 4101").length);
        assertTrue(ollama.requests("/api/embed").size() >= (PAGES + 1) / EmbeddingService.BATCH);

        // a document imported now is embedded by the server model, and its vectors say so
        dev.ponder.document.ImportOutcome imported = new dev.ponder.document.DocumentImporter(library, s.embedder())
                .importFile(dev.ponder.testing.Corpus.tricky("ligatures-cm-type1.pdf"), Optional.empty(),
                        dev.ponder.document.ImportProgress.NONE);
        long added = ((dev.ponder.document.ImportOutcome.Imported) imported).document().id();
        assertTrue(library.sections(List.of(added), NOMIC).stream().allMatch(e -> e.embedding().length == TestVectors.DIMENSIONS));
        assertTrue(library.sections(List.of(added), EmbeddingRepository.BUILT_IN_MODEL).stream()
                .allMatch(e -> e.embedding().length == 0));
    }

    @Test
    void aServerThatIsDownStopsTheMoveWithASentenceAndTheLibraryKeepsItsModel() throws Exception {
        EmbeddingService s = service(this::settings);
        CountDownLatch stopped = new CountDownLatch(1);
        s.addListener(st -> {
            if (st.problem().isPresent()) {
                stopped.countDown();
            }
        });
        ollama.stop();

        s.choose(NOMIC);

        assertTrue(stopped.await(30, TimeUnit.SECONDS));
        String problem = s.status().problem().orElseThrow();
        assertEquals("Ollama is not running at " + ollama.url() + " — start it, or choose the built-in embedding "
                + "model in Settings.", problem);
        assertEquals(EmbeddingRepository.BUILT_IN_MODEL, embeddings.choice().active());
        assertEquals(Optional.of(NOMIC), embeddings.choice().target(), "resumed at the next start");
        assertEquals(384, library.sections(List.of(doc), EmbeddingRepository.BUILT_IN_MODEL).get(0).embedding().length);
    }

    @Test
    void aChatModelChosenAsEmbeddingModelIsRefusedWithTheServersWords() {
        Embedder chat = ServerEmbedder.forModel("ollama:llama3.2", this::settings, new MiniLmEmbedder());
        EmbeddingException e = org.junit.jupiter.api.Assertions.assertThrows(EmbeddingException.class,
                () -> chat.embed("hello"));
        assertEquals("Ollama could not embed text with llama3.2: \"llama3.2\" does not support embeddings — choose "
                + "another embedding model in Settings.", e.getMessage());
    }

    @Test
    void anOpenAiCompatibleServerEmbedsThroughV1EmbeddingsWithTheKey() {
        try (OpenAiTestServer server = OpenAiTestServer.start("text-embedding-nomic-embed-text-v1.5")) {
            server.requireApiKey("sk-test");
            Settings settings = Settings.defaults(dir).withOpenAi(new OpenAiEndpoint(server.url(), "sk-test"))
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
            Embedder e = ServerEmbedder.forModel(ServerEmbedder.idOf("text-embedding-nomic-embed-text-v1.5", settings),
                    () -> settings, new MiniLmEmbedder());
            List<float[]> v = e.embedAll(List.of("account 4101", "vault combination"));
            assertEquals(2, v.size());
            assertEquals(TestVectors.DIMENSIONS, v.get(0).length);
            assertEquals(1.0, norm(v.get(1)), 1e-5);
            assertEquals("openai:text-embedding-nomic-embed-text-v1.5", e.modelId());
            assertEquals(List.of("Bearer sk-test"), server.authorizations());
        }
    }

    private static double norm(float[] v) {
        double n = 0;
        for (float f : v) {
            n += f * f;
        }
        return Math.sqrt(n);
    }

    private static float[] unit(int dimensions, int hot) {
        float[] v = new float[dimensions];
        v[hot % dimensions] = 1;
        return v;
    }
}
