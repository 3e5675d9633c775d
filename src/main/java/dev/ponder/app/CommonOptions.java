package dev.ponder.app;

import dev.ponder.settings.DataFolders;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.SavedSettings;
import dev.ponder.settings.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Options shared by the window and every subcommand. They are inherited, so they may stand before
 * or after the subcommand ({@code ponder --model x ask …} or {@code ponder ask --model x …}).
 */
public final class CommonOptions {

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where Ponder keeps its library (default: $PONDER_HOME, else the folder chosen in the "
                    + "Settings dialog, else the platform data folder).")
    Path dataDir;

    @Option(names = "--ollama-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Ollama server (default: $OLLAMA_HOST, else http://localhost:11434).")
    String ollamaUrl;

    @Option(names = "--openai-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Use an OpenAI-compatible server (LM Studio, llama-server, vLLM, …) instead of Ollama, "
                    + "e.g. http://localhost:1234/v1 (default: $PONDER_OPENAI_URL; /v1 is added when no path is given).")
    String openAiUrl;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "API key for --openai-url, sent as a Bearer token (default: $PONDER_API_KEY; "
                    + "prefer the variable, other users can see command lines).")
    String apiKey;

    @Option(names = "--model", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Chat model (default: " + Settings.RECOMMENDED_MODEL
                    + " if installed, else the first chat model Ollama lists; with --openai-url, the first model "
                    + "the server lists).")
    String model;

    @Option(names = "--stream-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "Give up on an answer when the model sends nothing for this long "
                    + "(default: 120 s before the first word, 30 s between words).")
    Integer streamTimeoutSeconds;

    /** An option value Ponder cannot use; the message says why, for the user. */
    static final class BadOption extends RuntimeException {
        BadOption(String message) {
            super(message);
        }
    }

    @Option(names = "--sleep-model", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Model for sleep-time thinking (default: the chat model). Its speed does not matter, "
                    + "so a larger or a thinking model may be chosen.")
    String sleepModel;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    Integer idleSeconds;

    @Option(names = "--idle-seconds", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Seconds without input before Ponder thinks about your documents (default: "
                    + Settings.DEFAULT_IDLE_SECONDS + ").")
    void idleSeconds(int seconds) {
        if (seconds < 0) {
            throw new ParameterException(mixee.commandLine(), "--idle-seconds must be 0 or more, was " + seconds);
        }
        idleSeconds = seconds;
    }

    /** Resolves these options against the environment and the defaults. */
    Settings toSettings(Map<String, String> env) {
        Path dir = dataFolders(env).inUse();
        // the log goes beside the library: name its folder before the first logger is made (reading
        // the saved settings may log; logback reads this property once, when it starts)
        if (System.getProperty("ponder.logdir") == null) {
            System.setProperty("ponder.logdir", dir.toAbsolutePath().resolve("logs").toString());
        }
        // command line and environment > saved in the Settings dialog > defaults
        Settings s = SavedSettings.read(dir.toAbsolutePath()).applyTo(Settings.defaults(dir.toAbsolutePath()));
        String url = ollamaUrl != null ? ollamaUrl : env.get("OLLAMA_HOST");
        if (url != null && !url.isBlank()) {
            s = s.withOllamaUrl(ollamaUri(url));
        }
        if (ollamaUrl != null && openAiUrl == null) {
            s = s.withOpenAi(null); // --ollama-url given: Ollama, whatever server the Settings dialog chose
        }
        String openAi = openAiUrl != null ? openAiUrl : env.get("PONDER_OPENAI_URL");
        if (openAi != null && !openAi.isBlank()) {
            String key = apiKey != null ? apiKey : env.get("PONDER_API_KEY");
            s = s.withOpenAi(new OpenAiEndpoint(openAiUri(openAi), key));
        } else if (s.usesOpenAi()) {
            // the server chosen in the Settings dialog; a key from the command line or environment wins
            String key = apiKey != null ? apiKey : env.get("PONDER_API_KEY");
            if (key != null && !key.isBlank()) {
                s = s.withOpenAi(new OpenAiEndpoint(s.openAi().url(), key));
            }
        }
        if (streamTimeoutSeconds != null) {
            Duration timeout = Duration.ofSeconds(Math.max(1, streamTimeoutSeconds));
            s = s.withTimeouts(timeout, timeout);
        }
        if (sleepModel != null && !sleepModel.isBlank()) {
            s = s.withSleepModel(sleepModel.strip());
        }
        if (idleSeconds != null) {
            s = s.withIdleThreshold(Duration.ofSeconds(idleSeconds));
        }
        return model != null && !model.isBlank() ? s.withModel(model.strip()) : s;
    }

    /** Where the library lives for these options: {@code --data-dir}, {@code PONDER_HOME}, the chosen folder, the platform's. */
    DataFolders dataFolders(Map<String, String> env) {
        return DataFolders.atStart(dataDir, env, System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /** {@link OpenAiEndpoint#baseUrl(String)}, its sentence as a {@link BadOption}. */
    static URI openAiUri(String value) {
        try {
            return OpenAiEndpoint.baseUrl(value);
        } catch (IllegalArgumentException e) {
            throw new BadOption(e.getMessage());
        }
    }

    /**
     * Reads a server address the way Ollama's own CLI reads {@code OLLAMA_HOST}: the scheme and
     * port may be left out ({@code 127.0.0.1}, {@code myhost:8080}, {@code 0.0.0.0} = this machine).
     */
    static URI ollamaUri(String value) {
        String v = value.strip();
        if (v.startsWith(":")) {
            v = "localhost" + v;
        }
        if (!v.contains("://")) {
            v = "http://" + v;
        }
        URI uri;
        try {
            uri = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
        } catch (IllegalArgumentException e) {
            throw new BadOption("“" + value + "” is not an Ollama address; give one like http://localhost:11434.");
        }
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new BadOption("“" + value + "” is not an Ollama address; give one like http://localhost:11434.");
        }
        String host = "0.0.0.0".equals(uri.getHost()) ? "localhost" : uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 11434);
        String path = uri.getPath() == null ? "" : uri.getPath();
        return URI.create(uri.getScheme() + "://" + host + ":" + port + path);
    }
}
