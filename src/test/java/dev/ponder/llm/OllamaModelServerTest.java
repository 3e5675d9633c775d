package dev.ponder.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.settings.Advice;
import dev.ponder.settings.Settings;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.TestModel;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link OllamaModelServer#check()} and {@link OllamaModelServer#chatModel()} against the Ollama test server. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OllamaModelServerTest {

    private OllamaTestServer ollama;
    private OllamaModelServer server;

    @BeforeEach
    void startOllama() {
        ollama = OllamaTestServer.start(
                TestModel.chat("mistral", 32768),
                TestModel.chat("llama3.2", 131072),
                TestModel.embedding("nomic-embed-text"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        ollama.close();
    }

    private ServerStatus check(Settings settings) {
        server = new OllamaModelServer(settings);
        return server.check();
    }

    private Settings settings() {
        return Settings.defaults(Path.of("unused")).withOllamaUrl(ollama.url());
    }

    @Test
    void checkPicksTheRecommendedModelAndCapsItsContextLengthBySetting() {
        ServerStatus status = check(settings());

        assertTrue(status.ready(), () -> status.problem().orElse(""));
        assertTrue(status.reachable());
        assertEquals(Optional.of(OllamaTestServer.VERSION), status.version());
        assertEquals(List.of("mistral:latest", "llama3.2:latest", "nomic-embed-text:latest"), status.models());
        assertEquals("llama3.2", status.model());
        assertEquals(Settings.DEFAULT_MAX_CONTEXT_TOKENS, status.contextTokens());
        assertEquals("llama3.2", ollama.requests("/api/show").get(0).model().orElseThrow().replace(":latest", ""));
    }

    @Test
    void checkUsesTheModelsOwnContextLengthWhenSmallerThanTheCap() {
        ollama.setModels(TestModel.chat("llama3.2", 4096));
        assertEquals(4096, check(settings()).contextTokens());
    }

    @Test
    void checkHonoursANumCtxInTheModelfileParameters() {
        ollama.setModels(TestModel.chat("llama3.2", 131072).withNumCtxParameter(2048));
        assertEquals(2048, check(settings()).contextTokens());
    }

    @Test
    void checkPicksTheFirstChatModelWhenTheRecommendedOneIsMissing() {
        ollama.setModels(
                TestModel.embedding("nomic-embed-text"),
                // not recognisable by name or family: only /api/show's capabilities tell
                new TestModel("mxbai-large", "mxbai", 512, List.of("embedding"), 0),
                TestModel.chat("qwen2.5:7b", 32768),
                TestModel.chat("mistral", 32768));

        ServerStatus status = check(settings());

        assertTrue(status.ready(), () -> status.problem().orElse(""));
        assertEquals("qwen2.5:7b", status.model());
        assertEquals(8192, status.contextTokens());
    }

    @Test
    void checkMatchesTheConfiguredModelWithOrWithoutLatest() {
        assertEquals("mistral", check(settings().withModel("mistral:latest")).model());
        server.close();
        assertEquals("mistral", check(settings().withModel("mistral")).model());
    }

    @Test
    void checkWithAConfiguredModelThatIsNotInstalledSaysHowToPullIt() throws Exception {
        ServerStatus status = check(settings().withModel("phi3"));

        assertFalse(status.ready());
        assertTrue(status.reachable());
        assertNull(status.model());
        assertEquals("Ollama has no model named phi3 — run `ollama pull phi3` (or choose another model in Settings "
                + "▸ Test-time model), then press Retry.", Advice.forWindow(status.problem().orElseThrow(), "Retry"));
        assertEquals("Ollama has no model named phi3 — run `ollama pull phi3` (or choose another model with "
                + "`--model NAME`), then run the command again.", Advice.forTerminal(status.problem().orElseThrow()));
        LlmException e = assertThrows(LlmException.class, server::chatModel);
        assertEquals(LlmException.Kind.MODEL_MISSING, e.kind());
        assertEquals(status.problem().orElseThrow(), e.getMessage());
    }

    @Test
    void checkWithAConfiguredEmbeddingModelSaysItCannotChat() {
        ServerStatus status = check(settings().withModel("nomic-embed-text"));
        assertFalse(status.ready());
        assertTrue(status.problem().orElseThrow().contains("cannot chat"));
    }

    @Test
    void checkWithNoChatModelsSaysToPullTheRecommendedOne() {
        ollama.setModels(TestModel.embedding("nomic-embed-text"));
        ServerStatus status = check(settings());
        assertEquals("Ollama has no chat models yet — run `ollama pull llama3.2`, then press Retry.",
                Advice.forWindow(status.problem().orElseThrow(), "Retry"));
    }

    @Test
    void checkWhenOllamaIsDownNamesTheUrlAndTheFix() throws Exception {
        URI nothing = OllamaTestServer.unusedUrl();
        ServerStatus status = check(settings().withOllamaUrl(nothing));

        assertFalse(status.reachable());
        assertEquals("Ollama is not running at " + nothing + " — start it with `ollama serve` (or check the address "
                + "in Settings ▸ Ollama address), then press Retry.", Advice.forWindow(status.problem().orElseThrow(), "Retry"));
        assertTrue(status.models().isEmpty());
        LlmException e = assertThrows(LlmException.class, server::chatModel);
        assertEquals(LlmException.Kind.UNREACHABLE, e.kind());
    }

    @Test
    void checkToleratesAServerWithoutTheVersionEndpoint() {
        ollama.setVersionEndpoint(false);
        ServerStatus status = check(settings());
        assertTrue(status.ready());
        assertEquals(Optional.empty(), status.version());
    }

    @Test
    void aServerThatComesBackIsSeenByTheNextCheck() {
        ollama.stop();
        assertFalse(check(settings()).reachable());
        ollama.restart();
        assertTrue(server.check().ready());
        assertEquals(Optional.of(server.check()), server.lastStatus());
    }

    @Test
    void chatModelUsesTheCheckedModelAndContext() throws Exception {
        server = new OllamaModelServer(settings());
        LanguageModel model = server.chatModel();
        assertEquals("llama3.2", model.modelName());
        assertEquals(8192, model.contextTokens());
    }

    @Test
    void aServerThatIsNotOllamaIsABadResponse() throws Exception {
        // a web server that answers 404 "page not found" on /api/* (e.g. a wrong port)
        Settings wrongPath = settings().withOllamaUrl(URI.create(ollama.url() + "/not-ollama"));
        ServerStatus status = check(wrongPath);
        assertTrue(status.reachable());
        assertTrue(status.problem().orElseThrow().contains("does not answer like Ollama"), status.problem()::get);
    }
}
