package dev.ponder.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.Settings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An embedding model served by the model server: Ollama's {@code POST /api/embed}
 * ({@code {"model", "input": [texts]}} → {@code {"embeddings": [[…]]}}) or an OpenAI-compatible
 * {@code POST /v1/embeddings} ({@code {"model", "input": [texts]}} → {@code {"data": [{"index",
 * "embedding"}]}}), one request per batch. The server's address and key are read from the settings
 * at each call. Vectors are normalised to unit length here (Ollama's already are; not every
 * OpenAI-compatible server's). A multilingual model (bge-m3, embeddinggemma) is taken to read every
 * language.
 */
public final class ServerEmbedder implements Embedder {

    /** Prefix of the ids of Ollama's embedding models. */
    public static final String OLLAMA = "ollama:";
    /** Prefix of the ids of an OpenAI-compatible server's embedding models. */
    public static final String OPENAI = "openai:";
    /** Deadline of one request; the first one may load the model from disk. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final String model;
    private final boolean openAi;
    private final Supplier<Settings> settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(ModelTransport.CONNECT_TIMEOUT).build();
    private volatile int dimension;

    private ServerEmbedder(String id, Supplier<Settings> settings) {
        this.id = id;
        this.openAi = id.startsWith(OPENAI);
        this.model = id.substring(openAi ? OPENAI.length() : OLLAMA.length());
        this.settings = settings;
    }

    /**
     * The embedder a model id names: {@code builtIn} for {@value MiniLmEmbedder#MODEL_ID}, else a
     * server model ({@code ollama:NAME}, {@code openai:NAME}).
     *
     * @throws IllegalArgumentException for an id of neither form
     */
    public static Embedder forModel(String id, Supplier<Settings> settings, Embedder builtIn) {
        if (id.equals(builtIn.modelId())) {
            return builtIn;
        }
        if (id.startsWith(OLLAMA) || id.startsWith(OPENAI)) {
            return new ServerEmbedder(id, settings);
        }
        throw new IllegalArgumentException("no embedding model " + id);
    }

    /** The id of model {@code name} of the server {@code settings} name. */
    public static String idOf(String name, Settings settings) {
        return (settings.usesOpenAi() ? OPENAI : OLLAMA) + name;
    }

    /** The model's name on its server, e.g. {@code bge-m3}. */
    public String modelName() {
        return model;
    }

    @Override
    public String modelId() {
        return id;
    }

    /** Vector length, known after the first call (0 before). */
    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Settings s = settings.get();
        if (openAi != s.usesOpenAi()) {
            throw new EmbeddingException("The embedding model " + model + " is on " + (openAi ? "an OpenAI-compatible "
                    + "server" : "Ollama") + ", but Ponder now talks to " + (openAi ? "Ollama" : "an OpenAI-compatible "
                    + "server") + " — choose an embedding model in Settings.", null);
        }
        URI endpoint = openAi ? endpoint(s.openAi().url(), "embeddings") : endpoint(s.ollamaUrl(), "api/embed");
        ObjectNode body = JSON.createObjectNode().put("model", model);
        texts.forEach(body.putArray("input")::add);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (openAi && s.openAi().hasApiKey()) {
            request.header("Authorization", "Bearer " + s.openAi().apiKey());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new EmbeddingException(server(s) + " is not running at " + base(s) + " — start it, or choose the "
                    + "built-in embedding model in Settings.", e);
        } catch (IOException e) {
            throw new EmbeddingException(server(s) + " at " + base(s) + " did not answer the request for embeddings ("
                    + e.getMessage() + ") — check that it is running, or choose the built-in embedding model in Settings.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("The request for embeddings was interrupted.", e);
        }
        return vectors(response, texts.size(), s);
    }

    private List<float[]> vectors(HttpResponse<String> response, int count, Settings s) {
        JsonNode root;
        try {
            root = JSON.readTree(response.body());
        } catch (IOException e) {
            root = null;
        }
        if (response.statusCode() != 200) {
            String detail = Optional.ofNullable(root).map(r -> r.path("error"))
                    .map(e -> e.isTextual() ? e.asText() : e.path("message").asText(""))
                    .filter(t -> !t.isBlank()).orElse("HTTP " + response.statusCode());
            String fix = response.statusCode() == 404 ? (openAi ? " — load it on the server" : " — pull it with `ollama pull "
                    + model + "`") + ", or choose another embedding model in Settings." : " — choose another embedding "
                    + "model in Settings.";
            throw new EmbeddingException(server(s) + " could not embed text with " + model + ": "
                    + OllamaFailures.brief(detail) + fix, null);
        }
        List<float[]> out = new ArrayList<>(count);
        if (root != null && openAi) {
            JsonNode data = root.path("data");
            for (int i = 0; i < count; i++) {
                JsonNode item = i < data.size() ? data.get(i) : null;
                for (JsonNode d : data) {
                    if (d.path("index").asInt(-1) == i) {
                        item = d;
                    }
                }
                out.add(item == null ? null : unit(item.path("embedding")));
            }
        } else if (root != null) {
            for (JsonNode v : root.path("embeddings")) {
                out.add(unit(v));
            }
        }
        if (out.size() != count || out.stream().anyMatch(v -> v == null || v.length == 0)) {
            throw new EmbeddingException(server(s) + " answered the request for embeddings with something Ponder cannot "
                    + "read — is " + model + " an embedding model?", null);
        }
        dimension = out.get(0).length;
        return out;
    }

    private static float[] unit(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            return null;
        }
        float[] v = new float[array.size()];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
            norm += v[i] * v[i];
        }
        if (norm > 0) {
            float n = (float) Math.sqrt(norm);
            for (int i = 0; i < v.length; i++) {
                v[i] /= n;
            }
        }
        return v;
    }

    private String server(Settings s) {
        return openAi ? "The model server" : "Ollama";
    }

    private URI base(Settings s) {
        return openAi ? s.openAi().url() : s.ollamaUrl();
    }

    private static URI endpoint(URI base, String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
    }
}
