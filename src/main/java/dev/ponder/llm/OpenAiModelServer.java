package dev.ponder.llm;

import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.ponder.llm.LlmException.Kind;
import dev.ponder.llm.ModelHttpClient.Wire;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-compatible server at {@link OpenAiEndpoint#url()} (LM Studio, llama.cpp's
 * {@code llama-server}, vLLM, a remote GPU server): checks it with {@code GET /models}, chooses
 * the chat model, and hands out {@link OpenAiLanguageModel}s. Owns the HTTP client and the stream
 * watchdog thread; {@link #close()} stops both.
 * <p>
 * Choice of model: {@link Settings#model()} if set (it must be among those {@code /models}
 * lists, compared ignoring case); else the first model listed that is not embedding-only by its
 * name ({@link ModelSelection#looksLikeEmbedding(String)}; llama.cpp and vLLM serve exactly one). Context: {@link Settings#maxContextTokens()}, since these servers do not report a model's
 * context length — set it to the context the server was started with.
 */
public final class OpenAiModelServer implements ModelServer {

    /** What the person calls an OpenAI-compatible server: LM Studio, llama-server, vLLM and the rest look alike. */
    static final String DISPLAY_NAME = "Model server";

    /** Deadline of the {@code /models} call of {@link #check()}. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(OpenAiModelServer.class);

    private final Settings settings;
    private final URI url;
    private final String apiKey;
    private final java.util.function.Supplier<Settings> current;
    private final ModelTransport transport;
    private final OpenAiFailures serverFailures;

    /** Guarded by {@code this}: the model of the last successful check, and the last status. */
    private String chosen;
    private ServerStatus lastStatus;
    private LlmException lastProblem;

    /**
     * Creates the client; makes no request until {@link #check()} or {@link #chatModel()}.
     *
     * @throws IllegalArgumentException if {@code settings} name no OpenAI-compatible endpoint
     */
    public OpenAiModelServer(Settings settings) {
        this(settings, () -> settings);
    }

    /**
     * As above, reading the deadlines (the answer deadline) from {@code current} each time a model is
     * handed out, so a change in the Settings dialog applies to the next answer.
     *
     * @throws IllegalArgumentException if {@code settings} name no OpenAI-compatible endpoint
     */
    public OpenAiModelServer(Settings settings, java.util.function.Supplier<Settings> current) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.current = Objects.requireNonNull(current, "current");
        if (settings.openAi() == null) {
            throw new IllegalArgumentException("settings name no OpenAI-compatible endpoint");
        }
        this.url = settings.openAi().url();
        this.apiKey = settings.openAi().apiKey();
        this.transport = ModelTransport.open(url, "ponder-openai");
        this.serverFailures = new OpenAiFailures(url, null);
    }

    /**
     * Looks at the server now: one {@code GET /models}, at most {@link #CHECK_TIMEOUT}. Never
     * throws; a problem (unreachable, key refused, model not listed) is one sentence in the status.
     * The status has no version (the protocol has none) and its context is the setting.
     */
    @Override
    public ServerStatus check() {
        List<String> names;
        try {
            names = listModels();
        } catch (LlmException problem) {
            return remember(new ServerStatus(url, problem.kind() != Kind.UNREACHABLE, Optional.empty(), List.of(),
                    null, 0, Optional.of(problem.getMessage())), null, List.of(), problem);
        }
        List<String> chatNames = names.stream().filter(n -> !ModelSelection.looksLikeEmbedding(n)).toList();
        try {
            String model = choose(names, settings.model());
            return remember(new ServerStatus(url, true, Optional.empty(), names, model, settings.maxContextTokens(),
                    Optional.empty(), chatNames), model, names, null);
        } catch (LlmException problem) {
            return remember(new ServerStatus(url, true, Optional.empty(), names, null, 0,
                    Optional.of(problem.getMessage()), chatNames), null, names, problem);
        }
    }

    /**
     * The chat model chosen by the last successful {@link #check()}; checks first if there was none.
     *
     * @throws LlmException UNREACHABLE, SERVER_ERROR (key refused) or MODEL_MISSING, with the status's sentence
     */
    @Override
    public LanguageModel chatModel() throws LlmException {
        String model;
        LlmException problem;
        synchronized (this) {
            model = chosen;
        }
        if (model == null) {
            check();
            synchronized (this) {
                model = chosen;
                problem = lastProblem;
            }
            if (model == null) {
                throw new LlmException(problem.kind(), problem.getMessage(), problem.getCause());
            }
        }
        return new OpenAiLanguageModel(transport, apiKey, StreamDeadlines.of(current.get()), model, settings.maxContextTokens());
    }

    /**
     * The model named by {@link Settings#sleepModel()} if the server lists it, else the
     * {@link #chatModel()}.
     *
     * @throws LlmException UNREACHABLE, or MODEL_MISSING when the server does not list that model
     */
    @Override
    public LanguageModel sleepModel() throws LlmException {
        String wanted = settings.sleepModel() == null ? "" : settings.sleepModel().strip();
        if (wanted.isEmpty()) {
            return chatModel();
        }
        String model = choose(listModels(), wanted);
        return new OpenAiLanguageModel(transport, apiKey, StreamDeadlines.of(current.get()), model, settings.maxContextTokens());
    }

    /** "Model server": LM Studio, llama-server, vLLM and the rest look alike through this protocol. */
    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    /** The status of the last {@link #check()}, or empty before the first. */
    public synchronized Optional<ServerStatus> lastStatus() {
        return Optional.ofNullable(lastStatus);
    }

    /** Stops the watchdog and the HTTP threads; streams still open are abandoned without callbacks. */
    @Override
    public void close() {
        transport.close();
    }

    private List<String> listModels() throws LlmException {
        try {
            List<ModelDescription> models = OpenAiModelCatalog.builder()
                    .httpClientBuilder(ModelHttpClient.builder(transport, null, Wire.SSE))
                    .baseUrl(url.toString())
                    .apiKey(apiKey)
                    .readTimeout(CHECK_TIMEOUT)
                    .build()
                    .listModels();
            return models == null ? List.of()
                    : models.stream().map(ModelDescription::name).filter(Objects::nonNull).toList();
        } catch (RuntimeException e) {
            throw serverFailures.map(e);
        }
    }

    /** {@code wanted} as the server spells it, or the first listed chat model when {@code wanted} is blank. */
    private String choose(List<String> names, String wanted) throws LlmException {
        String w = wanted == null ? "" : wanted.strip();
        if (w.isEmpty()) {
            if (names.isEmpty()) {
                throw new LlmException(Kind.MODEL_MISSING, OpenAiFailures.noModels(url), null);
            }
            // LM Studio lists its embedding models too: the first one that can chat
            return names.stream().filter(n -> !ModelSelection.looksLikeEmbedding(n)).findFirst().orElse(names.get(0));
        }
        return names.stream().filter(n -> n.equalsIgnoreCase(w)).findFirst()
                .orElseThrow(() -> new LlmException(Kind.MODEL_MISSING, OpenAiFailures.noSuchModel(url, w, names), null));
    }

    /** Records the outcome; logs only when it changed, since the banner may check every few seconds. */
    private synchronized ServerStatus remember(ServerStatus status, String model, List<String> names,
                                               LlmException problem) {
        boolean changed = lastStatus == null || !lastStatus.problem().equals(status.problem())
                || !Objects.equals(lastStatus.model(), status.model());
        if (model != null) {
            chosen = model;
        }
        lastStatus = status;
        lastProblem = problem;
        if (changed) {
            if (problem == null) {
                log.info("OpenAI-compatible server at {}: using {} with a context of {} tokens (the setting)", url,
                        model, status.contextTokens());
            } else {
                log.warn("OpenAI-compatible server check: {}{}", problem.getMessage(),
                        problem.getCause() == null ? "" : " (" + problem.getCause() + ")");
                log.debug("OpenAI-compatible server check failure detail", problem);
            }
        }
        return status;
    }
}
