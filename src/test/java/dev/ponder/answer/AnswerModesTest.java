package dev.ponder.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.TestTimeActivity;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.Citation;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.BaselineTarget;
import dev.ponder.store.Exchange;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.search.SectionIndex;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.PageText;
import dev.ponder.store.SavingsRepository;
import dev.ponder.store.SectionEntry;
import dev.ponder.testing.ChatReply;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.RecordedRequest;
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

/**
 * The three answer modes against a real H2 file, the real MiniLM embedder and the Ollama-protocol
 * test server: prepared (no request at all), learned-context (c′ in the prompt) and baseline.
 */
class AnswerModesTest {

    private static final Pattern SOURCE = Pattern.compile("<source-[0-9a-f]+ label=\"(S\\d+)\"([^>]*)>(.*?)</source-[0-9a-f]+>", Pattern.DOTALL);
    private static final String WARRANTY_NOTE = "Model Q7 Widget Service Note. Filters are cleaned every 90 days.";
    private static final String WARRANTY_TERMS =
            "Warranty terms. The warranty is 27 months from the date of purchase. The maximum load is 45 kg.";
    private static final String HOTLINE = "Support. Call the hotline at 555-0142 on weekdays from 8 to 18.";
    /**
     * The rest of the service note: pages a baseline prompt quotes in full, so that c′ with a few
     * sections is the shorter prompt, as it is for a real document.
     */
    private static final String[] MORE_PAGES = {
        "Cleaning. Switch the widget off and unplug it. Lift the front cover, take out the two filter trays and "
                + "rinse them under lukewarm water. Do not use solvents or a dishwasher. Let the trays dry for an hour "
                + "before putting them back, mesh side up, until they click into place.",
        "Safety. Keep the widget on a level surface at least 20 cm from walls and curtains. Never cover the vents "
                + "while it runs. Children must not play with it. If the cable is damaged, have it replaced by a "
                + "service partner before using the widget again.",
        "Parts list. One housing, two filter trays, one front cover, one power cable of 1.8 m, one wall bracket "
                + "with fixings, and this note. Spare filter trays are sold in pairs under part number FT-7.",
        "Troubleshooting. If the status light blinks amber, a filter tray is missing or not seated. If it blinks "
                + "red, the motor is blocked: unplug the widget and remove what blocks the fan. If the widget hums "
                + "but does not start, the thermal fuse has tripped; let it cool for thirty minutes.",
        "Disposal. Do not put the widget in household waste. Take it to a collection point for electrical "
                + "equipment. The filter trays are polypropylene and can go with plastics recycling once rinsed.",
    };
    private static MiniLmEmbedder embedder;

    @TempDir
    Path dir;
    private OllamaTestServer ollama;
    private Database db;
    private LibraryRepository library;
    private SectionIndex index;
    private LearnedContextRepository learned;
    private ExchangeRepository exchanges;
    private OllamaModelServer modelServer;
    private ExecutorService executor;
    private long widget;

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
        learned = new LearnedContextRepository(db);
        exchanges = new ExchangeRepository(db);
        widget = addDocument("widget.pdf", widgetPages(WARRANTY_TERMS));
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

    @Test
    void aPreparedAnswerIsServedWithZeroRequestsToTheServer() throws Exception {
        AnticipatedQuestion warranty = prepare(widget, "How long is the warranty?",
                "27 months from the date of purchase.", 2).get(0);
        StringBuilder streamed = new StringBuilder();

        Exchange e = ask(AnswerRequest.of("how long is the warranty", List.of(widget)), streamed);

        assertEquals(Exchange.MODE_PREPARED, e.mode());
        assertEquals(Exchange.Status.ANSWERED, e.status());
        assertEquals("27 months from the date of purchase. [p. 2]", e.answer());
        assertEquals(e.answer(), streamed.toString());
        assertEquals(List.of(new Citation(widget, "widget.pdf", 2)), e.citations());
        assertEquals(0, e.testTimeTokens());
        assertEquals(Optional.of(warranty.id()), e.anticipatedQuestionId());
        assertTrue(e.predictability().orElseThrow() >= Settings.DEFAULT_PREPARED_THRESHOLD, e.predictability()::toString);
        assertEquals(0, ollama.requestCount(), "not even a model check: " + ollama.requests());

        Exchange stored = exchanges.find(e.id()).orElseThrow();
        assertEquals(Exchange.MODE_PREPARED, stored.mode());
        assertEquals(e.predictability(), stored.predictability());
        assertEquals(e.anticipatedQuestionId(), stored.anticipatedQuestionId());
    }

