package dev.ponder.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings Ponder runs with, resolved once at start from the command line, the environment
 * and defaults (in that order of precedence).
 *
 * @param dataDir             directory holding the H2 database and logs
 * @param ollamaUrl           base URL of the Ollama server, e.g. {@code http://localhost:11434}
 * @param model               test-time chat model name; {@code null} means "the recommended model,
 *                            or the first chat model Ollama lists"
 * @param maxContextTokens    cap on {@code num_ctx} sent to Ollama, in tokens; the model's own
 *                            context length (from {@code /api/show}) is used when it is smaller
 * @param answerTokens        test-time budget b: maximum output tokens of an answer
 * @param firstTokenTimeout   how long a stream may wait for its first token (model loading on a CPU
 *                            can take tens of seconds)
 * @param streamInactivity    how long a stream may go without a new line once tokens flow
 * @param sleepModel          sleep-time model name; {@code null} or blank means "the test-time chat
 *                            model". Sleep-time latency does not matter, so a larger or a thinking
 *                            model may be chosen here
 * @param idleThreshold       how long without input before the user counts as away and sleep-time
 *                            compute may run (default {@value #DEFAULT_IDLE_SECONDS} s)
 * @param sleepGenerations    k, parallel sleep-time generations of anticipated questions, 1 to
 *                            {@value #MAX_SLEEP_GENERATIONS} (Lin et al. 2025, §5.2: gains up to
 *                            about k = 5, diminishing beyond)
 * @param anticipatedQuestions M, anticipated questions asked of each generation
 * @param preparedThreshold   query predictability (cosine similarity to the nearest anticipated
 *                            question, −1..1) at or above which the prepared answer is served
 *                            without asking the model; default {@value #DEFAULT_PREPARED_THRESHOLD},
 *                            measured on the sample documents (docs/decisions/0010)
 * @param testTimeWeight      w in the cost model cost = w × test-time tokens + sleep-time tokens
 *                            (Lin et al. 2025, §6: test-time tokens weighted 10× sleep-time tokens,
 *                            the default)
 * @param openAi              the OpenAI-compatible server to use instead of Ollama, or {@code null}
 *                            for Ollama at {@code ollamaUrl}. There is no {@code /api/show} there,
 *                            so {@code maxContextTokens} is taken as the model's context size
 * @param ocrLanguages        the languages scanned pages are read in, by Tesseract's codes joined by
 *                            "+" ("deu+eng"); {@code null} or blank means "the person's own language and
 *                            English, those installed"
 */
public record Settings(
        Path dataDir,
        URI ollamaUrl,
        String model,
        int maxContextTokens,
        int answerTokens,
        Duration firstTokenTimeout,
        Duration streamInactivity,
        String sleepModel,
        Duration idleThreshold,
        int sleepGenerations,
        int anticipatedQuestions,
        double preparedThreshold,
        double testTimeWeight,
        OpenAiEndpoint openAi,
        String ocrLanguages) {

    /** The model Ponder recommends to new users: small, fast on a laptop CPU, 128k context. */
    public static final String RECOMMENDED_MODEL = "llama3.2";
    public static final URI DEFAULT_OLLAMA_URL = URI.create("http://localhost:11434");
    public static final int DEFAULT_MAX_CONTEXT_TOKENS = 8192;
    public static final int DEFAULT_ANSWER_TOKENS = 512;
    public static final int DEFAULT_IDLE_SECONDS = 20;
    public static final int DEFAULT_SLEEP_GENERATIONS = 1;
    public static final int MAX_SLEEP_GENERATIONS = 5;
    public static final int DEFAULT_ANTICIPATED_QUESTIONS = 10;
    public static final int MAX_ANTICIPATED_QUESTIONS = 50;
    public static final double DEFAULT_PREPARED_THRESHOLD = 0.85;
    public static final double DEFAULT_TEST_TIME_WEIGHT = 10;

    public Settings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(ollamaUrl, "ollamaUrl");
        if (maxContextTokens < 512) {
            throw new IllegalArgumentException("maxContextTokens must be at least 512, was " + maxContextTokens);
        }
        idleThreshold = idleThreshold == null ? Duration.ofSeconds(DEFAULT_IDLE_SECONDS) : idleThreshold;
        if (idleThreshold.isNegative()) {
            throw new IllegalArgumentException("idleThreshold must not be negative, was " + idleThreshold);
        }
        if (sleepGenerations < 1 || sleepGenerations > MAX_SLEEP_GENERATIONS) {
            throw new IllegalArgumentException("sleepGenerations (k) must be 1 to " + MAX_SLEEP_GENERATIONS
                    + ", was " + sleepGenerations);
        }
        if (anticipatedQuestions < 1 || anticipatedQuestions > MAX_ANTICIPATED_QUESTIONS) {
            throw new IllegalArgumentException("anticipatedQuestions (M) must be 1 to " + MAX_ANTICIPATED_QUESTIONS
                    + ", was " + anticipatedQuestions);
        }
        if (!(preparedThreshold > 0 && preparedThreshold <= 1)) {
            throw new IllegalArgumentException("preparedThreshold must be in (0, 1], was " + preparedThreshold);
        }
        if (!(testTimeWeight > 0) || Double.isInfinite(testTimeWeight)) {
            throw new IllegalArgumentException("testTimeWeight (w) must be positive, was " + testTimeWeight);
        }
    }

    /** The settings of the walking skeleton, with the sleep-time settings at their defaults. */
    public Settings(Path dataDir, URI ollamaUrl, String model, int maxContextTokens, int answerTokens,
                    Duration firstTokenTimeout, Duration streamInactivity) {
        this(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstTokenTimeout, streamInactivity,
                null, Duration.ofSeconds(DEFAULT_IDLE_SECONDS), DEFAULT_SLEEP_GENERATIONS,
                DEFAULT_ANTICIPATED_QUESTIONS, DEFAULT_PREPARED_THRESHOLD, DEFAULT_TEST_TIME_WEIGHT, null, null);
    }

    /** Settings with every default, stored under {@code dataDir}. */
    public static Settings defaults(Path dataDir) {
        return new Settings(dataDir, DEFAULT_OLLAMA_URL, null, DEFAULT_MAX_CONTEXT_TOKENS,
                DEFAULT_ANSWER_TOKENS, Duration.ofSeconds(120), Duration.ofSeconds(30));
    }

    public Settings withOllamaUrl(URI url) {
        return new Settings(dataDir, url, model, maxContextTokens, answerTokens, firstTokenTimeout, streamInactivity,
                sleepModel, idleThreshold, sleepGenerations, anticipatedQuestions, preparedThreshold, testTimeWeight, openAi, ocrLanguages);
    }

    public Settings withModel(String name) {
        return new Settings(dataDir, ollamaUrl, name, maxContextTokens, answerTokens, firstTokenTimeout,
                streamInactivity, sleepModel, idleThreshold, sleepGenerations, anticipatedQuestions, preparedThreshold, testTimeWeight, openAi, ocrLanguages);
    }

    /**
     * With the answer deadline (the Settings dialog's; {@code --stream-timeout} sets both deadlines
     * instead): wait at most {@code deadline} for the model's first word, and between words at most
     * as long as before, or {@code deadline} when that is shorter.
     */
    public Settings withAnswerDeadline(Duration deadline) {
        Duration between = streamInactivity == null || streamInactivity.compareTo(deadline) > 0 ? deadline : streamInactivity;
        return withTimeouts(deadline, between);
    }

    public Settings withTimeouts(Duration firstToken, Duration inactivity) {
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstToken, inactivity,
                sleepModel, idleThreshold, sleepGenerations, anticipatedQuestions, preparedThreshold, testTimeWeight, openAi, ocrLanguages);
    }

    /** With sleep-time model {@code name}; {@code null} or blank = use the chat model. */
    public Settings withSleepModel(String name) {
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstTokenTimeout,
                streamInactivity, name, idleThreshold, sleepGenerations, anticipatedQuestions, preparedThreshold, testTimeWeight, openAi, ocrLanguages);
    }

    public Settings withIdleThreshold(Duration threshold) {
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstTokenTimeout,
                streamInactivity, sleepModel, threshold, sleepGenerations, anticipatedQuestions, preparedThreshold, testTimeWeight, openAi, ocrLanguages);
    }

    /** With k parallel sleep-time generations (1 to {@value #MAX_SLEEP_GENERATIONS}). */
    public Settings withSleepGenerations(int k) {
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstTokenTimeout,
                streamInactivity, sleepModel, idleThreshold, k, anticipatedQuestions, preparedThreshold, testTimeWeight, openAi, ocrLanguages);
    }

    /** With the query predictability at or above which a prepared answer is served, in (0, 1]. */
    public Settings withPreparedThreshold(double threshold) {
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstTokenTimeout,
                streamInactivity, sleepModel, idleThreshold, sleepGenerations, anticipatedQuestions, threshold,
                testTimeWeight, openAi, ocrLanguages);
    }

    /** With w, the weight of a test-time token against a sleep-time token in the cost model. */
    public Settings withTestTimeWeight(double w) {
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstTokenTimeout,
                streamInactivity, sleepModel, idleThreshold, sleepGenerations, anticipatedQuestions,
                preparedThreshold, w, openAi, ocrLanguages);
    }

    /** With M anticipated questions per generation. */
    public Settings withAnticipatedQuestions(int m) {
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstTokenTimeout,
                streamInactivity, sleepModel, idleThreshold, sleepGenerations, m, preparedThreshold, testTimeWeight, openAi, ocrLanguages);
    }

    /** With the OpenAI-compatible server {@code endpoint} in place of Ollama; {@code null} = Ollama. */
    public Settings withOpenAi(OpenAiEndpoint endpoint) {
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstTokenTimeout,
                streamInactivity, sleepModel, idleThreshold, sleepGenerations, anticipatedQuestions,
                preparedThreshold, testTimeWeight, endpoint, ocrLanguages);
    }

    /** With the languages scanned pages are read in ("deu+eng"); {@code null} or blank = automatic. */
    public Settings withOcrLanguages(String languages) {
        String chosen = languages == null || languages.isBlank() ? null : languages.strip();
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, answerTokens, firstTokenTimeout,
                streamInactivity, sleepModel, idleThreshold, sleepGenerations, anticipatedQuestions,
                preparedThreshold, testTimeWeight, openAi, chosen);
    }

    /** Whether Ponder talks to an OpenAI-compatible server ({@link #openAi()}) rather than Ollama. */
    public boolean usesOpenAi() {
        return openAi != null;
    }

    /** With the test-time budget b: at most {@code tokens} output tokens per answer (at least 16). */
    public Settings withAnswerTokens(int tokens) {
        if (tokens < 16) {
            throw new IllegalArgumentException("answerTokens (b) must be at least 16, was " + tokens);
        }
        return new Settings(dataDir, ollamaUrl, model, maxContextTokens, tokens, firstTokenTimeout,
                streamInactivity, sleepModel, idleThreshold, sleepGenerations, anticipatedQuestions, preparedThreshold,
                testTimeWeight, openAi, ocrLanguages);
    }

    /** With the cap on {@code num_ctx}, in tokens (at least 512). */
    public Settings withMaxContextTokens(int tokens) {
        return new Settings(dataDir, ollamaUrl, model, tokens, answerTokens, firstTokenTimeout,
                streamInactivity, sleepModel, idleThreshold, sleepGenerations, anticipatedQuestions, preparedThreshold,
                testTimeWeight, openAi, ocrLanguages);
    }
}
