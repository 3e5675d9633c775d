package dev.ponder.testing;

import dev.ponder.sleeptime.ScriptedSleepModel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
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
 * a schema {@code format} as Ollama before 0.5 does (400).
 *
 * <pre>java -cp target/classes:target/test-classes:target/lib/* dev.ponder.testing.OllamaStandIn [TOKEN_DELAY_MS]
 *      [--sloppy RATE] [--thinking] [--refuse-schema]</pre>
 */
public final class OllamaStandIn {

    private static final Pattern SOURCE = Pattern.compile("<source-[0-9a-f]+ label=\"(S\\d+)\"[^>]*>(.*?)</source-[0-9a-f]+>", Pattern.DOTALL);

    private OllamaStandIn() {
    }

    public static void main(String[] args) throws InterruptedException {
        long delay = 40;
        double sloppy = 0;
        boolean thinking = false;
        boolean refuseSchema = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sloppy" -> sloppy = Double.parseDouble(args[++i]);
                case "--thinking" -> thinking = true;
                case "--refuse-schema" -> refuseSchema = true;
                default -> delay = Long.parseLong(args[i]);
            }
        }
        OllamaTestServer server = thinking
                ? OllamaTestServer.start(TestModel.thinking("llama3.2", 131072), TestModel.embedding("nomic-embed-text"))
                : OllamaTestServer.start();
        server.setTokenDelay(Duration.ofMillis(delay));
        server.setSchemaRefusal(refuseSchema ? SchemaRefusal.OLD_OLLAMA : SchemaRefusal.NONE);
        java.util.function.Function<dev.ponder.testing.RecordedRequest, String> sleepTime = sloppy > 0
                ? SloppyModel.ofScripted(sloppy, 1) : new ScriptedSleepModel();
        server.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent()
                ? sleepTime.apply(r)
                : extract(r.lastUserMessage().orElse("")));
        System.out.println(server.url());
        System.out.flush();
        Thread.currentThread().join();
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
