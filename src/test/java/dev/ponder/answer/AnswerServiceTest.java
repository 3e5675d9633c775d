package dev.ponder.answer;

import dev.ponder.llm.TokenEstimate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.store.Citation;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.Exchange;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.sleeptime.TestTimeActivity;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.search.SectionIndex;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import dev.ponder.testing.ChatReply;
import dev.ponder.testing.Fault;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.TestModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baseline answers end to end: real H2 file, real embeddings, real HTTP to the Ollama-protocol test server. */
class AnswerServiceTest {

    private static final Pattern SOURCE = Pattern.compile("<source-[0-9a-f]+ label=\"(S\\d+)\"[^>]*>(.*?)</source-[0-9a-f]+>", Pattern.DOTALL);
    private static MiniLmEmbedder embedder;

    @TempDir
    Path dir;
    private OllamaTestServer ollama;
    private Database db;
    private LibraryRepository library;
    private SectionIndex index;
    private ExchangeRepository exchanges;
    private OllamaModelServer modelServer;
    private ExecutorService executor;
    private long docId;

    @BeforeAll
    static void loadEmbedder() {
        embedder = new MiniLmEmbedder();
    }

    @BeforeEach
    void setUp() {
        ollama = OllamaTestServer.start();
        db = Database.open(dir);
        library = new LibraryRepository(db);
        index = SectionIndex.open(dir, library);
        exchanges = new ExchangeRepository(db);
        docId = addDocument("service-note.pdf",
                "Model Q7 Widget Service Note. Filters are cleaned every 90 days. Call the hotline at 555-0142.",
                "Warranty terms. The warranty is 27 months from the date of purchase. The maximum load is 45 kg.");
        executor = Executors.newSingleThreadExecutor();
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
        ollama.close();
    }

    /** One section per page, embedded with the real model. */
    private long addDocument(String name, String... pages) {
        long id = library.add(new NewDocument(Optional.of(Integer.toHexString(name.hashCode()).repeat(8).substring(0, 64)),
                name, dir.resolve(name), 1000), DocumentStatus.IMPORTING, Optional.empty());
        List<PageText> pageTexts = new ArrayList<>();
        List<SectionEntry> sections = new ArrayList<>();
        for (int i = 0; i < pages.length; i++) {
            pageTexts.add(new PageText(i + 1, pages[i], true));
            sections.add(new SectionEntry(0, id, i, i + 1, i + 1, pages[i], "0".repeat(64), embedder.embed(pages[i])));
        }
        library.storeContent(id, pageTexts, sections, Optional.empty());
        index.refresh(id);
        return id;
    }

    private AnswerService service(Settings settings) {
        modelServer = new OllamaModelServer(settings);
        return new AnswerService(library, exchanges, new LearnedContextRepository(db), embedder,
                new Retriever(library, embedder, index), modelServer, settings, executor,
                new TestTimeActivity());
    }

