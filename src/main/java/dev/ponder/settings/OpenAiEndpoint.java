package dev.ponder.settings;

import java.net.URI;
import java.util.Objects;

/**
 * An OpenAI-compatible chat-completions server Ponder uses instead of Ollama: LM Studio,
 * llama.cpp's {@code llama-server}, vLLM, Ollama's own {@code /v1}, or a remote GPU server.
 *
 * @param url    base URL of the API, ending in the version path, e.g. {@code http://localhost:1234/v1};
 *               Ponder calls {@code url + "/models"} and {@code url + "/chat/completions"}
 * @param apiKey sent as {@code Authorization: Bearer KEY}; {@code null} or blank sends no header
 *               (local servers need none)
 */
public record OpenAiEndpoint(URI url, String apiKey) {

    public OpenAiEndpoint {
        Objects.requireNonNull(url, "url");
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    /** Whether a key is sent. */
    public boolean hasApiKey() {
        return apiKey != null;
    }

    /** Never prints the key, so settings can be logged. */
    @Override
    public String toString() {
        return "OpenAiEndpoint[" + url + (apiKey == null ? ", no key" : ", key set") + "]";
    }
}