    @Test
    void aQuestionFarFromEveryAnticipatedOneGoesToTheModelWithTheLearnedContextInThePrompt() throws Exception {
        prepare(widget, "How long is the warranty?", "27 months from the date of purchase.", 2);
        ollama.answerWith(r -> "Call 555-0142 " + labelOf(r, "555-0142") + ".");

        Exchange e = ask(AnswerRequest.of("Which number do I phone for support?", List.of(widget)), new StringBuilder());

        assertEquals(Exchange.MODE_LEARNED_CONTEXT, e.mode(), () -> e.error().orElse(""));
        String prompt = ollama.lastChatRequest().orElseThrow().lastUserMessage().orElseThrow();
        assertTrue(prompt.contains("kind=\"learned context\"") && prompt.contains(contextOf(widget)), prompt);
        double predictability = e.predictability().orElseThrow();
        assertTrue(predictability < Settings.DEFAULT_PREPARED_THRESHOLD, "predictability " + predictability);
        ChatReply reply = ollama.lastReply().orElseThrow();
        assertEquals(reply.promptEvalCount(), e.promptTokens());
        assertEquals(reply.evalCount(), e.completionTokens());
        assertEquals(List.of(new Citation(widget, "widget.pdf", 3)), e.citations());
        assertTrue(e.firstTokenMs().isPresent() && e.firstTokenMs().get() <= e.latencyMs());
    }

    @Test
    void aFactTheModelTakesFromTheLearnedContextCitesThePageTheLearnedContextGivesForIt() throws Exception {
        prepare(widget, "How long is the warranty?", "27 months from the date of purchase.", 2);
        ollama.answerWith(r -> "The maximum load is 45 kg " + learnedContextLabel(r) + ".");

        Exchange e = ask(AnswerRequest.of("What weight can the widget carry?", List.of(widget)), new StringBuilder());

        assertEquals(Exchange.MODE_LEARNED_CONTEXT, e.mode());
        assertEquals("The maximum load is 45 kg [p. 2].", e.answer());
        assertEquals(List.of(new Citation(widget, "widget.pdf", 2)), e.citations());
    }

    @Test
    void askTheModelGoesToTheModelEvenWhenAPreparedAnswerMatches() throws Exception {
        prepare(widget, "How long is the warranty?", "27 months from the date of purchase.", 2);
        ollama.answerWith(r -> "27 months " + labelOf(r, "27 months") + ".");

        Exchange e = ask(new AnswerRequest("How long is the warranty?", List.of(widget), 0, false), new StringBuilder());

        assertEquals(Exchange.MODE_LEARNED_CONTEXT, e.mode());
        assertEquals(1, ollama.requestCount("/api/chat"));
        assertTrue(e.predictability().orElseThrow() > 0.99, "the question was anticipated word for word");
        assertTrue(e.anticipatedQuestionId().isEmpty());
    }

    @Test
    void withoutALearnedContextTheAnswerIsABaselineAnswerWithNoPredictability() throws Exception {
        ollama.answerWith(r -> "27 months " + labelOf(r, "27 months") + ".");

        Exchange e = ask(AnswerRequest.of("How long is the warranty?", List.of(widget)), new StringBuilder());

        assertEquals(Exchange.MODE_BASELINE, e.mode());
        assertEquals(Optional.empty(), e.predictability());
        String prompt = ollama.lastChatRequest().orElseThrow().lastUserMessage().orElseThrow();
        assertFalse(prompt.contains("learned context"), prompt);
    }

    @Test
    void aLearnedContextOfContentTheDocumentNoLongerHasIsNotUsed() throws Exception {
        prepare(widget, "How long is the warranty?", "27 months from the date of purchase.", 2);
        // the file was saved with new terms: its sections change
        replaceContent(widget, widgetPages(WARRANTY_TERMS.replace("27 months", "36 months")));
        ollama.answerWith(r -> "36 months " + labelOf(r, "36 months") + ".");

        Exchange e = ask(AnswerRequest.of("How long is the warranty?", List.of(widget)), new StringBuilder());

        assertEquals(Exchange.MODE_BASELINE, e.mode(), "neither the prepared answer nor c′ of the old text");
        assertEquals("36 months [p. 2].", e.answer());
    }

