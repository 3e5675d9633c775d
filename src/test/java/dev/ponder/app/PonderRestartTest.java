package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ponder.answer.AnswerListener;
import dev.ponder.document.ImportOutcome;
import dev.ponder.settings.Settings;
import dev.ponder.store.Exchange;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ponder as the composition root builds it, closed and opened again on the same data folder. */
class PonderRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void libraryAndChatHistoryAreBackAfterARestartAndNothingIsExtractedAgain() throws Exception {
        Path pdf = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.answerWith("Thirty five years.");
            Settings settings = Settings.defaults(dataDir).withOllamaUrl(ollama.url());
            long documentId;
            try (Ponder ponder = Ponder.open(settings)) {
                ImportOutcome first = ponder.libraryService().open(pdf).get(60, TimeUnit.SECONDS);
                documentId = assertInstanceOf(ImportOutcome.Imported.class, first).document().id();
                CompletableFuture<Exchange> done = new CompletableFuture<>();
                ponder.answers().ask("How old must the President be?", List.of(documentId), new AnswerListener() {
                    @Override
                    public void onText(String text) {
                    }

                    @Override
                    public void onFinished(Exchange exchange) {
                        done.complete(exchange);
                    }
                });
                assertEquals(Exchange.Status.ANSWERED, done.get(30, TimeUnit.SECONDS).status());
            }

            try (Ponder again = Ponder.open(settings)) {
                assertEquals(List.of("us-constitution-bill-of-rights.pdf"),
                        again.library().all().stream().map(d -> d.fileName()).toList());
                Exchange history = again.exchanges().recent(10).get(0);
                assertEquals("How old must the President be?", history.question());
                assertEquals("Thirty five years.", history.answer().replaceAll(" \\[.*]$", ""));
                ImportOutcome reopened = again.libraryService().open(pdf).get(60, TimeUnit.SECONDS);
                assertEquals(documentId, assertInstanceOf(ImportOutcome.AlreadyInLibrary.class, reopened).document().id());
            }
        }
    }
}
