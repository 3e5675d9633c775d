package dev.ponder.llm;

/**
 * A fault in a model stream that langchain4j 1.11 would swallow (it logs and skips the
 * line, or simply never calls back), detected by {@link ModelHttpClient} while it reads the lines.
 */
final class StreamFault extends RuntimeException {

    /** What was wrong with the stream. */
    enum Type {
        /** The server wrote an error ({@code {"error":…}}) after the 200 status; the detail is its text. */
        ERROR_LINE,
        /** A line that is not a JSON object, before any good line: not this server's protocol; the detail is the start of the line. */
        NOT_JSON,
        /**
         * A line that is not a JSON object after good ones: the same server just answered in its
         * protocol, so the reply was garbled (a proxy, a crashed runner), not sent to a wrong address.
         */
        BROKEN_LINE,
        /** The body ended cleanly but without its end mark ({@code "done":true}, or {@code [DONE]}/a finish reason). */
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
