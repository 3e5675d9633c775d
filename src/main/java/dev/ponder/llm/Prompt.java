package dev.ponder.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * One request to a chat model: a system instruction and a user message.
 *
 * @param system          system message (instructions), never {@code null}
 * @param user            user message (question plus quoted document text), never {@code null}
 * @param maxOutputTokens budget of the answer in tokens, sent as {@code num_predict} ({@code max_tokens})
 * @param format          {@link Format#JSON} asks the server to constrain the answer to JSON;
 *                        {@link Format#TEXT} by default
 * @param schema          for {@link Format#JSON}: the shape the answer must have, sent as a JSON schema
 *                        (Ollama {@code format}, OpenAI {@code response_format} {@code json_schema});
 *                        {@code null}: any JSON ({@code "format":"json"})
 */
public record Prompt(String system, String user, int maxOutputTokens, Format format, JsonShape schema) {

    /** What shape the answer must have. */
    public enum Format {
        /** Free text. */
        TEXT,
        /** A JSON value; the server constrains sampling to valid JSON, to the schema when one is given. */
        JSON
    }

    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(format, "format");
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
        if (schema != null && format != Format.JSON) {
            throw new IllegalArgumentException("a schema needs the JSON format");
        }
    }

    /** A free-text prompt. */
    public Prompt(String system, String user, int maxOutputTokens) {
        this(system, user, maxOutputTokens, Format.TEXT, null);
    }

    /** This prompt with other messages, the same budget, format and schema. */
    public Prompt withMessages(String system, String user) {
        return new Prompt(system, user, maxOutputTokens, format, schema);
    }

    /** This prompt, asking for any JSON answer ({@code "format":"json"}). */
    public Prompt asJson() {
        return new Prompt(system, user, maxOutputTokens, Format.JSON, null);
    }

    /** This prompt, asking for a JSON answer of {@code shape}, sent to the server as a JSON schema. */
    public Prompt withSchema(JsonShape shape) {
        return new Prompt(system, user, maxOutputTokens, Format.JSON, Objects.requireNonNull(shape, "shape"));
    }

    /** This prompt with another answer budget, in tokens. */
    public Prompt withMaxOutputTokens(int tokens) {
        return new Prompt(system, user, tokens, format, schema);
    }

    /** The schema, if this prompt sends one. */
    public Optional<JsonShape> jsonSchema() {
        return Optional.ofNullable(schema);
    }
}
