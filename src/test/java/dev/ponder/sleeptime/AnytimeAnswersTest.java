package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;
import dev.ponder.answer.AnswerService;
import dev.ponder.answer.Retriever;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.search.SectionIndex;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.Exchange;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.NewDocument;
import dev.ponder.store.NotesCoverage;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14: every intermediate state of a long document's sleep-time answers questions — after the
 * first look at the outline, after c′ was refreshed from some sections' notes, and when c′ is
 * complete, a prepared answer is served at 0 test-time tokens and another question is answered from
 * the c′ stored at that moment.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AnytimeAnswersTest {

    private static final int PAGES = 30;

    @TempDir
    Path dir;

    @Test
    void afterTheFirstLookAfterARefreshAndWhenCompleteQuestionsAreAnswered() throws Exception {
        ExecutorService answers = Executors.newSingleThreadExecutor();
        try (OllamaTestServer ollama = OllamaTestServer.start();
             SleepTimeHarness h = new SleepTimeHarness(dir.resolve("data"), ollama, s -> s);
             SectionIndex index = SectionIndex.open(dir.resolve("data"), h.library)) {
            ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? h.model.apply(r)
                    : "The pumps are described page by page [p. 2].");
            long id = addDocument(h, index);
            ollama.setTokenDelay(Duration.ofMillis(2));  // each notes call takes about a second: each stage lasts
            OllamaModelServer answerModels = new OllamaModelServer(h.settings);
            AnswerService service = new AnswerService(h.library, new ExchangeRepository(h.db), h.learned,
                    SleepTimeHarness.embedder(), new Retriever(h.library, SleepTimeHarness.embedder(), index),
                    answerModels, () -> h.settings, answers, h.testTime);
            h.service();
            h.personAway();
            List<Predicate<NotesCoverage>> stages = List.of(NotesCoverage::firstLook,
                    c -> !c.firstLook() && !c.complete(), NotesCoverage::complete);
            List<String> seen = new ArrayList<>();
            for (Predicate<NotesCoverage> stage : stages) {
                LearnedContextEntry context = awaitStage(h, id, stage);
                h.service().pause();
                context = h.learned.usableLearnedContext(id).orElseThrow();
                seen.add(context.coverage().notedSections() + " of " + context.coverage().sections());

                AnticipatedQuestion q = h.learned.usableAnticipatedQuestions(id, "").stream()
                        .filter(AnticipatedQuestion::confirmed).findFirst().orElseThrow();
                Exchange prepared = ask(service, AnswerRequest.of(q.question(), List.of(id)));
                assertEquals(Exchange.MODE_PREPARED, prepared.mode(), "at " + seen + ": " + prepared);
                assertTrue(prepared.answer().startsWith(q.answer()), prepared.answer());
                assertEquals(0, prepared.testTimeTokens());

                Exchange fromContext = ask(service, new AnswerRequest("Which pump delivers the most, and when was it "
                        + "serviced?", List.of(id), 0, true, true));
                assertEquals(Exchange.MODE_LEARNED_CONTEXT, fromContext.mode(), "at " + seen + ": " + fromContext);
                String prompt = ollama.lastChatRequest().orElseThrow().lastUserMessage().orElseThrow();
                String factLine = context.rendered().lines().filter(l -> l.startsWith("- ")).findFirst().orElseThrow();
                assertTrue(prompt.contains(factLine), "the c′ stored at " + seen + " is quoted: " + factLine);
                h.service().resume();
            }
            assertEquals("0 of " + PAGES, seen.get(0), "the first look");
            assertEquals(PAGES + " of " + PAGES, seen.get(2));
            answerModels.close();
        } finally {
            answers.shutdownNow();
        }
    }

    private static LearnedContextEntry awaitStage(SleepTimeHarness h, long id, Predicate<NotesCoverage> stage)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Optional<LearnedContextEntry> c = h.learned.usableLearnedContext(id);
            if (c.isPresent() && stage.test(c.get().coverage())
                    && h.learned.usableAnticipatedQuestions(id, "").stream().anyMatch(AnticipatedQuestion::confirmed)) {
                return c.get();
            }
            assertTrue(System.nanoTime() < deadline, "the stage never came; c′: " + c.map(LearnedContextEntry::coverage));
            Thread.sleep(5);
        }
    }

    /** A 30-page document, one section a page, embedded with the real model and indexed, as an import stores it. */
    private static long addDocument(SleepTimeHarness h, SectionIndex index) {
        long id = h.library.add(new NewDocument(Optional.of(SleepTimeHarness.sha256("pumps")), "pumps.pdf",
                h.dir.resolve("pumps.pdf"), 1000), DocumentStatus.IMPORTING, Optional.empty());
        List<PageText> pages = new ArrayList<>();
        List<SectionEntry> sections = new ArrayList<>();
        for (int i = 1; i <= PAGES; i++) {
            String text = "Pump P-" + (100 + i) + " delivers " + (40 + 3 * i) + " litres a minute. It was last serviced "
                    + "in " + (1990 + i) + ". Its seal is made of " + (i % 2 == 0 ? "graphite" : "ceramic") + ".";
            pages.add(new PageText(i, text, true));
            sections.add(new SectionEntry(0, id, i - 1, i, i, text, SleepTimeHarness.sha256(text),
                    SleepTimeHarness.embedder().embed(text)));
        }
        h.library.storeContent(id, pages, sections, Optional.empty());
        index.refresh(id);
        return id;
    }

    private static Exchange ask(AnswerService service, AnswerRequest request) throws Exception {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        service.ask(request, new AnswerListener() {
            @Override
            public void onText(String text) {
            }

            @Override
            public void onFinished(Exchange exchange) {
                done.complete(exchange);
            }
        });
        return done.get(60, TimeUnit.SECONDS);
    }
}
