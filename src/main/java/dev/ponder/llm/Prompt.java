package dev.ponder.llm;

import java.util.Objects;

/**
 * One request to a chat model: a system instruction and a user message.
 *
 * @param system          system message (instructions), never {@code null}
 * @param user            user message (question plus quoted document text), never {@code null}
 * @param maxOutputTokens budget of the answer in tokens, sent as {@code num_predict}
 */
public record Prompt(String system, String user, int maxOutputTokens) {
    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
    }
}
