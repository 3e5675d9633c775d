package dev.ponder.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings Ponder runs with, resolved once at start from the command line, the environment
 * and defaults (in that order of precedence).
 *
 * @param dataDir             directory holding the H2 database and logs
 * @param ollamaUrl           base URL of the Ollama server, e.g. {@code http://localhost:11434}
 * @param model               test-time chat model name; {@code null} means "the recommended model,
 *                            or the first chat model Ollama lists"
 * @param maxContextTokens    cap on {@code num_ctx} sent to Ollama, in tokens; the model's own
 *                            context length (from {@code /api/show}) is used when it is smaller
 * @param answerTokens        test-time budget b: maximum output tokens of an answer
 * @param firstTokenTimeout   how long a stream may wait for its first token (model loading on a CPU
 *                            can take tens of seconds)
 * @param streamInactivity    how long a stream may go without a new line once tokens flow
 */
public record Settings(
        Path dataDir,
        URI ollamaUrl,
        String model,
        int maxContextTokens,
        int answerTokens,
        Duration firstTokenTimeout,
        Duration streamInactivity) {

    /** The model Ponder recommends to new users: small, fast on a laptop CPU, 128k context. */
    public static final String RECOMMENDED_MODEL = "llama3.2";
    public static final URI DEFAULT_OLLAMA_URL = URI.create("http://localhost:11434");
    public static final int DEFAULT_MAX_CONTEXT_TOKENS = 8192;
    public static final int DEFAULT_ANSWER_TOKENS = 512;

    public Settings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(ollamaUrl, "ollamaUrl");
        if (maxContextTokens < 512) {
            throw new IllegalArgumentException("maxContextTokens must be at least 512, was " + maxContextTokens);
        }
    }

    /** Settings with every default, stored under {@code dataDir}. */
    public static Settings defaults(Path dataDir) {
        return new Settings(dataDir, DEFAULT_OLLAMA_URL, null, DEFAULT_MAX_CONTEXT_TOKENS,
                DEFAULT_ANSWER_TOKENS, Duration.ofSeconds(120), Duration.ofSeconds(30));
    }

    public Settings withOllamaUrl(URI url) {
        return new Settings(dataDir, url, model, maxContextTokens, answerTokens, firstTokenTimeout, streamInactivity);
    }

    public Settings withModel(String name) {
        return new Settings(dataDir, ollamaUrl, name, maxContextTokens, answerTokens, firstTokenTimeout, streamInactivity);
    }

    public Settings withTimeouts(Duration firstToken, Duration inactivity) {
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstToken, inactivity);
    }
}
