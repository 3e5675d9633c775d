package dev.ponder.testing;

/**
 * Faults the {@link OllamaTestServer} can play on {@code /api/chat}, each as a real Ollama (or the
 * network between) shows it on the wire. See {@code docs/ollama-protocol.md}.
 */
public enum Fault {
    /** 404 {@code {"error":"model 'x' not found"}} before any body, whatever model was asked for. */
    UNKNOWN_MODEL,
    /** 500 {@code {"error":"llama runner process has terminated: exit status 2"}} before any body. */
    HTTP_500,
    /**
     * Streaming: 200, about half of the tokens, then one {@code {"error":"…"}} line, then a clean end
     * of the body (Ollama's {@code streamResponse}). Non-streaming: HTTP 500 with the same error,
     * as Ollama's {@code writeChatResponse} does.
     */
    ERROR_LINE_MID_STREAM,
    /** About half of the body, then the TCP connection is closed without ending the body. */
    DROP_MID_STREAM,
    /** 200 and headers, then nothing until the client gives up or the server is closed. */
    STALL_AFTER_HEADERS,
    /** Streaming: a line that is not JSON among the token lines. Non-streaming: a body that is not JSON. */
    NON_JSON_LINE,
    /**
     * Streaming: about half of the tokens, then a clean end of the body without the final
     * {@code "done":true} line (a proxy or a crashed runner can do this). Non-streaming requests
     * are answered normally.
     */
    END_WITHOUT_FINAL_LINE
}
