package dev.ponder.llm;

import java.util.Objects;

/**
 * One request to a chat model: a system instruction and a user message.
 *
 * @param system          system message (instructions), never {@code null}
 * @param user            user message (question plus quoted document text), never {@code null}
 * @param maxOutputTokens budget of the answer in tokens, sent as {@code num_predict}
 * @param format          {@link Format#JSON} asks the server to constrain the answer to JSON
 *                        (Ollama's {@code "format":"json"}); {@link Format#TEXT} by default
 */
public record Prompt(String system, String user, int maxOutputTokens, Format format) {

    /** What shape the answer must have. */
    public enum Format {
        /** Free text. */
        TEXT,
        /** A JSON value; the server constrains sampling to valid JSON (Ollama {@code "format":"json"}). */
        JSON
    }

    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(format, "format");
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
    }

    /** A free-text prompt. */
    public Prompt(String system, String user, int maxOutputTokens) {
        this(system, user, maxOutputTokens, Format.TEXT);
    }

    /** This prompt with other messages, the same budget and format. */
    public Prompt withMessages(String system, String user) {
        return new Prompt(system, user, maxOutputTokens, format);
    }

    /** This prompt, asking for a JSON answer. */
    public Prompt asJson() {
        return new Prompt(system, user, maxOutputTokens, Format.JSON);
    }
}
