package dev.ponder.llm;

/**
 * A fault in an Ollama stream that langchain4j-ollama 1.11 would swallow (it logs and skips the
 * line, or simply never calls back), detected by {@link OllamaHttpClient} while it reads the lines.
 */
final class StreamFault extends RuntimeException {

    /** What was wrong with the stream. */
    enum Type {
        /** Ollama wrote {@code {"error":"…"}} after the 200 status; the detail is Ollama's text. */
        ERROR_LINE,
        /** A line that is not a JSON object; the detail is the start of the line. */
        NOT_JSON,
        /** The body ended cleanly but without the final {@code "done":true} line. */
        ENDED_EARLY
    }

    private final Type type;
    private final String detail;

    StreamFault(Type type, String detail) {
        super(type + ": " + detail);
        this.type = type;
        this.detail = detail;
    }

    Type type() {
        return type;
    }

    /** Ollama's error text, or the offending line (shortened). */
    String detail() {
        return detail;
    }
}
