package dev.ponder.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.ponder.llm.LlmException.Kind;
import dev.ponder.settings.Advice;
import dev.ponder.settings.Advice.Setting;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The sentences for faults of an OpenAI-compatible server (LM Studio, llama.cpp's server, vLLM, a
 * remote GPU server). Errors arrive as HTTP status with {@code {"error":{"message":…}}} before a
 * stream, or as a {@code data: {"error":…}} event inside one (read by {@link ModelHttpClient}).
 *
 * @param url   the API base URL the sentences name, e.g. {@code http://localhost:1234/v1}
 * @param model the model the request was for; {@code null} for server-level calls
 */
record OpenAiFailures(URI url, String model) implements ModelFailures {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** "No OpenAI-compatible server answers at URL — start it, or check its address, then {again}." */
    static String notRunning(URI url) {
        return "No OpenAI-compatible server answers at " + url + " — start it (LM Studio, llama-server, vLLM, …) "
                + "or check its address " + Advice.in(Setting.SERVER_ADDRESS) + ", then " + Advice.AGAIN + ".";
    }

    /** The server lists no model named {@code name}. */
    static String noSuchModel(URI url, String name, List<String> listed) {
        return "The server at " + url + " has no model named " + name + " — choose one of the models it lists ("
                + (listed.isEmpty() ? "none" : String.join(", ", listed)) + ") " + Advice.in(Setting.MODEL) + ".";
    }

    /** The server lists no model at all. */
    static String noModels(URI url) {
        return "The server at " + url + " lists no models — load a model in it, then " + Advice.AGAIN + ".";
    }

    @Override
    public LlmException stalled(Duration waited, boolean started) {
        String s = waited.toSeconds() + " s";
        String sentence = started
                ? "The model server stopped answering for " + s + " in the middle of the answer — " + Advice.AGAIN
                        + "; if it keeps happening, restart the server."
                : "The model server did not start answering within " + s + " — the model may still be loading or "
                        + "the prompt may be long for it; " + Advice.AGAIN + ", or allow more time "
                        + Advice.in(Setting.ANSWER_DEADLINE) + ".";
        return new LlmException(Kind.STALLED, sentence, null);
    }

    @Override
    public LlmException fromStreamFault(StreamFault f, Throwable failure) {
        return switch (f.type()) {
            case ERROR_LINE -> serverError(f.detail(), failure);
            case NOT_JSON -> notOpenAi(failure);
            case BROKEN_LINE -> ModelFailures.brokenReply("restart the server", failure);
            case ENDED_EARLY -> new LlmException(Kind.CONNECTION_LOST,
                    "The model server ended the answer before it was complete — " + Advice.AGAIN + ".", failure);
        };
    }

    @Override
    public LlmException unreachable(Throwable failure) {
        return new LlmException(Kind.UNREACHABLE, notRunning(url), failure);
    }

    @Override
    public LlmException tooSlow(Throwable failure) {
        return new LlmException(Kind.STALLED, "The model server took too long to answer — " + Advice.AGAIN + "; if it "
                + "keeps happening, ask for a shorter answer or use a smaller model.", failure);
    }

    @Override
    public LlmException notThisProtocol(Throwable failure) {
        return notOpenAi(failure);
    }

    @Override
    public LlmException connectionLost(Throwable failure) {
        return new LlmException(Kind.CONNECTION_LOST, "The connection to the model server at " + url
                + " broke off before the answer was complete — " + Advice.AGAIN + ".", failure);
    }

    @Override
    public LlmException otherFailure(Throwable failure) {
        return new LlmException(Kind.SERVER_ERROR, "The model server could not answer ("
                + OllamaFailures.brief(String.valueOf(failure.getMessage())) + ") — " + Advice.AGAIN + ".", failure);
    }

    @Override
    public LlmException fromHttpStatus(HttpException e, Throwable failure) {
        int status = e.statusCode();
        Optional<String> text = errorText(e.getMessage());
        if (status == 401 || status == 403) {
            return new LlmException(Kind.SERVER_ERROR, "The server at " + url + " refused the API key (HTTP " + status
                    + ") — set the right key " + Advice.in(Setting.API_KEY) + ", then " + Advice.AGAIN + ".", failure);
        }
        if (status == 404) {
            String t = text.orElse("").toLowerCase(java.util.Locale.ROOT);
            if (model != null && t.contains("model")) {
                return new LlmException(Kind.MODEL_MISSING, "The server at " + url + " has no model named " + model
                        + " — choose a model it lists " + Advice.in(Setting.MODEL) + ".", failure);
            }
            return notOpenAi(failure);
        }
        if (status == 429) {
            return new LlmException(Kind.SERVER_ERROR, "The server at " + url + " is busy or over its limit (HTTP 429"
                    + text.map(x -> ": “" + OllamaFailures.brief(x) + "”").orElse("") + ") — wait a little, then "
                    + Advice.AGAIN + ".", failure);
        }
        if (status >= 500) {
            return serverError(text.orElse("HTTP " + status), failure);
        }
        return new LlmException(Kind.SERVER_ERROR, "The model server refused the request (“"
                + OllamaFailures.brief(text.orElse("HTTP " + status)) + "”) — check the model Ponder uses "
                + Advice.in(Setting.MODEL) + ", then " + Advice.AGAIN + ".", failure);
    }

    private LlmException serverError(String serverText, Throwable failure) {
        return new LlmException(Kind.SERVER_ERROR, "The model server failed while answering (“"
                + OllamaFailures.brief(serverText) + "”) — " + Advice.AGAIN + "; if it keeps failing, restart the server.",
                failure);
    }

    private LlmException notOpenAi(Throwable failure) {
        return new LlmException(Kind.BAD_RESPONSE, "The server at " + url + " does not answer like an "
                + "OpenAI-compatible API — check the address " + Advice.in(Setting.SERVER_ADDRESS)
                + " (it usually ends in /v1), then " + Advice.AGAIN + ".",
                failure);
    }

    /** The message of an OpenAI error body ({@code {"error":{"message":…}}} and its variants), if it is one. */
    static Optional<String> errorText(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || !node.isObject() ? Optional.empty()
                    : Optional.ofNullable(ModelHttpClient.openAiError(node, null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
