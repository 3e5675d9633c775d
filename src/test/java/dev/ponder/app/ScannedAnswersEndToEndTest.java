package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ponder.answer.AnswerRequest;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.LibraryListener;
import dev.ponder.document.PageView;
import dev.ponder.document.ocr.OcrAvailability;
import dev.ponder.document.ocr.TesseractLibrary;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.ScriptedSleepModel;
import dev.ponder.sleeptime.ThinkOutcome;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.Exchange;
import dev.ponder.testing.Asking;
import dev.ponder.testing.Corpus;
import dev.ponder.testing.OllamaStandIn;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts on scanned pages reach answers (issue 16), through the composition root with real
 * Tesseract and the Ollama-protocol test server: they are in the prompt of a question about them,
 * the answer cites the page as scanned and the page viewer marks the line on the scan; sleep-time
 * prepares an answer from them that is served with no model call; and while a scan is being read,
 * a question about another document is answered at once, the reading paused meanwhile.
 */
class ScannedAnswersEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    Path dataDir;

    @BeforeAll
    static void needsTesseract() {
        assumeTrue(TesseractLibrary.availability() instanceof OcrAvailability.Available, "Tesseract is not installed");
    }

    @Test
    void factsOnAScanReachThePromptTheCitationAndAPreparedAnswer() throws Exception {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ScriptedSleepModel sleepModel = new ScriptedSleepModel();
            ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? sleepModel.apply(r)
                    : OllamaStandIn.extract(r.lastUserMessage().orElse("")));
            Settings settings = Settings.defaults(dataDir).withOllamaUrl(ollama.url()).withIdleThreshold(Duration.ZERO);
            try (Ponder ponder = Ponder.open(settings)) {
                long doc = imported(ponder, Corpus.tricky("scanned-image-only.pdf")).id();

                Exchange answer = ask(ponder, new AnswerRequest("Where do staff gather during the fire drill?", List.of(doc), 0, false));
                String prompt = ollama.lastChatRequest().flatMap(RecordedRequest::lastUserMessage).orElseThrow();
                assertTrue(prompt.contains("Assembly Point C"), prompt);
                // the stand-in answers with a sentence of the prompt: one the scan's OCR text gave
                assertTrue(answer.answer().contains("fire drill") || answer.answer().contains("Assembly Point C"),
                        answer.answer());
                assertEquals(List.of(new Citation(doc, "scanned-image-only.pdf", 1, true)), answer.citations());
                assertEquals(List.of(new Citation(doc, "scanned-image-only.pdf", 1, true)),
                        ponder.exchanges().recent(1).get(0).citations(), "the stored answer cites the page as scanned");

                PageView page = ponder.libraryService().page(doc, 1, answer.answer(), 850);
                PageView.Rendered drawn = assertInstanceOf(PageView.Rendered.class, page);
                assertTrue(drawn.scanned());
                assertFalse(drawn.marks().isEmpty(), "the cited line is marked on the scan");
                PageView.Box mark = drawn.marks().get(0);
                // the memo's text fills the top half of the page; the mark is on one of its lines
                assertTrue(mark.y() > drawn.heightPx() * 0.05 && mark.y() < drawn.heightPx() * 0.5, mark.toString());

                ponder.sleepTime().start();
                ThinkOutcome thought = ponder.sleepTime().think(doc).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertTrue(thought.ready(), thought::toString);
                List<AnticipatedQuestion> anticipated = ponder.sleepTime().insights(doc).orElseThrow().anticipatedQuestions();
                assertFalse(anticipated.isEmpty(), "sleep-time anticipated questions from the scan's facts");
                int requestsBefore = ollama.requestCount("/api/chat");
                Exchange prepared = ask(ponder, AnswerRequest.of(anticipated.get(0).question(), List.of(doc)));
                assertEquals(Exchange.MODE_PREPARED, prepared.mode());
                assertEquals(requestsBefore, ollama.requestCount("/api/chat"), "served without a model call");
                assertTrue(prepared.citations().stream().allMatch(Citation::scanned), prepared.citations().toString());
            }
        }
    }

    @Test
    void whileAScanIsReadAQuestionAboutAnotherDocumentIsAnsweredAndTheReadingWaits() throws Exception {
        Path scan = dev.ponder.document.ScannedPdfsAccess.manyScans(dataDir.resolve("long-scan.pdf"), 6);
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.answerWith(r -> OllamaStandIn.extract(r.lastUserMessage().orElse("")));
            // the answer streams for several seconds, as a local model's does: long enough to overlap
            // the words of a page being read, where OCR looks whether it must wait
            ollama.setTokenDelay(Duration.ofMillis(250));
            Settings settings = Settings.defaults(dataDir.resolve("lib")).withOllamaUrl(ollama.url());
            try (Ponder ponder = Ponder.open(settings)) {
                long other = imported(ponder, Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath()).id();
                List<String> stages = Collections.synchronizedList(new ArrayList<>());
                CompletableFuture<String> reading = new CompletableFuture<>();
                ponder.libraryService().addListener(new LibraryListener() {
                    @Override
                    public void documentChanged(DocumentEntry document) {
                    }

                    @Override
                    public void importProgress(long documentId, String stage, double fraction) {
                        stages.add(stage);
                        if (stage.startsWith("Reading scanned page 2 ")) {
                            reading.complete(stage);
                        }
                    }
                });
                CompletableFuture<ImportOutcome> importing = ponder.libraryService().open(scan);
                reading.get(WAIT.toSeconds(), TimeUnit.SECONDS);

                long start = System.nanoTime();
                Exchange answer = ask(ponder, new AnswerRequest("How long is the term of a senator?", List.of(other), 0, false));
                long answeredMs = (System.nanoTime() - start) / 1_000_000;

                assertFalse(importing.isDone(), "the scan was still being read when the answer came (" + answeredMs + " ms)");
                assertTrue(answer.answer().contains("[p. "), "answered from the other document: " + answer.answer());
                DocumentEntry scanned = assertInstanceOf(ImportOutcome.Imported.class,
                        importing.get(WAIT.toSeconds(), TimeUnit.SECONDS)).document();
                assertTrue(stages.stream().anyMatch(s -> s.endsWith("— paused while Ponder answers your question")),
                        "the reading waited for the answer: " + stages);
                assertEquals(6, ponder.library().pages(scanned.id()).stream().filter(p -> p.scanned()).count());
            }
        }
    }

    private static DocumentEntry imported(Ponder ponder, Path pdf) throws Exception {
        ImportOutcome outcome = ponder.libraryService().open(pdf).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return assertInstanceOf(ImportOutcome.Imported.class, outcome, outcome::toString).document();
    }

    private static Exchange ask(Ponder ponder, AnswerRequest request) throws Exception {
        Exchange e = Asking.ask(ponder.answers(), request, 60);
        assertEquals(Exchange.Status.ANSWERED, e.status(), () -> e.error().orElse(""));
        return e;
    }
}