    @Test
    void questionsOverSeveralDocumentsWorkInAllThreeModes() throws Exception {
        long manual = addDocument("manual.pdf", "Installation. Mount the bracket with four M6 screws torqued to 9 Nm.");
        prepare(widget, "How long is the warranty?", "27 months from the date of purchase.", 2);
        List<Long> both = List.of(widget, manual);

        Exchange prepared = ask(AnswerRequest.of("How long is the warranty?", both), new StringBuilder());
        assertEquals(Exchange.MODE_PREPARED, prepared.mode());
        assertEquals("27 months from the date of purchase. [widget.pdf p. 2]", prepared.answer());

        ollama.answerWith(r -> "Call 555-0142 " + labelOf(r, "555-0142") + ".");
        Exchange fromContext = ask(AnswerRequest.of("Which number do I phone for support?", both), new StringBuilder());
        assertEquals(Exchange.MODE_LEARNED_CONTEXT, fromContext.mode());
        assertEquals(List.of(new Citation(widget, "widget.pdf", 3)), fromContext.citations());
        String prompt = ollama.lastChatRequest().orElseThrow().lastUserMessage().orElseThrow();
        assertTrue(prompt.contains(contextOf(widget)), "c′ of the prepared document is in the prompt");

        ollama.answerWith(r -> "Four M6 screws " + labelOf(r, "M6 screws") + ".");
        Exchange aboutTheOther = ask(AnswerRequest.of("What screws hold the bracket?", both), new StringBuilder());
        assertEquals(Exchange.MODE_BASELINE, aboutTheOther.mode(),
                "the question is about manual.pdf, which has no c′ yet: widget.pdf's c′ would not help");
        assertEquals(List.of(new Citation(manual, "manual.pdf", 1)), aboutTheOther.citations());
        assertFalse(ollama.lastChatRequest().orElseThrow().lastUserMessage().orElseThrow().contains("learned context"));
    }

    @Test
    void twoQuestionsAboutTheSameDocumentShareTheirPromptsUpToTheSections() throws Exception {
        prepare(widget, "How long is the warranty?", "27 months from the date of purchase.", 2);
        ollama.answerWith(r -> "Call 555-0142 " + labelOf(r, "555-0142") + ".");
        Exchange hotline = ask(new AnswerRequest("Which number do I phone for support?", List.of(widget), 0, false),
                new StringBuilder());
        RecordedRequest first = ollama.lastChatRequest().orElseThrow();
        ollama.answerWith(r -> "Every 90 days " + labelOf(r, "90 days") + ".");
        Exchange filters = ask(new AnswerRequest("How often are the filters cleaned?", List.of(widget), 0, false),
                new StringBuilder());
        RecordedRequest second = ollama.lastChatRequest().orElseThrow();

        assertEquals(List.of(Exchange.MODE_LEARNED_CONTEXT, Exchange.MODE_LEARNED_CONTEXT),
                List.of(hotline.mode(), filters.mode()));
        assertEquals(first.messageContents().get(0), second.messageContents().get(0), "the same system text");
        String a = first.lastUserMessage().orElseThrow();
        String b = second.lastUserMessage().orElseThrow();
        String prefix = a.substring(0, sharedLength(a, b));
        int contextEnd = a.indexOf("</source-", a.indexOf("kind=\"learned context\""));
        assertTrue(prefix.length() > a.indexOf('\n', contextEnd), "shared up to the end of c′: " + prefix);
        assertTrue(prefix.contains(contextOf(widget).strip()), prefix);
        assertFalse(prefix.contains("555-0142") || prefix.contains("90 days"), "the sections differ: " + prefix);
        assertEquals(List.of(new Citation(widget, "widget.pdf", 3)), hotline.citations());
        assertEquals(List.of(new Citation(widget, "widget.pdf", 1)), filters.citations());
    }

    @Test
    void aDocumentShorterThanItsLearnedContextIsAnsweredFromItsOwnTextAtTheBaselineCost() throws Exception {
        long notice = addDocument("notice.pdf", "Opening hours. The office opens at 9 and closes at 17.");
        prepare(notice, "How long is the warranty?", "27 months from the date of purchase.", 1);
        ollama.answerWith(r -> "It opens at 9 " + labelOf(r, "opens at 9") + ".");

        Exchange e = ask(AnswerRequest.of("When does the office open?", List.of(notice)), new StringBuilder());

        assertEquals(Exchange.MODE_RAW_CONTEXT, e.mode(), () -> e.error().orElse(""));
        String prompt = ollama.lastChatRequest().orElseThrow().lastUserMessage().orElseThrow();
        assertFalse(prompt.contains("learned context"), "c′ is longer than the page itself: " + prompt);
        assertTrue(prompt.contains("opens at 9"));
        assertEquals("It opens at 9 [p. 1].", e.answer());
        assertTrue(e.predictability().isPresent(), "anticipated questions were there to compare with");
        SavingsRepository savings = new SavingsRepository(db);
        assertEquals(Optional.of(e.testTimeTokens()),
                savings.askedAbout(List.of(notice)).get(0).baselineTokens(), "its own cost is the baseline cost");
        BaselineTarget anticipated = savings.nextToMeasure(List.of()).orElseThrow();
        assertEquals(BaselineTarget.Kind.ANTICIPATED_QUESTION, anticipated.kind());
        assertEquals(Optional.empty(), savings.nextToMeasure(List.of(anticipated)), "the answer needs no measuring");
    }

