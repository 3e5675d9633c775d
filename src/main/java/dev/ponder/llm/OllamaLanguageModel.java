package dev.ponder.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Ollama chat model, reached through langchain4j-ollama 1.11 ({@link OllamaChatModel} for
 * {@link #complete}, {@link OllamaStreamingChatModel} for {@link #stream}). Every request sends
 * {@code num_ctx} = {@link #contextTokens()} (Ollama's own default is 2–4k tokens and it silently
 * cuts longer prompts), {@code num_predict} = {@link Prompt#maxOutputTokens()} and a low temperature.
 * A JSON prompt with a schema sends the schema as {@code format} (Ollama ≥ 0.5 samples only JSON that
 * fits it; see {@link SchemaFallback} for servers that refuse it), and to a thinking model
 * {@code "think":false}; a thinking field the server returns anyway is kept in
 * {@link Completion#thinking()}. Obtain one from {@link OllamaModelServer#chatModel()}. Thread-safe;
 * calls may overlap (a local Ollama queues them).
 */
public final class OllamaLanguageModel implements LanguageModel {

    /** Low, so answers stick to the document text; not 0, which makes small models repeat themselves. */
    static final double TEMPERATURE = 0.2;

    private static final Logger log = LoggerFactory.getLogger(OllamaLanguageModel.class);

    private final ModelTransport transport;
    private final StreamDeadlines deadlines;
    private final String model;
    private final int contextTokens;
    private final boolean thinks;
    private final OllamaFailures failures;

    /** @param thinks whether the model can think ({@code /api/show} lists the {@code thinking} capability) */
    OllamaLanguageModel(ModelTransport transport, StreamDeadlines deadlines, String model, int contextTokens,
                        boolean thinks) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.model = Objects.requireNonNull(model, "model");
        if (contextTokens <= 0) {
            throw new IllegalArgumentException("contextTokens must be positive, was " + contextTokens);
        }
        this.contextTokens = contextTokens;
        this.thinks = thinks;
        this.failures = new OllamaFailures(transport.url(), model);
    }

    @Override
    public String modelName() {
        return model;
    }

    @Override
    public int contextTokens() {
        return contextTokens;
    }

    /**
     * Answers in one piece with {@code "stream":false}. Ollama sends nothing until the answer is
     * complete, so the whole call has one deadline: the first-token timeout plus
     * {@code maxOutputTokens} at {@value StreamDeadlines#MIN_TOKENS_PER_SECOND} tokens/s.
     * Not retried (see {@link #blockingModel}). Interrupting the calling thread aborts the request.
     *
     * @throws LlmException with a sentence for the user; its kind says what failed
     * @throws IllegalArgumentException if the prompt's user message is blank
     */
    @Override
    public Completion complete(Prompt prompt) throws LlmException {
        return transport.schemas().complete(model, prompt, this::completeOnce);
    }

    private Completion completeOnce(Prompt prompt) throws LlmException {
        ChatRequest request = request(prompt);
        try {
            ChatResponse response = blockingModel(prompt).chat(request);
            return Completion.of(response, usage(response.tokenUsage()), "");
        } catch (RuntimeException e) {
            LlmException mapped = failures.map(e);
            log.debug("Blocking call to {} failed: {}", model, mapped.kind(), e);
            throw mapped;
        }
    }

    /**
     * Streams the answer. Ponder's watchdog fails the stream with {@link LlmException.Kind#STALLED}
     * when no line arrives within the first-token timeout, or, once lines flow, within the
     * inactivity timeout; error lines, non-JSON lines and a body that ends without its final line
     * fail at once (langchain4j 1.11 would never call back on those).
     *
     * @return a handle whose {@code cancel()} closes the HTTP connection, even before the first token
     * @throws IllegalArgumentException if the prompt's user message is blank
     */
    @Override
    public StreamHandle stream(Prompt prompt, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        return transport.schemas().stream(model, prompt, listener, this::streamOnce);
    }

    private StreamHandle streamOnce(Prompt prompt, StreamListener listener) {
        ChatRequest request = request(prompt);
        ModelStream stream = new ModelStream(listener, deadlines, failures);
        try {
            stream.watch(transport.timer());
            streamingModel(prompt, stream).chat(request, stream);
        } catch (RuntimeException e) {
            // langchain4j's request validation, or a closed server: report it like any other failure
            stream.onError(e);
        }
        return stream;
    }

    /**
     * A blocking model for one prompt. {@code maxRetries(0)}: langchain4j's default of 2 retries
     * would triple the wait on a crashed runner or a stalled model (each try with its own deadline)
     * and log a WARN stack trace per try; the user has a Retry button and sleep-time work resumes
     * at the next idle period, so one attempt is the honest behaviour.
     */
    private OllamaChatModel blockingModel(Prompt prompt) {
        return OllamaChatModel.builder()
                .httpClientBuilder(ModelHttpClient.builder(transport, null))
                .baseUrl(transport.url().toString())
                .modelName(model)
                .temperature(TEMPERATURE)
                .numCtx(contextTokens)
                .numPredict(prompt.maxOutputTokens())
                .think(think(prompt))
                .returnThinking(true)
                .timeout(deadlines.blocking(prompt.maxOutputTokens()))
                .maxRetries(0)
                .build();
    }

    /**
     * {@code false} for a JSON prompt to a thinking model (its answer, not its reasoning, is wanted,
     * and thinking costs minutes at laptop speeds); otherwise not sent, since Ollama answers 400 to
     * {@code think} sent to a model that cannot think (docs/ollama-protocol.md).
     */
    private Boolean think(Prompt prompt) {
        return thinks && prompt.format() == Prompt.Format.JSON ? Boolean.FALSE : null;
    }

    /** A streaming model bound to one stream, so its HTTP client can hand that stream the connection. */
    private OllamaStreamingChatModel streamingModel(Prompt prompt, ModelStream stream) {
        return OllamaStreamingChatModel.builder()
                .httpClientBuilder(ModelHttpClient.builder(transport, stream))
                .baseUrl(transport.url().toString())
                .modelName(model)
                .temperature(TEMPERATURE)
                .numCtx(contextTokens)
                .numPredict(prompt.maxOutputTokens())
                .think(think(prompt))
                .returnThinking(true)
                .build();
    }

    private static ChatRequest request(Prompt unsealed) {
        // quotations get their code here at the latest, whoever built the prompt
        Prompt prompt = Quoting.seal(unsealed);
        if (prompt.user().isBlank()) {
            // langchain4j refuses a blank user message; asking nothing is a caller's mistake
            throw new IllegalArgumentException("the user message of a prompt must not be blank");
        }
        List<ChatMessage> messages = new ArrayList<>(2);
        if (!prompt.system().isBlank()) {
            messages.add(SystemMessage.from(prompt.system()));
        }
        messages.add(UserMessage.from(prompt.user()));
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        ResponseFormat format = responseFormat(prompt);
        if (format != null) {
            request.responseFormat(format);
        }
        return request.build();
    }

    /**
     * The answer format langchain4j sends: {@code "format":"json"} for any JSON (Ollama then samples
     * only valid JSON), the schema object itself for a prompt with a schema (langchain4j 1.11 writes a
     * {@link JsonRawSchema} root as the parsed schema, unchanged), nothing for text.
     */
    static ResponseFormat responseFormat(Prompt prompt) {
        if (prompt.format() != Prompt.Format.JSON) {
            return null;
        }
        if (prompt.schema() == null) {
            return ResponseFormat.JSON;
        }
        return ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                .name("answer").rootElement(JsonRawSchema.from(prompt.schema().schemaJson())).build()).build();
    }

    /** langchain4j's usage (null when Ollama omitted a count) as Ponder's, missing counts as 0. */
    static TokenUsage usage(dev.langchain4j.model.output.TokenUsage usage) {
        if (usage == null) {
            return TokenUsage.NONE;
        }
        Integer in = usage.inputTokenCount();
        Integer out = usage.outputTokenCount();
        return new TokenUsage(in == null ? 0 : in, out == null ? 0 : out);
    }

    @Override
    public String toString() {
        return "OllamaLanguageModel[" + model + ", num_ctx " + contextTokens + ", " + transport.url() + "]";
    }
}
