package dev.ponder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP request the {@link OllamaTestServer} received, recorded before any fault was applied.
 *
 * @param method     HTTP method, e.g. {@code POST}
 * @param path       request path, e.g. {@code /api/chat}
 * @param rawBody    the body as sent (empty for GET)
 * @param body       the body parsed as JSON; {@link MissingNode} when empty or not JSON
 * @param receivedAt when the server read the body
 */
public record RecordedRequest(String method, String path, String rawBody, JsonNode body, Instant receivedAt) {

    /** {@code model} (or {@code name}, which {@code /api/show} also accepts), or empty. */
    public Optional<String> model() {
        JsonNode n = body.hasNonNull("model") ? body.get("model") : body.get("name");
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    /** {@code options.num_ctx} in tokens, or empty when not sent. */
    public Optional<Integer> numCtx() {
        return intOption("num_ctx");
    }

    /** {@code options.num_predict} in tokens, or empty when not sent. */
    public Optional<Integer> numPredict() {
        return intOption("num_predict");
    }

    /** {@code options.temperature}, or empty when not sent. */
    public Optional<Double> temperature() {
        JsonNode n = body.path("options").path("temperature");
        return n.isNumber() ? Optional.of(n.asDouble()) : Optional.empty();
    }

    /** The {@code stream} flag; Ollama treats a missing flag as {@code true}. */
    public boolean stream() {
        JsonNode n = body.get("stream");
        return n == null || n.isNull() || n.asBoolean(true);
    }

    /**
     * {@code format}: the string {@code "json"}, a JSON schema object, or {@link MissingNode} when
     * not sent.
     */
    public JsonNode format() {
        JsonNode n = body.path("format");
        return n.isNull() ? MissingNode.getInstance() : n;
    }

    /** {@code think}, or empty when not sent. */
    public Optional<Boolean> think() {
        JsonNode n = body.get("think");
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asBoolean());
    }

    /** {@code messages[].content} in order (chat requests), empty list otherwise. */
    public List<String> messageContents() {
        List<String> out = new ArrayList<>();
        body.path("messages").forEach(m -> out.add(m.path("content").asText("")));
        return out;
    }

    /** {@code messages[].role} in order. */
    public List<String> messageRoles() {
        List<String> out = new ArrayList<>();
        body.path("messages").forEach(m -> out.add(m.path("role").asText("")));
        return out;
    }

    /** Content of the last message with role {@code user}, or empty. */
    public Optional<String> lastUserMessage() {
        String found = null;
        for (JsonNode m : body.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                found = m.path("content").asText("");
            }
        }
        return Optional.ofNullable(found);
    }

    private Optional<Integer> intOption(String name) {
        JsonNode n = body.path("options").path(name);
        return n.isNumber() ? Optional.of(n.asInt()) : Optional.empty();
    }
}
