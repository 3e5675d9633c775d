package dev.ponder.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.settings.Settings;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.RecordingStreamListener;
import dev.ponder.testing.TestModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two additions sleep-time compute needs from {@code llm}: JSON answers and a separate sleep-time model. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SleepModelAndJsonFormatTest {

    private OllamaTestServer ollama;
    private OllamaModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        ollama.close();
    }

    private OllamaModelServer server(Settings settings) {
        server = new OllamaModelServer(settings.withOllamaUrl(ollama.url())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        return server;
    }

    @Test
    void aJsonPromptSendsOllamasJsonFormatWhenStreamingAndBlocking() throws Exception {
        ollama = OllamaTestServer.start();
        ollama.answerWith("{\"ok\":true}");
        LanguageModel lm = server(Settings.defaults(Path.of("unused"))).chatModel();

        RecordingStreamListener listener = new RecordingStreamListener();
        lm.stream(new Prompt("Reply in JSON.", "Say ok.", 32).asJson(), listener);
        assertTrue(listener.awaitTerminal(Duration.ofSeconds(5)));
        assertEquals("{\"ok\":true}", listener.completion().text());
        RecordedRequest streamed = ollama.lastChatRequest().orElseThrow();
        assertEquals("json", streamed.body().path("format").asText());

        lm.complete(new Prompt("Reply in JSON.", "Say ok.", 32).asJson());
        assertEquals("json", ollama.lastChatRequest().orElseThrow().body().path("format").asText());

        lm.complete(new Prompt("Reply.", "Say ok.", 32));
        assertFalse(ollama.lastChatRequest().orElseThrow().body().has("format"), "text prompts send no format");
    }

    @Test
    void theSleepModelIsTheNamedModelWithItsOwnContextLength() throws Exception {
        ollama = OllamaTestServer.start(TestModel.chat("llama3.2", 131072), TestModel.chat("qwen3:8b", 40960));
        OllamaModelServer s = server(Settings.defaults(Path.of("unused")).withSleepModel("qwen3:8b"));

        LanguageModel sleep = s.sleepModel();
        LanguageModel chat = s.chatModel();

        assertEquals("qwen3:8b", sleep.modelName());
        assertEquals(8192, sleep.contextTokens(), "capped by maxContextTokens like the chat model");
        assertEquals("llama3.2", chat.modelName());
    }

    @Test
    void withoutASleepModelSettingSleepTimeUsesTheChatModel() throws Exception {
        ollama = OllamaTestServer.start();
        OllamaModelServer s = server(Settings.defaults(Path.of("unused")));
        assertEquals("llama3.2", s.sleepModel().modelName());
    }

    @Test
    void aMissingSleepModelSaysHowToGetIt() {
        ollama = OllamaTestServer.start();
        OllamaModelServer s = server(Settings.defaults(Path.of("unused")).withSleepModel("mistral"));
        LlmException e = assertThrows(LlmException.class, s::sleepModel);
        assertEquals(LlmException.Kind.MODEL_MISSING, e.kind());
        assertTrue(e.getMessage().contains("ollama pull mistral"), e.getMessage());
    }
}
