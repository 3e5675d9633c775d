package dev.ponder.testing;

import dev.ponder.sleeptime.ScriptedSleepModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the {@link OllamaTestServer} on its own, so the real app ({@code java -jar target/ponder.jar
 * --ollama-url URL}) can be looked at with answers streaming. Not a model: it answers with the
 * sentence of the quoted sources that shares most words with the question, citing its label, and
 * does sleep-time tasks the way {@link ScriptedSleepModel} does for the tests.
 * Test scope only; never shipped.
 * <p>
 * Options: {@code --sloppy RATE} writes that share of the sleep-time answers the way small models do
 * ({@link SloppyModel}, ignoring the schema); {@code --thinking} makes the model a thinking model
 * ({@code qwen3}-like: it thinks unless told {@code think:false}); {@code --refuse-schema} answers
 * a schema {@code format} as Ollama before 0.5 does (400); {@code --speed PROFILE} (a
 * {@link dev.ponder.sleeptime.SpeedProfile} name, {@code laptop-cpu} or {@code gpu}, or
 * {@code PREFILL/DECODE} in tokens per second, e.g. {@code 80/15}) is the server's speed mode
 * ({@link OllamaTestServer#setSpeed}): it waits per prompt token not cached and per generated token,
 * instead of {@code TOKEN_DELAY_MS}.
 *
 * <pre>java -cp target/classes:target/test-classes:target/lib/* dev.ponder.testing.OllamaStandIn [TOKEN_DELAY_MS]
 *      [--mode MODE] [--sloppy RATE] [--thinking] [--refuse-schema] [--speed PROFILE]</pre>
 *
 * {@code TOKEN_DELAY_MS} (default 40) is the wait before each token: 40 ms is about 25 tokens a
 * second, a laptop's small model; 0 answers at once. It prints its URL, then reads one mode a line
 * on standard input, so the window can be looked at while the server misbehaves the way a real one
 * does ({@link Mode}); {@code --mode} sets the first one.
 */
public final class OllamaStandIn {

    private static final Pattern SOURCE = Pattern.compile("<source-[0-9a-f]+ label=\"(S\\d+)\"[^>]*>(.*?)</source-[0-9a-f]+>", Pattern.DOTALL);
    /** How long "hung" waits before its first token: longer than any deadline Ponder has. */
    private static final Duration HUNG = Duration.ofMinutes(30);

    /** How the stand-in behaves, switched by typing its name on standard input. */
    public enum Mode {
        /** Answers every request. */
        FINE,
        /** Sends nothing, not even headers, as a model that is loading forever or a hung server. */
        HUNG,
        /** A line that is not JSON halfway through each answer, after good lines. */
        BROKEN,
        /** Closes the connection halfway through each answer. */
        DROP,
        /** An error line halfway through each answer, as Ollama's runner crashing. */
        ERROR,
        /** The chat model is not installed ("ollama pull" it back with {@link #FINE}). */
        MISSING,
        /** Nothing listens at the address (connection refused). */
        DOWN
    }

    private OllamaStandIn() {
    }

    public static void main(String[] args) throws IOException {
        long delayMs = 40;
        Mode mode = Mode.FINE;
        double sloppy = 0;
        boolean thinking = false;
        boolean refuseSchema = false;
        OllamaTestServer.Speed speed = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = mode(args[++i]).orElse(Mode.FINE);
                case "--sloppy" -> sloppy = Double.parseDouble(args[++i]);
                case "--thinking" -> thinking = true;
                case "--refuse-schema" -> refuseSchema = true;
                case "--speed" -> speed = speed(args[++i]);
                default -> delayMs = Long.parseLong(args[i]);
            }
        }
        OllamaTestServer server = thinking
                ? OllamaTestServer.start(TestModel.thinking("llama3.2", 131072), TestModel.embedding("nomic-embed-text"))
                : OllamaTestServer.start();
        server.setTokenDelay(Duration.ofMillis(delayMs));
        server.setSpeed(speed);
        server.setSchemaRefusal(refuseSchema ? SchemaRefusal.OLD_OLLAMA : SchemaRefusal.NONE);
        java.util.function.Function<RecordedRequest, String> sleepTime = sloppy > 0
                ? SloppyModel.ofScripted(sloppy, 1) : new ScriptedSleepModel();
        server.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent()
                ? sleepTime.apply(r)
                : extract(r.lastUserMessage().orElse("")));
        System.out.println(server.url());
        System.out.flush();
        List<TestModel> installed = new ArrayList<>(server.models());
        apply(server, installed, mode);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            Optional<Mode> next = mode(line);
            if (next.isPresent()) {
                apply(server, installed, next.get());
                System.err.println("stand-in: " + next.get().name().toLowerCase(Locale.ROOT));
            } else if (!line.isBlank()) {
                System.err.println("stand-in: modes are " + Arrays.stream(Mode.values())
                        .map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            }
        }
        // standard input closed (started in the background): keep serving
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code laptop-cpu}, {@code gpu} or {@code PREFILL/DECODE} tokens per second. */
    public static OllamaTestServer.Speed speed(String spec) {
        return dev.ponder.sleeptime.SpeedProfile.named(spec)
                .map(p -> OllamaTestServer.Speed.of(p.prefillTokensPerSecond(), p.decodeTokensPerSecond()))
                .orElseGet(() -> {
                    String[] parts = spec.split("/");
                    return OllamaTestServer.Speed.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
                });
    }

    private static Optional<Mode> mode(String name) {
        try {
            return Optional.of(Mode.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Makes {@code server} behave as {@code mode}; {@code installed} are the models it had at start. */
    static void apply(OllamaTestServer server, List<TestModel> installed, Mode mode) {
        if (mode == Mode.DOWN) {
            server.stop();
            return;
        }
        if (!server.isRunning()) {
            server.restart();
        }
        server.clearFault();
        server.setLoadDelay(Duration.ZERO);
        server.setModels(installed.toArray(TestModel[]::new));
        switch (mode) {
            case HUNG -> server.setLoadDelay(HUNG);
            case BROKEN -> server.failAlways(Fault.NON_JSON_LINE);
            case DROP -> server.failAlways(Fault.DROP_MID_STREAM);
            case ERROR -> server.failAlways(Fault.ERROR_LINE_MID_STREAM);
            case MISSING -> server.setModels(installed.stream().filter(m -> !m.canChat()).toArray(TestModel[]::new));
            default -> {
            }
        }
    }

    public static String extract(String prompt) {
        int q = prompt.lastIndexOf("Question:");
        Set<String> words = words(q >= 0 ? prompt.substring(q) : prompt);
        String best = "The documents do not say.";
        int bestScore = 0;
        Matcher m = SOURCE.matcher(prompt);
        while (m.find()) {
            for (String sentence : m.group(2).split("(?<=[.!?])\\s+")) {
                Set<String> shared = words(sentence);
                shared.retainAll(words);
                if (shared.size() > bestScore) {
                    bestScore = shared.size();
                    best = sentence.replaceAll("\\s+", " ").strip() + " [" + m.group(1) + "]";
                }
            }
        }
        return best;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 3)
                .collect(Collectors.toSet());
    }
}