    private Settings settings() {
        return Settings.defaults(dir).withOllamaUrl(ollama.url())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    /** A scripted model that answers with the sentence holding {@code fact} and cites the source it sat in. */
    private static String citeSourceContaining(RecordedRequest request, String fact) {
        Matcher m = SOURCE.matcher(request.lastUserMessage().orElse(""));
        while (m.find()) {
            if (m.group(2).contains(fact)) {
                return "The warranty is " + fact + " [" + m.group(1) + "].";
            }
        }
        return "The documents do not say.";
    }

    private static Exchange await(AnswerService service, String question, List<Long> scope, StringBuilder streamed)
            throws Exception {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        service.ask(question, scope, new AnswerListener() {
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

    /** Issue #17: the time to first token is split into the answer's steps, which add up to it. */
    @Test
    void theStepsOfAnAnswerAddUpToItsTimeToFirstToken() throws Exception {
        ollama.answerWith(r -> citeSourceContaining(r, "27 months"));
        ollama.setLoadDelay(Duration.ofMillis(150));  // the server reads the prompt before its first token
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        List<AnswerSteps.Step> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        service(settings()).ask("How long is the warranty?", List.of(docId), new AnswerListener() {
            @Override
            public void onText(String text) {
            }

            @Override
            public void onSteps(List<AnswerSteps.Step> marked) {
                assertTrue(!done.isDone(), "the steps come before the exchange");
                steps.addAll(marked);
            }

            @Override
            public void onFinished(Exchange exchange) {
                done.complete(exchange);
            }
        });
        Exchange e = done.get(30, TimeUnit.SECONDS);

        assertEquals(Exchange.Status.ANSWERED, e.status(), () -> e.error().orElse(""));
        assertEquals(List.of("waited for the answer thread", "documents", "question embedded", "learned contexts",
                "retrieved", "model", "prompt", "sent", "first token"), steps.stream().map(AnswerSteps.Step::name).toList());
        assertTrue(steps.stream().allMatch(s -> s.nanos() >= 0), steps.toString());
        long sumMs = steps.stream().mapToLong(AnswerSteps.Step::nanos).sum() / 1_000_000;
        long firstTokenMs = e.firstTokenMs().orElseThrow();
        assertTrue(sumMs >= firstTokenMs && sumMs <= firstTokenMs + 1, sumMs + " ms of steps, first token " + firstTokenMs);
        long server = (steps.get(steps.size() - 2).nanos() + steps.get(steps.size() - 1).nanos()) / 1_000_000;
        assertTrue(server >= 150, "the server's wait before its first token is in the last steps (sent, first token): "
                + steps);
    }

    @Test
    void streamedAnswerCitesThePageItCameFromAndStoresTheMeasuredTokens() throws Exception {
        ollama.answerWith(r -> citeSourceContaining(r, "27 months"));
        StringBuilder streamed = new StringBuilder();

        Exchange e = await(service(settings()), "How long is the warranty?", List.of(docId), streamed);

        assertEquals(Exchange.Status.ANSWERED, e.status(), () -> e.error().orElse(""));
        assertEquals("The warranty is 27 months [p. 2].", e.answer());
        assertEquals(e.answer(), streamed.toString(), "what streamed is what was stored");
        assertEquals(List.of(new Citation(docId, "service-note.pdf", 2)), e.citations());
        ChatReply reply = ollama.lastReply().orElseThrow();
        assertEquals(reply.promptEvalCount(), e.promptTokens());
        assertEquals(reply.evalCount(), e.completionTokens());
        assertEquals("baseline", e.mode());
        assertTrue(e.firstTokenMs().isPresent() && e.firstTokenMs().get() <= e.latencyMs());

        Exchange stored = exchanges.recent(1).get(0);
        assertEquals(e.id(), stored.id());
        assertEquals(e.citations(), stored.citations());
        assertEquals(reply.promptEvalCount(), stored.promptTokens());
    }

    @Test
    void numCtxIsTheModelsContextCappedBySettingAndThePromptFitsIt() throws Exception {
        ollama.setModels(TestModel.chat("llama3.2", 131072));
        Exchange big = await(service(settings()), "How long is the warranty?", List.of(), new StringBuilder());
        assertEquals(Exchange.Status.ANSWERED, big.status());
        assertEquals(Optional.of(Settings.DEFAULT_MAX_CONTEXT_TOKENS), ollama.lastChatRequest().orElseThrow().numCtx());
        assertEquals(Optional.of(Settings.DEFAULT_ANSWER_TOKENS), ollama.lastChatRequest().orElseThrow().numPredict());

        modelServer.close();
        ollama.setModels(TestModel.chat("tiny", 1024));
        for (int i = 0; i < 30; i++) {
            addDocument("ledger-" + i + ".pdf", ("Ledger entry " + i + " records a routine payment of 10 euros. ").repeat(30));
        }
        Exchange small = await(service(settings()), "How long is the warranty?", List.of(), new StringBuilder());
        assertEquals(Exchange.Status.ANSWERED, small.status(), () -> small.error().orElse(""));
        RecordedRequest request = ollama.lastChatRequest().orElseThrow();
        assertEquals(Optional.of(1024), request.numCtx());
        assertEquals(Optional.of(1024 / 3), request.numPredict(), "a small context gives the answer a third of it");
        int estimated = request.messageContents().stream().mapToInt(TokenEstimate::of).sum();
        assertTrue(estimated + 1024 / 3 <= 1024, "estimated prompt " + estimated);
        assertTrue(ollama.lastReply().orElseThrow().promptEvalCount() + 1024 / 3 <= 1024, "measured prompt fits too");
    }

    @Test
    void ollamaDownGivesASentenceWithTheAddressAndKeepsTheQuestion() throws Exception {
        Settings down = settings().withOllamaUrl(OllamaTestServer.unusedUrl());
        Exchange e = await(service(down), "How long is the warranty?", List.of(docId), new StringBuilder());

        assertEquals(Exchange.Status.FAILED, e.status());
        String sentence = e.error().orElseThrow();
        assertTrue(sentence.contains(down.ollamaUrl().toString()) && sentence.contains("ollama serve"), sentence);
        assertEquals("How long is the warranty?", exchanges.recent(1).get(0).question());
    }

    @Test
    void errorLineMidStreamKeepsThePartialAnswerAndSaysWhatHappened() throws Exception {
        ollama.answerWith("The warranty is twenty seven months long and covers parts and labour.");
        ollama.failNext(Fault.ERROR_LINE_MID_STREAM);
        StringBuilder streamed = new StringBuilder();
        Exchange e = await(service(settings()), "How long is the warranty?", List.of(docId), streamed);

        assertEquals(Exchange.Status.FAILED, e.status());
        assertTrue(e.error().orElseThrow().contains(OllamaTestServer.MID_STREAM_ERROR), e.error().orElseThrow());
        assertEquals(streamed.toString(), e.answer());
        assertTrue(e.answer().startsWith("The"), e.answer());
    }

    @Test
    void askingWhileTheOnlyOtherDocumentIsStillBeingReadSaysSoRatherThanThatThereIsNone() throws Exception {
        long reading = library.add(new NewDocument(Optional.of("ab".repeat(32)), "big.pdf", dir.resolve("big.pdf"), 1000),
                DocumentStatus.IMPORTING, Optional.empty());
        library.delete(docId);

        Exchange e = await(service(settings()), "How long is the warranty?", List.of(), new StringBuilder());

        assertEquals(Exchange.Status.FAILED, e.status());
        assertEquals("Ponder is still reading your documents — ask again once one says Ready.", e.error().orElseThrow());
        library.delete(reading);
        Exchange none = await(service(settings()), "How long is the warranty?", List.of(), new StringBuilder());
        assertEquals("There are no readable documents to ask about yet — add a PDF first (drop it onto the window or "
                + "choose File ▸ Open…).", dev.ponder.settings.Advice.forWindow(none.error().orElseThrow(), "Retry"));
        assertEquals("There are no readable documents to ask about yet — add a PDF first (run `ponder import FILE`).",
                dev.ponder.settings.Advice.forTerminal(none.error().orElseThrow()));
    }

    @Test
    void aDroppedConnectionKeepsThePartialAnswerAsAMidStreamErrorDoes() throws Exception {
        ollama.answerWith("The warranty is twenty seven months long and covers parts and labour.");
        ollama.setTokenDelay(Duration.ofMillis(20));
        ollama.failNext(Fault.DROP_MID_STREAM);
        StringBuilder streamed = new StringBuilder();
        Exchange e = await(service(settings()), "How long is the warranty?", List.of(docId), streamed);

        assertEquals(Exchange.Status.FAILED, e.status());
        assertTrue(e.answer().startsWith("The warranty is"), "the words that came are kept: " + e.answer());
        assertEquals(streamed.toString(), e.answer());
        assertTrue(e.error().orElseThrow().contains("broke off"), e.error().orElseThrow());
    }

    @Test
    void stopClosesTheModelsStreamAndStoresWhatHadArrived() throws Exception {
        ollama.answerWith("one two three four five six seven eight nine ten eleven twelve thirteen fourteen");
        ollama.setTokenDelay(Duration.ofMillis(150));
        AnswerService service = service(settings());
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        AnswerHandle handle = askUntilFirstText(service, "Count", done);
        handle.stop();
        Exchange e = done.get(10, TimeUnit.SECONDS);

        assertEquals(Exchange.Status.STOPPED, e.status());
        assertTrue(e.answer().startsWith("one"), e.answer());
        assertTrue(ollama.awaitStreamsClosedByClient(1, Duration.ofSeconds(5)), "the server saw the stream closed");
    }

    /** Asks {@code question} about the document and returns once its first text arrived; {@code done} gets the exchange. */
    private AnswerHandle askUntilFirstText(AnswerService service, String question, CompletableFuture<Exchange> done)
            throws Exception {
        CompletableFuture<Void> firstText = new CompletableFuture<>();
        AnswerHandle handle = service.ask(question, List.of(docId), new AnswerListener() {
            @Override
            public void onText(String text) {
                firstText.complete(null);
            }

            @Override
            public void onFinished(Exchange exchange) {
                done.complete(exchange);
            }
        });
        firstText.get(10, TimeUnit.SECONDS);
        return handle;
    }

    /** Quitting the window while an answer streams: Ponder.close stops it, and the question is kept. */
    @Test
    void stopAllStoresAStreamingAnswerAsStoppedBeforeTheLibraryCloses() throws Exception {
        ollama.answerWith("one two three four five six seven eight nine ten eleven twelve thirteen fourteen");
        ollama.setTokenDelay(Duration.ofMillis(150));
        AnswerService service = service(settings());
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        askUntilFirstText(service, "Asked just before quitting?", done);

        service.stopAll();

        assertTrue(done.isDone(), "stored before stopAll returned");
        Exchange stored = exchanges.find(done.get().id()).orElseThrow();
        assertEquals("Asked just before quitting?", stored.question());
        assertEquals(Exchange.Status.STOPPED, stored.status());
        assertTrue(stored.answer().startsWith("one"), stored.answer());
        assertEquals(Optional.of(AnswerService.CLOSED_BEFORE_IT_FINISHED), stored.error(),
                "the person did not press Stop: the reason is stored for the window to say");
    }

    @Test
    void aSectionSpanningPagesIsCitedAtThePageThatHoldsTheAnswer() throws Exception {
        String[] pages = {"Ledger entry 2716: routine payment.", "Ledger entry 2717: routine payment.",
                "Ledger entry 2718: the vault combination is 31-47-09."};
        long ledger = library.add(new NewDocument(Optional.of("c".repeat(64)), "ledger.pdf", dir.resolve("ledger.pdf"), 10),
                DocumentStatus.IMPORTING, Optional.empty());
        String all = String.join("\n", pages);
        library.storeContent(ledger, List.of(new PageText(2716, pages[0], true), new PageText(2717, pages[1], true),
                        new PageText(2718, pages[2], true)),
                List.of(new SectionEntry(0, ledger, 0, 2716, 2718, all, "0".repeat(64), embedder.embed(all))),
                Optional.empty());
        ollama.answerWith("The vault combination is 31-47-09 [S1].");

        Exchange e = await(service(settings()), "What is the vault combination?", List.of(ledger), new StringBuilder());

        assertEquals("The vault combination is 31-47-09 [p. 2718].", e.answer());
        assertEquals(List.of(new Citation(ledger, "ledger.pdf", 2718)), e.citations());
    }

    @Test
    void anAnswerThatCitesNothingAndSaysNothingFromTheSourcesCitesNoPages() throws Exception {
        ollama.answerWith("The documents do not say.");
        Exchange e = await(service(settings()), "Who won the 1998 World Cup?", List.of(docId), new StringBuilder());
        assertEquals(Exchange.Status.ANSWERED, e.status());
        assertEquals(List.of(), e.citations());
    }

    @Test
    void anAnswerThatCitesNoLabelIsAttributedToTheSourceItQuotes() throws Exception {
        ollama.answerWith("It is 27 months from the date of purchase.");
        Exchange e = await(service(settings()), "How long is the warranty?", List.of(docId), new StringBuilder());
        assertEquals(List.of(new Citation(docId, "service-note.pdf", 2)), e.citations());
    }

    @Test
    void emptyLibraryGetsAPlainSentenceWithoutCallingTheModel() throws Exception {
        library.delete(docId);
        Exchange e = await(service(settings()), "Anything?", List.of(), new StringBuilder());
        assertEquals(Exchange.Status.FAILED, e.status());
        assertTrue(e.error().orElseThrow().contains("add a PDF first"), e.error().orElseThrow());
        assertEquals(0, ollama.requestCount("/api/chat"));
    }
}
