package dev.ponder.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.ponder.llm.LlmException.Kind;
import dev.ponder.settings.Advice;
import dev.ponder.settings.Advice.Setting;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns whatever langchain4j, the JDK HTTP client or Ponder's stream reader threw into an
 * {@link LlmException}: a {@link Kind} and one sentence that says what happened and what to do.
 * The single place where Ollama faults get their words; see {@code docs/ollama-protocol.md} for
 * how each fault arrives (e.g. "connection refused" as a bare {@code RuntimeException(ConnectException)}).
 *
 * @param url   the Ollama base URL the sentences name
 * @param model the model the request was for; {@code null} for server-level calls
 */
record OllamaFailures(URI url, String model) implements ModelFailures {

    /** Ollama's error texts are one line; keep messages readable if a proxy sends a page. */
    private static final int ERROR_TEXT_LIMIT = 160;

    // ---------------------------------------------------------------- sentences

    /** "Ollama is not running at URL — start it with `ollama serve`, then {again}." */
    static String notRunning(URI url) {
        return "Ollama is not running at " + url + " — start it with `ollama serve` (or check the address "
                + Advice.in(Setting.OLLAMA_ADDRESS) + "), then " + Advice.AGAIN + ".";
    }

    /** "Ollama has no model named NAME — run `ollama pull NAME` (or choose another …), then {again}." */
    static String noSuchModel(String name) {
        return "Ollama has no model named " + name + " — run `ollama pull " + name + "` (or choose another model "
                + Advice.in(Setting.MODEL) + "), then " + Advice.AGAIN + ".";
    }

    /** "Ollama has no chat models yet — run `ollama pull llama3.2`." */
    static String noChatModels(String recommended) {
        return "Ollama has no chat models yet — run `ollama pull " + recommended + "`, then " + Advice.AGAIN + ".";
    }

    /** The configured model exists but only makes embeddings. */
    static String notAChatModel(String name, String recommended) {
        return "Ollama's model " + name + " cannot chat (it only makes embeddings) — choose a chat model "
                + Advice.in(Setting.MODEL) + ", or run `ollama pull " + recommended + "`.";
    }

    @Override
    public LlmException stalled(Duration waited, boolean started) {
        String s = waited.toSeconds() + " s";
        String sentence = started
                ? "Ollama stopped answering for " + s + " in the middle of the answer — " + Advice.AGAIN
                        + "; if it keeps happening, restart Ollama."
                : "Ollama did not start answering within " + s + " — the model may still be loading or the prompt "
                        + "may be long for this computer; " + Advice.AGAIN + ", or allow more time "
                        + Advice.in(Setting.ANSWER_DEADLINE) + ".";
        return new LlmException(Kind.STALLED, sentence, null);
    }

    // ---------------------------------------------------------------- mapping

    @Override
    public LlmException unreachable(Throwable failure) {
        return new LlmException(Kind.UNREACHABLE, notRunning(url), failure);
    }

    @Override
    public LlmException tooSlow(Throwable failure) {
        return new LlmException(Kind.STALLED, "Ollama took too long to answer — " + Advice.AGAIN + "; if it keeps "
                + "happening, ask for a shorter answer or use a smaller model.", failure);
    }

    @Override
    public LlmException notThisProtocol(Throwable failure) {
        return notOllama(failure);
    }

    @Override
    public LlmException connectionLost(Throwable failure) {
        return new LlmException(Kind.CONNECTION_LOST, "The connection to Ollama at " + url
                + " broke off before the answer was complete — " + Advice.AGAIN + ".", failure);
    }

    @Override
    public LlmException otherFailure(Throwable failure) {
        return new LlmException(Kind.SERVER_ERROR, "Ollama could not answer (" + brief(String.valueOf(
                failure.getMessage())) + ") — " + Advice.AGAIN + "; if it keeps happening, restart Ollama.", failure);
    }

    @Override
    public LlmException fromStreamFault(StreamFault f, Throwable failure) {
        return switch (f.type()) {
            case ERROR_LINE -> serverError(f.detail(), failure);
            case NOT_JSON -> notOllama(failure);
            case BROKEN_LINE -> ModelFailures.brokenReply("restart Ollama", failure);
            case ENDED_EARLY -> new LlmException(Kind.CONNECTION_LOST,
                    "Ollama ended the answer before it was complete — " + Advice.AGAIN + ".", failure);
        };
    }

    @Override
    public LlmException fromHttpStatus(HttpException e, Throwable failure) {
        int status = e.statusCode();
        Optional<String> ollamaError = errorText(e.getMessage());
        if (status == 404) {
            // Ollama says "model 'x' not found"; any other 404 means the URL is not Ollama's API
            if (ollamaError.isPresent() && ollamaError.get().contains("not found")) {
                String name = model != null ? model : ollamaError.get();
                return new LlmException(Kind.MODEL_MISSING, noSuchModel(name), failure);
            }
            return notOllama(failure);
        }
        String text = ollamaError.orElse("HTTP " + status);
        if (status >= 500) {
            return serverError(text, failure);
        }
        return new LlmException(Kind.SERVER_ERROR, "Ollama refused the request (“" + brief(text)
                + "”) — check the model Ponder uses " + Advice.in(Setting.MODEL) + ", then " + Advice.AGAIN + ".",
                failure);
    }

    private LlmException serverError(String ollamaText, Throwable failure) {
        return new LlmException(Kind.SERVER_ERROR, "Ollama failed while answering (“" + brief(ollamaText)
                + "”) — " + Advice.AGAIN + "; if it keeps failing, restart Ollama or choose a smaller model "
                + Advice.in(Setting.MODEL) + ".", failure);
    }

    private LlmException notOllama(Throwable failure) {
        return new LlmException(Kind.BAD_RESPONSE, "The server at " + url + " does not answer like Ollama — check "
                + "the address " + Advice.in(Setting.OLLAMA_ADDRESS) + ", then " + Advice.AGAIN + ".", failure);
    }

    /** Ollama's {@code {"error":"…"}} text, if the body is that. */
    private static Optional<String> errorText(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.hasNonNull("error") ? Optional.of(node.get("error").asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code text} on one line, shortened to a readable length. */
    static String brief(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= ERROR_TEXT_LIMIT ? oneLine : oneLine.substring(0, ERROR_TEXT_LIMIT) + "…";
    }

    /** {@code failure} and its causes, outermost first (at most 20, cycles cut). */
    static List<Throwable> chain(Throwable failure) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = failure; t != null && !out.contains(t) && out.size() < 20; t = t.getCause()) {
            out.add(t);
        }
        return out;
    }

    /** Made at the first error read, not with the server (Ponder's window does not wait for Jackson at start). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
