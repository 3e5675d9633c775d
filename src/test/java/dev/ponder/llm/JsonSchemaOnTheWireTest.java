package dev.ponder.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.Settings;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.OpenAiTestServer;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.RecordingStreamListener;
import dev.ponder.testing.SchemaRefusal;
import dev.ponder.testing.TestModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * What langchain4j 1.11 puts on the wire for a {@link Prompt} with a {@link JsonShape}, read back from
 * the test servers' request logs: Ollama's {@code format} is the schema object exactly as
 * {@link JsonShape#schema()} wrote it; an OpenAI-compatible server gets {@code response_format}
 * {@code json_schema}. A server that refuses the schema gets the prompt again as plain JSON, and
 * then only plain JSON (logged once). Thinking models get {@code think:false}; an answer left in the
 * thinking field and a {@code length} finish reach the {@link Completion}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonSchemaOnTheWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonShape SHAPE = JsonShape.object()
            .field("sections", JsonShape.array(JsonShape.object()
                    .field("id", JsonShape.oneOf(List.of("S1", "S2")))
                    .field("page", JsonShape.integer(3, 3, 4))
                    .optional("list", JsonShape.text("")), 2).atLeast(2));
    private static final String ANSWER = "{\"sections\": [{\"id\": \"S1\", \"page\": 3}, {\"id\": \"S2\", \"page\": 4}]}";

    private OllamaTestServer ollama;
    private OpenAiTestServer openAi;
    private ModelServer server;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(SchemaFallback.class)).detachAppender(log);
        if (server != null) {
            server.close();
        }
        if (ollama != null) {
            ollama.close();
        }
        if (openAi != null) {
            openAi.close();
        }
    }

    private LanguageModel ollamaModel(TestModel... models) throws LlmException {
        ollama = OllamaTestServer.start(models);
        ollama.answerWith(ANSWER);
        server = new OllamaModelServer(Settings.defaults(Path.of("unused")).withOllamaUrl(ollama.url())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        return server.chatModel();
    }

    private LanguageModel openAiModel() throws LlmException {
        openAi = OpenAiTestServer.start("qwen3-4b");
        openAi.answerWith(ANSWER);
        server = new OpenAiModelServer(Settings.defaults(Path.of("unused"))
                .withOpenAi(new OpenAiEndpoint(openAi.url(), null))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        return server.chatModel();
    }

    private static Prompt prompt() {
        return new Prompt("Reply in JSON.", "Notes on S1 and S2.", 64).withSchema(SHAPE);
    }

    private static Completion streamed(LanguageModel lm, Prompt p) throws Exception {
        RecordingStreamListener listener = new RecordingStreamListener();
        lm.stream(p, listener);
        assertTrue(listener.awaitTerminal(Duration.ofSeconds(10)));
        if (listener.error() != null) {
            throw listener.error();
        }
        return listener.completion();
    }

    private void captureFallbackLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(SchemaFallback.class)).addAppender(log);
    }

    @Test
    void ollamasFormatIsTheSchemaObjectAsWrittenWhenStreamingAndBlocking() throws Exception {
        LanguageModel lm = ollamaModel(TestModel.chat("llama3.2", 8192));

        assertEquals(ANSWER, streamed(lm, prompt()).text());
        RecordedRequest streamedRequest = ollama.lastChatRequest().orElseThrow();
        assertEquals(JSON.readTree(SHAPE.schemaJson()), streamedRequest.format(), "format is the schema, unchanged");
        assertEquals(List.of("S1", "S2"), List.of(streamedRequest.format().at("/properties/sections/items/properties/id/enum/0")
                .asText(), streamedRequest.format().at("/properties/sections/items/properties/id/enum/1").asText()));
        assertEquals(4, streamedRequest.format().at("/properties/sections/items/properties/page/maximum").asInt());

        lm.complete(prompt());
        assertEquals(JSON.readTree(SHAPE.schemaJson()), ollama.lastChatRequest().orElseThrow().format());
        assertTrue(ollama.lastChatRequest().orElseThrow().think().isEmpty(), "no think for a model that cannot think");
    }

    @Test
    void anOllamaOlderThanFiveRefusingTheSchemaGetsPlainJsonFromThenOnLoggedOnce() throws Exception {
        LanguageModel lm = ollamaModel(TestModel.chat("llama3.2", 8192));
        ollama.setSchemaRefusal(SchemaRefusal.OLD_OLLAMA);
        captureFallbackLog();

        assertEquals(ANSWER, streamed(lm, prompt()).text(), "answered after the fallback");
        List<RecordedRequest> chats = ollama.requests("/api/chat");
        assertEquals(2, chats.size());
        assertTrue(chats.get(0).format().isObject(), "first the schema");
        assertEquals("json", chats.get(1).format().asText(), "then plain JSON");

        assertEquals(ANSWER, lm.complete(prompt()).text());
        assertEquals(ANSWER, streamed(server.chatModel(), prompt()).text());
        chats = ollama.requests("/api/chat");
        assertEquals(4, chats.size(), "remembered: no schema is sent again to this model");
        assertEquals("json", chats.get(2).format().asText());
        assertEquals("json", chats.get(3).format().asText());
        assertEquals(1, log.list.size(), "logged once");
        assertTrue(log.list.get(0).getFormattedMessage().contains("llama3.2"), log.list.get(0).getFormattedMessage());
    }

    @Test
    void aSchemaOllamaCannotUseFailsItsStreamWithAnErrorLineAndFallsBackToo() throws Exception {
        LanguageModel lm = ollamaModel(TestModel.chat("llama3.2", 8192));
        ollama.setSchemaRefusal(SchemaRefusal.INVALID_SCHEMA);

        assertEquals(ANSWER, streamed(lm, prompt()).text());
        assertEquals("json", ollama.lastChatRequest().orElseThrow().format().asText());
    }

    @Test
    void aFailureThatIsNotAboutTheFormatIsNotAFallback() throws Exception {
        LanguageModel lm = ollamaModel(TestModel.chat("llama3.2", 8192));
        ollama.failNext(dev.ponder.testing.Fault.HTTP_500);

        LlmException e = org.junit.jupiter.api.Assertions.assertThrows(LlmException.class, () -> streamed(lm, prompt()));
        assertEquals(LlmException.Kind.SERVER_ERROR, e.kind());
        assertEquals(1, ollama.requestCount("/api/chat"));
        assertTrue(streamed(lm, prompt()).text().equals(ANSWER));
        assertTrue(ollama.lastChatRequest().orElseThrow().format().isObject(), "the schema is still sent");
    }

    @Test
    void aThinkingModelGetsThinkFalseForJsonAndNotForText() throws Exception {
        LanguageModel lm = ollamaModel(TestModel.thinking("qwen3", 40960));

        Completion c = streamed(lm, prompt());
        assertEquals(ANSWER, c.text());
        assertEquals("", c.thinking(), "it did not think");
        assertEquals(Boolean.FALSE, ollama.lastChatRequest().orElseThrow().think().orElseThrow());

        Completion text = streamed(lm, new Prompt("Answer.", "What is it?", 64));
        assertTrue(ollama.lastChatRequest().orElseThrow().think().isEmpty(), "text prompts leave the model's default");
        assertEquals(OllamaTestServer.THINKING, text.thinking(), "the thinking field is kept apart from the text");
        assertEquals(ANSWER, text.text());
    }

    @Test
    void anAnswerLeftInTheThinkingFieldReachesTheCompletion() throws Exception {
        LanguageModel lm = ollamaModel(TestModel.thinking("qwen3", 40960));
        ollama.setAnswerInThinkingField(true);

        Completion streamed = streamed(lm, prompt());
        assertEquals("", streamed.text());
        assertEquals(ANSWER, streamed.thinking());
        Completion blocking = lm.complete(prompt());
        assertEquals(ANSWER, blocking.thinking());
    }

    @Test
    void doneReasonLengthIsACutOffCompletion() throws Exception {
        LanguageModel lm = ollamaModel(TestModel.chat("llama3.2", 8192));

        Completion cut = streamed(lm, prompt().withMaxOutputTokens(5));
        assertTrue(cut.cutOff());
        assertEquals(Completion.FinishReason.LENGTH, cut.finishReason());
        Completion whole = streamed(lm, prompt());
        assertFalse(whole.cutOff());
        assertEquals(Completion.FinishReason.STOP, whole.finishReason());
        assertTrue(lm.complete(prompt().withMaxOutputTokens(5)).cutOff(), "blocking too");
    }

    @Test
    void anOpenAiCompatibleServerGetsResponseFormatJsonSchema() throws Exception {
        LanguageModel lm = openAiModel();

        assertEquals(ANSWER, streamed(lm, prompt()).text());
        RecordedRequest r = openAi.lastChatRequest().orElseThrow();
        assertEquals("json_schema", r.body().at("/response_format/type").asText());
        assertEquals(JSON.readTree(SHAPE.schemaJson()), r.body().at("/response_format/json_schema/schema"));
        assertEquals(ANSWER, lm.complete(prompt()).text());
        assertEquals("json_schema", openAi.lastChatRequest().orElseThrow().body().at("/response_format/type").asText());
        assertTrue(lm.complete(prompt().withMaxOutputTokens(5)).cutOff(), "finish_reason length");
    }

    @Test
    void anOpenAiCompatibleServerThatAnswers400ToTheSchemaGetsJsonObject() throws Exception {
        LanguageModel lm = openAiModel();
        openAi.refuseJsonSchema(true);

        assertEquals(ANSWER, streamed(lm, prompt()).text());
        assertEquals("json_object", openAi.lastChatRequest().orElseThrow().body().at("/response_format/type").asText());
        assertEquals(ANSWER, lm.complete(prompt()).text());
        assertEquals(3, openAi.requests("/v1/chat/completions").size(), "the second prompt went as json_object at once");
    }

    @Test
    void reasoningContentOfAnOpenAiCompatibleServerReachesTheCompletion() throws Exception {
        LanguageModel lm = openAiModel();
        openAi.answerInReasoning(true);

        assertEquals(ANSWER, lm.complete(prompt()).thinking());
        assertEquals(ANSWER, streamed(lm, prompt()).thinking());
    }
}
