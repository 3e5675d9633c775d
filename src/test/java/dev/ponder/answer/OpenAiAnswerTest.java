package dev.ponder.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OpenAiModelServer;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.TestTimeActivity;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.Exchange;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.search.SectionIndex;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import dev.ponder.testing.ChatReply;
import dev.ponder.testing.OpenAiTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answering through an OpenAI-compatible server, with a real H2 file and the real MiniLM embedder:
 * the streamed answer and the server's token usage are stored with the exchange; a refused key
 * is stored as a failed exchange with its one sentence.
 */
class OpenAiAnswerTest {

    private static final String MODEL = "llama-3.2-3b-instruct";
    private static final String KEY = "sk-local";
    private static final String PAGE = "Warranty terms. The warranty is 27 months from the date of purchase.";

    @TempDir
    Path dir;
    private OpenAiTestServer openAi;
    private Database db;
    private LibraryRepository library;
    private SectionIndex index;
    private ExchangeRepository exchanges;
    private OpenAiModelServer modelServer;
    private ExecutorService executor;
    private MiniLmEmbedder embedder;
    private long doc;

    @BeforeEach
    void setUp() {
        openAi = OpenAiTestServer.start(MODEL);
        openAi.requireApiKey(KEY);
        db = Database.open(dir);
        library = new LibraryRepository(db);
        index = SectionIndex.open(dir, library);
        exchanges = new ExchangeRepository(db);
        embedder = new MiniLmEmbedder();
        executor = Executors.newSingleThreadExecutor();
        doc = library.add(new NewDocument(Optional.of("ab".repeat(32)), "widget.pdf", dir.resolve("widget.pdf"), 1000),
                DocumentStatus.IMPORTING, Optional.empty());
        library.storeContent(doc, List.of(new PageText(1, PAGE, true)),
                List.of(new SectionEntry(0, doc, 0, 1, 1, PAGE, "cd".repeat(32), embedder.embed(PAGE))), Optional.empty());
        index.refresh(doc);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        if (modelServer != null) {
            modelServer.close();
        }
        index.close();
        db.close();
        openAi.close();
    }

    @Test
    void aStreamedAnswerIsStoredWithTheTokenUsageTheServerReported() throws Exception {
        openAi.answerWith("The warranty is 27 months from the date of purchase.");
        StringBuilder streamed = new StringBuilder();

        Exchange e = ask(KEY, streamed);

        assertEquals(Exchange.Status.ANSWERED, e.status(), () -> e.error().orElse(""));
        assertEquals(Exchange.MODE_BASELINE, e.mode());
        assertTrue(e.answer().startsWith("The warranty is 27 months"), e.answer());
        assertTrue(streamed.toString().startsWith("The warranty is 27 months"), streamed::toString);
        ChatReply reply = openAi.replies().get(0);
        assertEquals(reply.promptEvalCount(), e.promptTokens());
        assertEquals(reply.evalCount(), e.completionTokens());
        assertTrue(e.promptTokens() > 20, "the prompt carries the document: " + e.promptTokens());

        Exchange stored = exchanges.find(e.id()).orElseThrow();
        assertEquals(e.promptTokens(), stored.promptTokens());
        assertEquals(e.completionTokens(), stored.completionTokens());
        assertEquals(Optional.of(MODEL), stored.model());
    }

    @Test
    void aRefusedKeyIsStoredAsAFailedExchangeWithOneSentence() throws Exception {
        Exchange e = ask("sk-wrong", new StringBuilder());

        assertEquals(Exchange.Status.FAILED, e.status());
        String error = e.error().orElseThrow();
        assertTrue(error.contains("refused the API key (HTTP 401)") && error.endsWith("."), error);
        assertEquals(0, openAi.replies().size(), "no answer was generated");
        assertEquals(Optional.of(error), exchanges.find(e.id()).orElseThrow().error());
    }

    private Exchange ask(String key, StringBuilder streamed) throws Exception {
        Settings settings = Settings.defaults(dir).withOpenAi(new OpenAiEndpoint(openAi.url(), key))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2));
        modelServer = new OpenAiModelServer(settings);
        AnswerService service = new AnswerService(library, exchanges, new LearnedContextRepository(db), embedder,
                new Retriever(library, embedder, index), modelServer, settings, executor, new TestTimeActivity());
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        service.ask(AnswerRequest.of("How long is the warranty?", List.of(doc)), new AnswerListener() {
            @Override
            public void onText(String text) {
                streamed.append(text);
            }

            @Override
            public void onFinished(Exchange exchange) {
                done.complete(exchange);
            }
        });
        return done.get(30, TimeUnit.SECONDS);
    }
}
