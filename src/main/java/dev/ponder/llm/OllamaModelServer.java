package dev.ponder.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModelCard;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.ponder.llm.LlmException.Kind;
import dev.ponder.settings.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ollama server at {@link Settings#ollamaUrl()}: checks it, chooses the chat model and its
 * context length, and hands out {@link OllamaLanguageModel}s. Owns the HTTP client and the stream
 * watchdog thread; {@link #close()} stops both.
 * <p>
 * Choice of model: {@link Settings#model()} if set; else {@link Settings#RECOMMENDED_MODEL} if
 * installed (with or without {@code :latest}); else the first chat model {@code /api/tags} lists
 * (embedding-only models are skipped, see {@link ModelSelection}). Context: the model's
 * {@code /api/show} context length, capped by a {@code num_ctx} in its Modelfile and by
 * {@link Settings#maxContextTokens()}.
 */
public final class OllamaModelServer implements ModelServer {

    /** Deadline of each call {@link #check()} makes; a local Ollama answers these in milliseconds. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    /** TCP connect deadline for every request. */
    static final Duration CONNECT_TIMEOUT = ModelTransport.CONNECT_TIMEOUT;

    private static final Logger log = LoggerFactory.getLogger(OllamaModelServer.class);
    /** Made at the first response read, not with the server: the window's first frame does not wait for Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final java.util.function.Supplier<Settings> settings;
    private final URI url;
    private final ModelTransport transport;
    private final OllamaFailures serverFailures;

    /** A chosen model: its name, the {@code num_ctx} to send, and whether it can think. */
    private record Chosen(String model, int contextTokens, boolean thinks) {
    }

    /** Guarded by {@code this}. */
    private Chosen lastGood;
    /** The sleep-time model once resolved; guarded by {@code this}. */
    private Chosen sleepChosen;
    private ServerStatus lastStatus;
    private LlmException lastProblem;

    /** Creates the client; makes no request until {@link #check()} or {@link #chatModel()}. */
    public OllamaModelServer(Settings settings) {
        this(settings, () -> settings);
    }

    /**
     * As above, reading the model names and the context cap from {@code current} when choosing (call
     * {@link #forgetChoices()} after they change), and the deadlines (the answer deadline) each time
     * a model is handed out; the address stays that of {@code settings}.
     */
    public OllamaModelServer(Settings settings, java.util.function.Supplier<Settings> current) {
        Objects.requireNonNull(settings, "settings");
        this.settings = Objects.requireNonNull(current, "current");
        this.url = settings.ollamaUrl();
        this.transport = ModelTransport.open(url, "ponder-ollama");
        this.serverFailures = new OllamaFailures(url, null);
    }

    /**
     * Looks at the server now: {@code GET /api/version} (optional), {@code GET /api/tags}, and
     * {@code POST /api/show} for the model it picks. Takes milliseconds on a local server, at most
     * a few times {@link #CHECK_TIMEOUT}. Never throws; a problem is one sentence with the fix, usable
     * as a banner or by a {@code doctor} command.
     */
    @Override
    public ServerStatus check() {
        Optional<String> version;
        try {
            version = version();
        } catch (LlmException e) {
            if (e.kind() == Kind.UNREACHABLE) {
                return remember(new ServerStatus(url, false, Optional.empty(), List.of(), null, 0,
                        Optional.of(e.getMessage())), null, e);
            }
            // an old or proxied server may lack /api/version; /api/tags decides
            version = Optional.empty();
        }
        List<OllamaModel> installed;
        try {
            installed = models().availableModels().content();
            installed = installed == null ? List.of() : installed;
        } catch (RuntimeException e) {
            LlmException problem = serverFailures.map(e);
            return remember(new ServerStatus(url, problem.kind() != Kind.UNREACHABLE, version, List.of(), null, 0,
                    Optional.of(problem.getMessage())), null, problem);
        }
        List<String> names = installed.stream().map(OllamaModel::getName).filter(Objects::nonNull).toList();
        List<String> chatNames = installed.stream()
                .filter(m -> m.getName() != null && !ModelSelection.looksLikeEmbedding(m))
                .map(OllamaModel::getName).toList();
        try {
            Chosen chosen = choose(installed);
            return remember(new ServerStatus(url, true, version, names, chosen.model(), chosen.contextTokens(),
                    Optional.empty(), chatNames), chosen, null);
        } catch (LlmException problem) {
            return remember(new ServerStatus(url, problem.kind() != Kind.UNREACHABLE, version, names, null, 0,
                    Optional.of(problem.getMessage()), chatNames), null, problem);
        }
    }

    /** The status of the last {@link #check()}, or empty before the first. */
    public synchronized Optional<ServerStatus> lastStatus() {
        return Optional.ofNullable(lastStatus);
    }

    /**
     * The chat model chosen by the last successful {@link #check()}; checks first if there was none.
     *
     * @throws LlmException UNREACHABLE or MODEL_MISSING (or what else stopped the check), with the
     *                      same sentence as the status's problem
     */
    @Override
    public LanguageModel chatModel() throws LlmException {
        Chosen chosen;
        LlmException problem;
        synchronized (this) {
            chosen = lastGood;
        }
        if (chosen == null) {
            check();
            synchronized (this) {
                chosen = lastGood;
                problem = lastProblem;
            }
            if (chosen == null) {
                throw new LlmException(problem.kind(), problem.getMessage(), problem.getCause());
            }
        }
        return new OllamaLanguageModel(transport, StreamDeadlines.of(settings.get()), chosen.model(), chosen.contextTokens(),
                chosen.thinks());
    }

    /**
     * The model named by {@link Settings#sleepModel()}, resolved once ({@code /api/tags} and
     * {@code /api/show}) and remembered; the {@link #chatModel()} when no sleep-time model is named.
     * A sleep-time model that is the chat model (named again, perhaps as {@code llama3.2:latest}) gets
     * the chat model's {@code num_ctx}: Ollama reloads a model whose {@code num_ctx} changes.
     *
     * @throws LlmException UNREACHABLE, or MODEL_MISSING when Ollama lacks that model or it cannot chat
     */
    @Override
    public LanguageModel sleepModel() throws LlmException {
        String wanted = settings.get().sleepModel() == null ? "" : settings.get().sleepModel().strip();
        if (wanted.isEmpty()) {
            return chatModel();
        }
        Chosen chosen;
        synchronized (this) {
            chosen = sleepChosen;
        }
        if (chosen == null) {
            List<OllamaModel> installed;
            try {
                installed = models().availableModels().content();
            } catch (RuntimeException e) {
                throw serverFailures.map(e);
            }
            chosen = named(installed == null ? List.of() : installed, wanted);
            synchronized (this) {
                sleepChosen = chosen;
            }
            log.info("Sleep-time model {} with num_ctx {}", chosen.model(), chosen.contextTokens());
        }
        synchronized (this) {
            // the chat model named again: the very same num_ctx, or Ollama would reload it between answers and sleep-time
            if (lastGood != null && lastGood.model().equals(chosen.model())) {
                chosen = lastGood;
            }
        }
        return new OllamaLanguageModel(transport, StreamDeadlines.of(settings.get()), chosen.model(), chosen.contextTokens(),
                chosen.thinks());
    }

    /**
     * Drops the chosen test-time and sleep-time models, so the next {@link #check()},
     * {@link #chatModel()} or {@link #sleepModel()} chooses again from the current settings (after
     * the person picked another model). Streams already running keep their model.
     */
    public synchronized void forgetChoices() {
        lastGood = null;
        sleepChosen = null;
    }

    /** Stops the watchdog and the HTTP threads; streams still open are abandoned without callbacks. */
    @Override
    public void close() {
        transport.close();
    }

    // ---------------------------------------------------------------- steps of check()

    private Optional<String> version() throws LlmException {
        HttpRequest request = HttpRequest.newBuilder(endpoint("api/version")).timeout(CHECK_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = transport.http().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode node = Json.MAPPER.readTree(response.body());
            return node != null && node.hasNonNull("version") ? Optional.of(node.get("version").asText()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(Kind.STALLED, "The check of Ollama was interrupted — " + dev.ponder.settings.Advice.AGAIN + ".", e);
        } catch (IOException e) {
            throw serverFailures.map(e);
        }
    }

    private Chosen choose(List<OllamaModel> installed) throws LlmException {
        String wanted = settings.get().model() == null ? "" : settings.get().model().strip();
        if (!wanted.isEmpty()) {
            return named(installed, wanted);
        }
        Optional<OllamaModel> recommended = ModelSelection.find(installed, Settings.RECOMMENDED_MODEL);
        if (recommended.isPresent()) {
            OllamaModelCard card = card(recommended.get().getName());
            if (ModelSelection.canChat(card)) {
                return chosen(recommended.get(), card);
            }
        }
        for (OllamaModel m : installed) {
            if (m.getName() == null || ModelSelection.looksLikeEmbedding(m)) {
                continue;
            }
            OllamaModelCard card = card(m.getName());
            if (ModelSelection.canChat(card)) {
                return chosen(m, card);
            }
        }
        throw new LlmException(Kind.MODEL_MISSING, OllamaFailures.noChatModels(Settings.RECOMMENDED_MODEL), null);
    }

    /** The installed model a person means by {@code wanted}, if it can chat. */
    private Chosen named(List<OllamaModel> installed, String wanted) throws LlmException {
        OllamaModel m = ModelSelection.find(installed, wanted)
                .orElseThrow(() -> new LlmException(Kind.MODEL_MISSING, OllamaFailures.noSuchModel(wanted), null));
        OllamaModelCard card = card(m.getName());
        if (!ModelSelection.canChat(card)) {
            throw new LlmException(Kind.MODEL_MISSING,
                    OllamaFailures.notAChatModel(wanted, Settings.RECOMMENDED_MODEL), null);
        }
        return chosen(m, card);
    }

    private Chosen chosen(OllamaModel m, OllamaModelCard card) {
        return new Chosen(ModelSelection.shortName(m.getName()),
                ModelSelection.contextTokens(card, settings.get().maxContextTokens()), ModelSelection.canThink(card));
    }

    private OllamaModelCard card(String name) throws LlmException {
        try {
            return models().modelCard(name).content();
        } catch (RuntimeException e) {
            throw new OllamaFailures(url, ModelSelection.shortName(name)).map(e);
        }
    }

    /** Not retried: check() is cheap and the user (or the banner's next look) retries. */
    private OllamaModels models() {
        return OllamaModels.builder()
                .httpClientBuilder(ModelHttpClient.builder(transport, null))
                .baseUrl(url.toString())
                .timeout(CHECK_TIMEOUT)
                .maxRetries(0)
                .build();
    }

    private URI endpoint(String path) {
        String base = url.toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    /** Records the outcome; logs only when it changed, since the banner may check every few seconds. */
    private synchronized ServerStatus remember(ServerStatus status, Chosen chosen, LlmException problem) {
        boolean changed = lastStatus == null || !lastStatus.problem().equals(status.problem())
                || !Objects.equals(lastStatus.model(), status.model())
                || lastStatus.contextTokens() != status.contextTokens();
        if (chosen != null) {
            lastGood = chosen;
        }
        lastStatus = status;
        lastProblem = problem;
        if (changed) {
            if (problem == null) {
                log.info("Ollama {} at {}: using {} with num_ctx {}", status.version().orElse("(version unknown)"),
                        url, status.model(), status.contextTokens());
            } else {
                log.warn("Ollama check: {}{}", problem.getMessage(),
                        problem.getCause() == null ? "" : " (" + problem.getCause() + ")");
                log.debug("Ollama check failure detail", problem);
            }
        }
        return status;
    }
}
