package dev.ponder.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The choices a person made in the Settings dialog, kept in {@code settings.json} in the data
 * directory. Only the fields the person changed are present ({@code null} = not chosen, the
 * default or the command line decides). Layering: command line and environment &gt; saved &gt;
 * defaults ({@link #applyTo(Settings)} is called between the defaults and the command line).
 *
 * @param ollamaUrl            base URL of the Ollama server
 * @param model                test-time model; {@code ""} = automatic (the recommended model, or the first chat model)
 * @param sleepModel           sleep-time model; {@code ""} = the test-time model
 * @param idleSeconds          idle threshold, in seconds
 * @param sleepGenerations     k, 1 to {@value Settings#MAX_SLEEP_GENERATIONS}
 * @param anticipatedQuestions M, per generation
 * @param answerTokens         test-time budget b, in output tokens
 * @param maxContextTokens     cap on {@code num_ctx}, in tokens
 * @param preparedThreshold    query predictability at or above which a prepared answer is served, (0, 1]
 * @param testTimeWeight       w of the cost model (Lin et al. 2025, §6)
 * @param server               which model server: {@value #OLLAMA} or {@value #OPENAI} (an OpenAI-compatible one)
 * @param openAiUrl            base URL of the OpenAI-compatible API, e.g. {@code http://localhost:1234/v1};
 *                             used when {@code server} is {@value #OPENAI}
 * @param apiKey               its API key, or {@code null} for none. Kept in plain text: the file is
 *                             written readable by its owner only where the file system has POSIX
 *                             permissions ({@code rw-------}); {@code PONDER_API_KEY} and
 *                             {@code --api-key} take precedence and are never written here
 * @param ocrLanguages         languages scanned pages are read in ("deu+eng"); {@code ""} = automatic
 * @param answerDeadlineSeconds the answer deadline, in seconds: how long to wait for the model's
 *                             first word ({@link Settings#withAnswerDeadline})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavedSettings(
        String ollamaUrl,
        String model,
        String sleepModel,
        Integer idleSeconds,
        Integer sleepGenerations,
        Integer anticipatedQuestions,
        Integer answerTokens,
        Integer maxContextTokens,
        Double preparedThreshold,
        Double testTimeWeight,
        String server,
        String openAiUrl,
        String apiKey,
        String ocrLanguages,
        Integer answerDeadlineSeconds) {

    /** The file's name inside the data directory. */
    public static final String FILE_NAME = "settings.json";

    /** {@link #server()} for Ollama at {@link #ollamaUrl()}. */
    public static final String OLLAMA = "ollama";
    /** {@link #server()} for the OpenAI-compatible server at {@link #openAiUrl()}. */
    public static final String OPENAI = "openai";

    private static final Logger log = LoggerFactory.getLogger(SavedSettings.class);

    /** Made when a settings file is first read or written: without one, a start does not load Jackson (issue #17). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Nothing chosen. */
    public static SavedSettings none() {
        return new SavedSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Reads {@code dataDir/settings.json}. A missing file is {@link #none()}; an unreadable or
     * damaged one is logged, copied aside to {@code settings.unreadable.json} (so nothing the person
     * chose is lost) and treated as {@link #none()}.
     */
    public static SavedSettings read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            SavedSettings saved = Json.MAPPER.readValue(file.toFile(), SavedSettings.class);
            return saved == null ? none() : saved;
        } catch (IOException | RuntimeException e) {
            log.warn("Saved settings in {} could not be read; using the defaults", file, e);
            try {
                Files.copy(file, dataDir.resolve("settings.unreadable.json"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException copy) {
                log.warn("Could not keep a copy of the unreadable settings", copy);
            }
            return none();
        }
    }

    /**
     * Writes these choices to {@code dataDir/settings.json}, replacing it atomically (a crash
     * leaves the old file or the new one, never half of one). Where the file system has POSIX
     * permissions the file is {@code rw-------}: it may hold an API key.
     *
     * @throws IOException when the data directory cannot be written
     */
    public void write(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path tmp = Files.createTempFile(dataDir, "settings", ".json.tmp");
        try {
            if (Files.getFileAttributeView(tmp, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            Json.MAPPER.writeValue(tmp.toFile(), this);
            Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * {@code base} with these choices laid over it. A saved value that is no longer valid (edited
     * by hand, say) is skipped with a log line rather than stopping Ponder from starting.
     */
    public Settings applyTo(Settings base) {
        Settings s = base;
        s = layer(s, ollamaUrl, v -> base.withOllamaUrl(URI.create(v)), "ollamaUrl");
        if (model != null) {
            s = s.withModel(model.isBlank() ? null : model.strip());
        }
        if (sleepModel != null) {
            s = s.withSleepModel(sleepModel.isBlank() ? null : sleepModel.strip());
        }
        Settings t = s;
        s = layer(s, idleSeconds, v -> t.withIdleThreshold(Duration.ofSeconds(v)), "idleSeconds");
        Settings t2 = s;
        s = layer(s, sleepGenerations, t2::withSleepGenerations, "sleepGenerations");
        Settings t3 = s;
        s = layer(s, anticipatedQuestions, t3::withAnticipatedQuestions, "anticipatedQuestions");
        Settings t4 = s;
        s = layer(s, answerTokens, t4::withAnswerTokens, "answerTokens");
        Settings t5 = s;
        s = layer(s, maxContextTokens, t5::withMaxContextTokens, "maxContextTokens");
        Settings t6 = s;
        s = layer(s, preparedThreshold, t6::withPreparedThreshold, "preparedThreshold");
        Settings t7 = s;
        s = layer(s, testTimeWeight, t7::withTestTimeWeight, "testTimeWeight");
        if (ocrLanguages != null) {
            s = s.withOcrLanguages(ocrLanguages);
        }
        Settings t9 = s;
        s = layer(s, answerDeadlineSeconds, v -> t9.withAnswerDeadline(Duration.ofSeconds(v)), "answerDeadlineSeconds");
        if (OLLAMA.equals(server)) {
            s = s.withOpenAi(null);
        } else if (OPENAI.equals(server) && openAiUrl != null) {
            Settings t8 = s;
            s = layer(s, openAiUrl, v -> t8.withOpenAi(new OpenAiEndpoint(OpenAiEndpoint.baseUrl(v), apiKey)), "openAiUrl");
        }
        return s;
    }

    private static <T> Settings layer(Settings current, T value, java.util.function.Function<T, Settings> with, String name) {
        if (value == null) {
            return current;
        }
        try {
            Settings next = with.apply(value);
            return next == null ? current : next;
        } catch (IllegalArgumentException e) {
            log.warn("Saved setting {} = {} is not valid and is ignored: {}", name, value, e.getMessage());
            return current;
        }
    }

    /**
     * These choices plus every field that differs between {@code before} and {@code after}: what a
     * person changed in the dialog is kept, what came from the command line and was left alone is not.
     */
    public SavedSettings withChanges(Settings before, Settings after) {
        return new SavedSettings(
                changed(ollamaUrl, before.ollamaUrl(), after.ollamaUrl(), URI::toString),
                changed(model, orEmpty(before.model()), orEmpty(after.model()), v -> v),
                changed(sleepModel, orEmpty(before.sleepModel()), orEmpty(after.sleepModel()), v -> v),
                changed(idleSeconds, before.idleThreshold().toSeconds(), after.idleThreshold().toSeconds(), Long::intValue),
                changed(sleepGenerations, before.sleepGenerations(), after.sleepGenerations(), v -> v),
                changed(anticipatedQuestions, before.anticipatedQuestions(), after.anticipatedQuestions(), v -> v),
                changed(answerTokens, before.answerTokens(), after.answerTokens(), v -> v),
                changed(maxContextTokens, before.maxContextTokens(), after.maxContextTokens(), v -> v),
                changed(preparedThreshold, before.preparedThreshold(), after.preparedThreshold(), v -> v),
                changed(testTimeWeight, before.testTimeWeight(), after.testTimeWeight(), v -> v),
                changed(server, before.usesOpenAi(), after.usesOpenAi(), v -> v ? OPENAI : OLLAMA),
                changed(openAiUrl, before.openAi(), after.openAi(), v -> v == null ? null : v.url().toString()),
                changed(apiKey, before.openAi(), after.openAi(), v -> v == null ? null : v.apiKey()),
                changed(ocrLanguages, orEmpty(before.ocrLanguages()), orEmpty(after.ocrLanguages()), v -> v),
                changed(answerDeadlineSeconds, seconds(before.firstTokenTimeout()), seconds(after.firstTokenTimeout()),
                        v -> v));
    }

    /** Never prints the API key, so saved settings can be logged. */
    @Override
    public String toString() {
        return "SavedSettings[ollamaUrl=" + ollamaUrl + ", model=" + model + ", sleepModel=" + sleepModel
                + ", idleSeconds=" + idleSeconds + ", sleepGenerations=" + sleepGenerations
                + ", anticipatedQuestions=" + anticipatedQuestions + ", answerTokens=" + answerTokens
                + ", maxContextTokens=" + maxContextTokens + ", preparedThreshold=" + preparedThreshold
                + ", testTimeWeight=" + testTimeWeight + ", server=" + server + ", openAiUrl=" + openAiUrl
                + ", apiKey=" + (apiKey == null ? "none" : "set") + ", ocrLanguages=" + ocrLanguages
                + ", answerDeadlineSeconds=" + answerDeadlineSeconds + "]";
    }

    private static Integer seconds(Duration d) {
        return d == null ? null : (int) d.toSeconds();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static <V, S> S changed(S saved, V before, V after, java.util.function.Function<V, S> toSaved) {
        return Objects.equals(before, after) ? saved : toSaved.apply(after);
    }
}
