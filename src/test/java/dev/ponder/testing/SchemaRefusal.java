package dev.ponder.testing;

/**
 * How the {@link OllamaTestServer} treats a JSON schema sent as {@code format} (a JSON object; the
 * string {@code "json"} is always accepted).
 */
public enum SchemaRefusal {
    /** Takes the schema, as Ollama 0.5 and later do. */
    NONE,
    /**
     * 400 {@code {"error":"json: cannot unmarshal object into Go struct field ChatRequest.format of
     * type string"}} before any body: Ollama before 0.5, whose {@code format} was a string.
     */
    OLD_OLLAMA,
    /**
     * {@code invalid JSON schema in format}, as a current Ollama says of a schema it cannot turn into
     * a grammar: an error line after the 200 status when streaming, HTTP 500 otherwise.
     */
    INVALID_SCHEMA
}