    @Test
    void everyAnswerKeepsItsConversation() throws Exception {
        prepare(widget, "How long is the warranty?", "27 months from the date of purchase.", 2);
        Exchange first = ask(AnswerRequest.of("How long is the warranty?", List.of()), new StringBuilder());
        ollama.answerWith("Every 90 days [S2].");
        Exchange second = ask(new AnswerRequest("How often are filters cleaned?", List.of(), first.conversationId(), true),
                new StringBuilder());

        assertTrue(first.conversationId() > 0);
        assertEquals(first.conversationId(), second.conversationId());
        assertEquals(List.of(first.id(), second.id()),
                exchanges.conversation(first.conversationId()).stream().map(Exchange::id).toList());
    }

    // ---------------------------------------------------------------- helpers

    private Exchange ask(AnswerRequest request, StringBuilder streamed) throws Exception {
        modelServer = modelServer != null ? modelServer : new OllamaModelServer(settings());
        AnswerService service = new AnswerService(library, exchanges, learned, embedder,
                new Retriever(library, embedder, index), modelServer, settings(),
                executor, new TestTimeActivity());
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        service.ask(request, new AnswerListener() {
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

    private Settings settings() {
        return Settings.defaults(dir).withOllamaUrl(ollama.url()).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    private static String[] widgetPages(String warrantyTerms) {
        List<String> pages = new ArrayList<>(List.of(WARRANTY_NOTE, warrantyTerms, HOTLINE));
        pages.addAll(List.of(MORE_PAGES));
        return pages.toArray(String[]::new);
    }

    /** One section per page, embedded with the real model. */
    private long addDocument(String name, String... pages) {
        long id = library.add(new NewDocument(Optional.of(Integer.toHexString(name.hashCode()).repeat(8).substring(0, 64)),
                name, dir.resolve(name), 1000), DocumentStatus.IMPORTING, Optional.empty());
        replaceContent(id, pages);
        return id;
    }

    private void replaceContent(long id, String... pages) {
        List<PageText> pageTexts = new ArrayList<>();
        List<SectionEntry> sections = new ArrayList<>();
        for (int i = 0; i < pages.length; i++) {
            pageTexts.add(new PageText(i + 1, pages[i], true));
            sections.add(new SectionEntry(0, id, i, i + 1, i + 1, pages[i],
                    Integer.toHexString(pages[i].hashCode()).repeat(8).substring(0, 64), embedder.embed(pages[i])));
        }
        library.storeContent(id, pageTexts, sections, Optional.empty());
        index.refresh(id);
    }

    /** What sleep-time would store: a c′ with page-marked facts and one anticipated question. */
    private List<AnticipatedQuestion> prepare(long documentId, String question, String answer, int page) {
        LearnedContextEntry c = learned.saveLearnedContext(documentId, "key-" + documentId, "sleep-model", "test",
                "{}", contextOf(documentId), 60, 2000, "learned-context");
        learned.saveAnticipatedQuestions(documentId, c.id(), "questions-" + documentId,
                List.of(new AnticipatedQuestion(0, documentId, c.id(), 0, question, answer, List.of(page),
                        embedder.embed(question), 1, 100, 20)), "anticipated-questions");
        return learned.anticipatedQuestionsOf(c.id());
    }

    private static String contextOf(long documentId) {
        return "Learned context of document " + documentId + ".\n\nSummary: service note of the Q7 widget.\n"
                + "Key facts:\n- Warranty: 27 months from purchase [p. 2]\n- Maximum load: 45 kg [p. 2]\n";
    }

    /** How many characters {@code a} and {@code b} share from their start. */
    private static int sharedLength(String a, String b) {
        int n = 0;
        while (n < Math.min(a.length(), b.length()) && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    /** The label of the quoted section holding {@code fact}, in brackets. */
    private static String labelOf(RecordedRequest request, String fact) {
        Matcher m = SOURCE.matcher(request.lastUserMessage().orElse(""));
        while (m.find()) {
            if (!m.group(2).contains("learned context") && m.group(3).contains(fact)) {
                return "[" + m.group(1) + "]";
            }
        }
        return "";
    }

    private static String learnedContextLabel(RecordedRequest request) {
        Matcher m = SOURCE.matcher(request.lastUserMessage().orElse(""));
        while (m.find()) {
            if (m.group(2).contains("learned context")) {
                return "[" + m.group(1) + "]";
            }
        }
        return "";
    }
}
