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

    /**
     * Reads the base URL of an OpenAI-compatible API as a person types it: the scheme may be left
     * out (then http); a URL without a path gets {@code /v1}, where LM Studio, llama-server, vLLM and
     * Ollama serve it; trailing slashes are dropped. {@code localhost:1234} → {@code http://localhost:1234/v1}.
     *
     * @throws IllegalArgumentException when {@code value} is not an http(s) address with a host; the
     *                                  message is one sentence for the person
     */
    public static URI baseUrl(String value) {
        String v = value == null ? "" : value.strip();
        if (!v.isEmpty() && !v.contains("://")) {
            v = "http://" + v;
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (java.net.URISyntaxException e) {
            throw notAnAddress(value);
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw notAnAddress(value);
        }
        return uri.getPath() == null || uri.getPath().isEmpty() ? URI.create(v + "/v1") : uri;
    }

    private static IllegalArgumentException notAnAddress(String value) {
        return new IllegalArgumentException("“" + (value == null ? "" : value.strip())
                + "” is not a server address; give one like http://localhost:1234/v1.");
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
