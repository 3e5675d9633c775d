package dev.ponder.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.ponder.llm.ModelHttpClient.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat model of an OpenAI-compatible server, reached through langchain4j-open-ai 1.11
 * ({@link OpenAiChatModel} for {@link #complete}, {@link OpenAiStreamingChatModel} for
 * {@link #stream}) over Ponder's {@link ModelHttpClient}, so it has the same first-token and
 * inactivity deadlines and the same cancellation as Ollama. Every request sends
 * {@code max_tokens} = {@link Prompt#maxOutputTokens()} and a low temperature; streams send
 * {@code stream_options: {"include_usage": true}} (langchain4j always does), and the usage chunk
 * the server answers with becomes the {@link TokenUsage}. A server that sends no usage gives
 * {@link TokenUsage#NONE} and a log line. A JSON prompt with a schema sends it as
 * {@code response_format} {@code json_schema} ({@link SchemaFallback} when the server refuses it);
 * a {@code reasoning_content} the server returns is kept in {@link Completion#thinking()}. There is no {@code num_ctx}: the server decides the
 * context; {@link #contextTokens()} is Ponder's budget for the prompt. Obtain one from
 * {@link OpenAiModelServer}. Thread-safe.
 */
public final class OpenAiLanguageModel implements LanguageModel {

    private static final Logger log = LoggerFactory.getLogger(OpenAiLanguageModel.class);

    private final ModelTransport transport;
    private final String apiKey;
    private final StreamDeadlines deadlines;
    private final String model;
    private final int contextTokens;
    private final OpenAiFailures failures;

    OpenAiLanguageModel(ModelTransport transport, String apiKey, StreamDeadlines deadlines, String model,
                        int contextTokens) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.apiKey = apiKey;
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.model = Objects.requireNonNull(model, "model");
        if (contextTokens <= 0) {
            throw new IllegalArgumentException("contextTokens must be positive, was " + contextTokens);
        }
        this.contextTokens = contextTokens;
        this.failures = new OpenAiFailures(transport.url(), model);
    }

    @Override
    public String modelName() {
        return model;
    }

    /**
     * The context size Ponder plans prompts for, in tokens: {@link dev.ponder.settings.Settings#maxContextTokens()},
     * since an OpenAI-compatible server does not say its model's context length. Not sent.
     */
    @Override
    public int contextTokens() {
        return contextTokens;
    }

    /**
     * Answers in one piece ({@code "stream":false}) within the first-token timeout plus
     * {@code maxOutputTokens} at {@value StreamDeadlines#MIN_TOKENS_PER_SECOND} tokens/s; not
     * retried. A response without {@code usage} counts {@link TokenUsage#NONE}.
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
            ChatResponse response = OpenAiChatModel.builder()
                    .httpClientBuilder(ModelHttpClient.builder(transport, null, Wire.SSE))
                    .baseUrl(transport.url().toString())
                    .apiKey(apiKey)
                    .modelName(model)
                    .temperature(OllamaLanguageModel.TEMPERATURE)
                    .maxTokens(prompt.maxOutputTokens())
                    .returnThinking(true)
                    .timeout(deadlines.blocking(prompt.maxOutputTokens()))
                    .maxRetries(0)
                    .build()
                    .chat(request);
            return Completion.of(response, ModelStream.usage(response.tokenUsage(), model), "");
        } catch (RuntimeException e) {
            LlmException mapped = failures.map(e);
            log.debug("Blocking call to {} failed: {}", model, mapped.kind(), e);
            throw mapped;
        }
    }

    /**
     * Streams the answer as server-sent events. The watchdog fails the stream with
     * {@link LlmException.Kind#STALLED} when no line arrives within the first-token timeout, or,
     * once lines flow, within the inactivity timeout; an error event, a chunk that is not JSON, or
     * a body that ends before a {@code finish_reason} fail it at once.
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
            OpenAiStreamingChatModel.builder()
                    .httpClientBuilder(ModelHttpClient.builder(transport, stream, Wire.SSE))
                    .baseUrl(transport.url().toString())
                    .apiKey(apiKey)
                    .modelName(model)
                    .temperature(OllamaLanguageModel.TEMPERATURE)
                    .maxTokens(prompt.maxOutputTokens())
                    .returnThinking(true)
                    .build()
                    .chat(request, stream);
        } catch (RuntimeException e) {
            stream.onError(e);
        }
        return stream;
    }

    private static ChatRequest request(Prompt unsealed) {
        // quotations get their code here at the latest, whoever built the prompt
        Prompt prompt = Quoting.seal(unsealed);
        if (prompt.user().isBlank()) {
            throw new IllegalArgumentException("the user message of a prompt must not be blank");
        }
        List<ChatMessage> messages = new ArrayList<>(2);
        if (!prompt.system().isBlank()) {
            messages.add(SystemMessage.from(prompt.system()));
        }
        messages.add(UserMessage.from(prompt.user()));
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        // "response_format": {"type":"json_object"} for any JSON, {"type":"json_schema", "json_schema":
        // {"name","schema"}} with a schema; llama.cpp, vLLM and LM Studio then sample only what fits
        ResponseFormat format = OllamaLanguageModel.responseFormat(prompt);
        if (format != null) {
            request.responseFormat(format);
        }
        return request.build();
    }

    @Override
    public String toString() {
        return "OpenAiLanguageModel[" + model + ", context " + contextTokens + ", " + transport.url() + "]";
    }
}
