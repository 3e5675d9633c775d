package dev.ponder.llm;

/**
 * A finished model answer.
 *
 * @param text  the whole answer text
 * @param usage tokens measured by the server
 */
public record Completion(String text, TokenUsage usage) {
}
