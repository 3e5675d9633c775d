package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.answer.AnswerRequest;
import dev.ponder.document.ImportOutcome;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.SavedSettings;
import dev.ponder.settings.Settings;
import dev.ponder.store.Exchange;
import dev.ponder.testing.Asking;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.OpenAiTestServer;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.TestModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change saved in the Settings dialog reaches the next answer of the running Ponder, and the next start. */
class SettingsAppliedTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewBudgetAndModelApplyToTheNextAnswerWithoutARestart() throws Exception {
        Path pdf = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();
        try (OllamaTestServer ollama = OllamaTestServer.start(TestModel.chat("llama3.2", 131072),
                TestModel.chat("qwen3:4b", 40960))) {
            ollama.answerWith("Thirty five years.");
            try (Ponder ponder = Ponder.open(Settings.defaults(dataDir).withOllamaUrl(ollama.url()))) {
                long id = assertInstanceOf(ImportOutcome.Imported.class,
                        ponder.libraryService().open(pdf).get(60, TimeUnit.SECONDS)).document().id();
                RecordedRequest before = ask(ponder, ollama, id);
                assertEquals(Optional.of(Settings.DEFAULT_ANSWER_TOKENS), before.numPredict());
                assertEquals(Optional.of("llama3.2"), before.model().map(m -> m.replace(":latest", "")));

                ponder.settingsStore().update(ponder.settings().withAnswerTokens(200).withModel("qwen3:4b"));

                RecordedRequest after = ask(ponder, ollama, id);
                assertEquals(Optional.of(200), after.numPredict());
                assertEquals(Optional.of("qwen3:4b"), after.model());
            }
            Settings next = SavedSettings.read(dataDir).applyTo(Settings.defaults(dataDir));
            assertEquals(200, next.answerTokens());
            assertEquals("qwen3:4b", next.model());
        }
    }

    @Test
    void anotherModelServerSavedInSettingsAnswersTheNextQuestionWithoutARestart() throws Exception {
        Path pdf = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();
        try (OllamaTestServer first = OllamaTestServer.start(); OllamaTestServer second = OllamaTestServer.start();
             OpenAiTestServer openAi = OpenAiTestServer.start("local-model")) {
            first.answerWith("Thirty five years.");
            second.answerWith("Thirty five years.");
            openAi.answerWith("Thirty five years.");
            try (Ponder ponder = Ponder.open(Settings.defaults(dataDir).withOllamaUrl(first.url()))) {
                long id = assertInstanceOf(ImportOutcome.Imported.class,
                        ponder.libraryService().open(pdf).get(60, TimeUnit.SECONDS)).document().id();
                ask(ponder, first, id);

                ponder.settingsStore().update(ponder.settings().withOllamaUrl(second.url()));
                first.clearRecords();
                ask(ponder, second, id);
                assertEquals(0, first.requestCount("/api/chat"), "the old address is not asked any more");
                assertEquals("Ollama", ponder.modelServer().displayName());

                ponder.settingsStore().update(ponder.settings().withOpenAi(
                        new OpenAiEndpoint(OpenAiEndpoint.baseUrl(openAi.url().toString()), null)));
                ask(ponder, second::clearRecords, id);
                assertTrue(openAi.lastChatRequest().isPresent(), "the OpenAI-compatible server answered");
                assertEquals(0, second.requestCount("/api/chat"));
                assertTrue(ponder.modelServer().check().reachable(), ponder.modelServer().check()::toString);
                assertEquals("Model server", ponder.modelServer().displayName());
            }
        }
    }

    private static RecordedRequest ask(Ponder ponder, OllamaTestServer ollama, long documentId) throws Exception {
        ask(ponder, ollama::clearRecords, documentId);
        return ollama.lastChatRequest().orElseThrow();
    }

    private static void ask(Ponder ponder, Runnable before, long documentId) throws Exception {
        before.run();
        Exchange answered = Asking.ask(ponder.answers(),
                AnswerRequest.of("How old must the President be?", List.of(documentId)), 30);
        assertEquals(Exchange.Status.ANSWERED, answered.status(), () -> answered.error().orElse(""));
    }
}
