package dev.ponder.llm;

/**
 * A model call that could not give an answer. {@link #getMessage()} is one sentence a person
 * understands, saying what happened and what to do; the cause holds the technical detail.
 */
public class LlmException extends Exception {

    /** What went wrong, so callers can react (e.g. show the "Ollama is not running" banner). */
    public enum Kind {
        /** Nothing answers at the server's address. */
        UNREACHABLE,
        /** The server answers but does not have the model. */
        MODEL_MISSING,
        /** The server reported an error (HTTP 4xx/5xx, or an error line in the stream). */
        SERVER_ERROR,
        /** The connection closed before the answer was complete. */
        CONNECTION_LOST,
        /** No new data within the deadline. */
        STALLED,
        /** The server sent something that is not Ollama's protocol. */
        BAD_RESPONSE
    }

    private final Kind kind;

    public LlmException(Kind kind, String userMessage, Throwable cause) {
        super(userMessage, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
