package dev.ponder.llm;

import java.util.Objects;

/**
 * A finished model answer.
 *
 * @param text         the whole answer text ({@code message.content})
 * @param usage        tokens measured by the server
 * @param thinking     what a thinking model wrote in its thinking field (Ollama {@code message.thinking},
 *                     OpenAI-compatible {@code reasoning_content}); empty when none
 * @param finishReason why the model stopped (Ollama {@code done_reason}, OpenAI {@code finish_reason})
 */
public record Completion(String text, TokenUsage usage, String thinking, FinishReason finishReason) {

    /** Why the model stopped writing. */
    public enum FinishReason {
        /** It finished its answer ({@code stop}). */
        STOP,
        /** It reached the answer budget ({@code length}): the answer is cut off. */
        LENGTH,
        /** Another reason the server named. */
        OTHER,
        /** The server named none. */
        UNKNOWN
    }

    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
        thinking = thinking == null ? "" : thinking;
        Objects.requireNonNull(finishReason, "finishReason");
    }

    /** A complete answer with no thinking and no finish reason known. */
    public Completion(String text, TokenUsage usage) {
        this(text, usage, "", FinishReason.UNKNOWN);
    }

    /** Whether the answer budget cut the answer off ({@code done_reason} {@code length}). */
    public boolean cutOff() {
        return finishReason == FinishReason.LENGTH;
    }

    /**
     * Ponder's completion of a langchain4j response: its text (or {@code streamedText} when the
     * response carries none), the thinking field, and why the model stopped.
     */
    static Completion of(dev.langchain4j.model.chat.response.ChatResponse response, TokenUsage usage,
                         String streamedText) {
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        String thinking = response.aiMessage() == null ? null : response.aiMessage().thinking();
        return new Completion(text != null ? text : streamedText, usage, thinking, finishReason(response.finishReason()));
    }

    /** langchain4j's finish reason as Ponder's; {@code null} (the server named none) is {@link FinishReason#UNKNOWN}. */
    static FinishReason finishReason(dev.langchain4j.model.output.FinishReason reason) {
        if (reason == null) {
            return FinishReason.UNKNOWN;
        }
        return switch (reason) {
            case STOP -> FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }
}
