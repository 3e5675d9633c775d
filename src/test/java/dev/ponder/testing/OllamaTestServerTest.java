package dev.ponder.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exercises the test server with the plain JDK HTTP client, as Ollama's own docs describe the protocol. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OllamaTestServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "Intro text. ANSWER: The warranty lasts 27 months. More text follows.";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private OllamaTestServer server;

    @BeforeEach
    void start() {
        server = OllamaTestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void tagsListsInstalledModelsWithNineDigitTimestamps() throws Exception {
        HttpResponse<String> r = get("/api/tags");
        assertEquals(200, r.statusCode());
        JsonNode models = JSON.readTree(r.body()).get("models");
        assertEquals(2, models.size());
        assertEquals("llama3.2:latest", models.get(0).get("name").asText());
        assertEquals("llama", models.get(0).at("/details/family").asText());
        assertTrue(models.get(0).get("modified_at").asText().matches(".*\\.\\d{9}[+-]\\d\\d:\\d\\d"));
        assertEquals("nomic-embed-text:latest", models.get(1).get("model").asText());
    }

    @Test
    void showReportsContextLengthCapabilitiesAndParameters() throws Exception {
        server.setModels(TestModel.chat("qwen2.5:7b", 32768).withNumCtxParameter(4096));
        HttpResponse<String> r = post("/api/show", "{\"name\":\"qwen2.5:7b\"}");
        assertEquals(200, r.statusCode());
        JsonNode show = JSON.readTree(r.body());
        assertEquals(32768, show.at("/model_info/llama.context_length").asInt());
        assertEquals("completion", show.at("/capabilities/0").asText());
        assertTrue(show.get("parameters").asText().contains("num_ctx"));
    }

    @Test
    void showOfUnknownModelIs404WithOllamasMessage() throws Exception {
        HttpResponse<String> r = post("/api/show", "{\"model\":\"mistral\"}");
        assertEquals(404, r.statusCode());
        assertEquals("model 'mistral' not found", JSON.readTree(r.body()).get("error").asText());
    }

    @Test
    void versionIsReportedAndCanBeAbsent() throws Exception {
        assertEquals(OllamaTestServer.VERSION, JSON.readTree(get("/api/version").body()).get("version").asText());
        server.setVersionEndpoint(false);
        assertEquals(404, get("/api/version").statusCode());
    }

    @Test
    void streamingChatSendsOneTokenPerLineAndCountsTokens() throws Exception {
        HttpResponse<InputStream> r = postStreaming(chatBody("llama3.2", true, "Be brief.", DOCUMENT + "\nQuestion?"));
        assertEquals(200, r.statusCode());
        assertEquals("application/x-ndjson", r.headers().firstValue("Content-Type").orElseThrow());
        List<JsonNode> lines = readLines(r.body());

        StringBuilder answer = new StringBuilder();
        lines.subList(0, lines.size() - 1).forEach(l -> answer.append(l.at("/message/content").asText()));
        assertEquals("The warranty lasts 27 months.", answer.toString());
        assertEquals(6, lines.size() - 1, "one line per token");
        JsonNode last = lines.get(lines.size() - 1);
        assertTrue(last.get("done").asBoolean());
        assertEquals("stop", last.get("done_reason").asText());
        int expectedPrompt = TestTokens.count("Be brief.") + TestTokens.count(DOCUMENT + "\nQuestion?");
        assertEquals(expectedPrompt, last.get("prompt_eval_count").asInt());
        assertEquals(6, last.get("eval_count").asInt());

        RecordedRequest rec = server.lastChatRequest().orElseThrow();
        assertEquals(8192, rec.numCtx().orElseThrow());
        assertEquals(100, rec.numPredict().orElseThrow());
        assertEquals(expectedPrompt, server.lastReply().orElseThrow().promptEvalCount());
    }

    @Test
    void speedModeChargesPrefillOnlyForThePromptAfterTheSharedPrefixAndDecodePerToken() throws Exception {
        server.setSpeed(new OllamaTestServer.Speed(Duration.ofMillis(2), Duration.ofMillis(10)));
        String prefix = (DOCUMENT + " ").repeat(20);
        long start = System.nanoTime();
        List<JsonNode> first = readLines(postStreaming(chatBody("llama3.2", true, "Be brief.", prefix + "\nFirst?")).body());
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        readLines(postStreaming(chatBody("llama3.2", true, "Be brief.", prefix + "\nSecond one?")).body());
        // a different model has its own cache: it pays for the whole prompt
        server.setModels(TestModel.chat("llama3.2", 8192), TestModel.chat("qwen3", 8192));
        readLines(postStreaming(chatBody("qwen3", true, "Be brief.", prefix + "\nSecond one?")).body());

        int whole = 2 + TestTokens.count("Be brief.") + TestTokens.count(prefix + "\nFirst?");
        int tail = TestTokens.count("Second one?");
        assertEquals(List.of(whole, tail, whole - TestTokens.count("First?") + tail), server.prefilledTokens(),
                "the shared prefix is computed once per model");
        int generated = first.size() - 1;
        assertTrue(firstMs >= 2L * whole + 10L * generated - 10,
                "waits 2 ms per prompt token and 10 ms per token: " + firstMs + " ms for " + whole + " + " + generated);
    }

    @Test
    void nonStreamingChatAnswersInOneObject() throws Exception {
        HttpResponse<String> r = post("/api/chat", chatBody("llama3.2:latest", false, "sys", "Hello there. Bye."));
        assertEquals(200, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("You said: Hello there.", body.at("/message/content").asText());
        assertTrue(body.get("done").asBoolean());
        assertEquals(TestTokens.count("You said: Hello there."), body.get("eval_count").asInt());
    }

    @Test
    void numPredictCutsTheAnswerWithDoneReasonLength() throws Exception {
        String body = chatBody("llama3.2", false, "sys", DOCUMENT).replace("\"num_predict\":100", "\"num_predict\":3");
        JsonNode r = JSON.readTree(post("/api/chat", body).body());
        assertEquals("The warranty lasts", r.at("/message/content").asText());
        assertEquals("length", r.get("done_reason").asText());
        assertEquals(3, r.get("eval_count").asInt());
    }

    @Test
    void unknownModelIs404BeforeAnyBody() throws Exception {
        HttpResponse<String> r = post("/api/chat", chatBody("mistral", true, "s", "u"));
        assertEquals(404, r.statusCode());
        assertEquals("model 'mistral' not found", JSON.readTree(r.body()).get("error").asText());
    }

    @Test
    void faultForNextRequestOnlyAppliesOnce() throws Exception {
        server.failNext(Fault.HTTP_500);
        assertEquals(500, post("/api/chat", chatBody("llama3.2", false, "s", "u")).statusCode());
        assertEquals(200, post("/api/chat", chatBody("llama3.2", false, "s", "u")).statusCode());
        server.failAlways(Fault.UNKNOWN_MODEL);
        assertEquals(404, post("/api/chat", chatBody("llama3.2", false, "s", "u")).statusCode());
        assertEquals(404, post("/api/chat", chatBody("llama3.2", false, "s", "u")).statusCode());
        server.clearFault();
        assertEquals(200, post("/api/chat", chatBody("llama3.2", false, "s", "u")).statusCode());
    }

    @Test
    void errorLineMidStreamEndsTheBodyCleanly() throws Exception {
        server.failNext(Fault.ERROR_LINE_MID_STREAM);
        List<JsonNode> lines = readLines(postStreaming(chatBody("llama3.2", true, "s", DOCUMENT)).body());
        JsonNode last = lines.get(lines.size() - 1);
        assertEquals(OllamaTestServer.MID_STREAM_ERROR, last.get("error").asText());
        assertTrue(lines.size() >= 2, "some tokens came before the error");
        assertTrue(lines.stream().noneMatch(l -> l.path("done").asBoolean()));
    }

    @Test
    void endWithoutFinalLineEndsTheBodyCleanlyWithoutDone() throws Exception {
        server.failNext(Fault.END_WITHOUT_FINAL_LINE);
        List<JsonNode> lines = readLines(postStreaming(chatBody("llama3.2", true, "s", DOCUMENT)).body());
        assertFalse(lines.isEmpty());
        assertTrue(lines.stream().noneMatch(l -> l.path("done").asBoolean() || l.has("error")));
    }

    @Test
    void dropMidStreamBreaksTheBody() throws Exception {
        server.failNext(Fault.DROP_MID_STREAM);
        InputStream body = postStreaming(chatBody("llama3.2", true, "s", DOCUMENT)).body();
        List<String> got = new ArrayList<>();
        assertThrows(IOException.class, () -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    got.add(line);
                }
            }
        });
        assertFalse(got.isEmpty(), "some tokens came before the drop");
    }

    @Test
    void stallAfterHeadersSendsHeadersThenNothing() throws Exception {
        server.failNext(Fault.STALL_AFTER_HEADERS);
        HttpResponse<InputStream> r = postStreaming(chatBody("llama3.2", true, "s", DOCUMENT));
        assertEquals(200, r.statusCode());
        CompletableFuture<Integer> firstByte = CompletableFuture.supplyAsync(() -> {
            try {
                return r.body().read();
            } catch (IOException e) {
                return -2;
            }
        });
        Thread.sleep(500);
        assertFalse(firstByte.isDone(), "nothing arrives after the headers");
        r.body().close();
    }

    @Test
    void nonJsonLineAppearsAmongTokenLines() throws Exception {
        server.failNext(Fault.NON_JSON_LINE);
        HttpResponse<InputStream> r = postStreaming(chatBody("llama3.2", true, "s", DOCUMENT));
        List<String> lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8)).lines().toList();
        assertTrue(lines.contains(OllamaTestServer.NON_JSON));
        assertTrue(JSON.readTree(lines.get(lines.size() - 1)).get("done").asBoolean(), "the stream still completes");
    }

    @Test
    void clientClosingASlowStreamIsSeenByTheServer() throws Exception {
        server.setTokenDelay(Duration.ofMillis(50));
        server.answerWith("one two three four five six seven eight nine ten eleven twelve");
        HttpResponse<InputStream> r = postStreaming(chatBody("llama3.2", true, "s", "u"));
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        assertTrue(in.readLine().contains("one"));
        in.close();
        assertTrue(server.awaitStreamsClosedByClient(1, Duration.ofSeconds(5)));
    }

    @Test
    void stoppedServerRefusesConnectionsAndComesBackOnTheSamePort() throws Exception {
        server.stop();
        assertThrows(ConnectException.class, () -> get("/api/version"));
        server.restart();
        assertEquals(200, get("/api/version").statusCode());
        URI nothing = OllamaTestServer.unusedUrl();
        assertThrows(ConnectException.class,
                () -> http.send(HttpRequest.newBuilder(nothing.resolve("/api/tags")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void everyRequestIsRecorded() throws Exception {
        get("/api/tags");
        post("/api/show", "{\"name\":\"llama3.2\"}");
        assertEquals(2, server.requestCount());
        assertEquals("llama3.2", server.requests("/api/show").get(0).model().orElseThrow());
    }

    // ---------------------------------------------------------------- helpers

    private static String chatBody(String model, boolean stream, String system, String user) throws IOException {
        var root = JSON.createObjectNode();
        root.put("model", model);
        var messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        root.putObject("options").put("temperature", 0.2).put("num_predict", 100).put("num_ctx", 8192);
        root.put("stream", stream);
        return JSON.writeValueAsString(root);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<InputStream> postStreaming(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve("/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static List<JsonNode> readLines(InputStream body) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
