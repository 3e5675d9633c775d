package dev.ponder.bench;

import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.ManualClock;
import dev.ponder.sleeptime.ScriptedSleepModel;
import dev.ponder.sleeptime.SleepTimeService;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SystemIdle;
import dev.ponder.sleeptime.TestTimeActivity;
import dev.ponder.sleeptime.UserActivity;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import dev.ponder.store.SleepTimeRepository;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast the person's return takes the model back from sleep-time compute: the delay from
 * {@link UserActivity#touch()} to the sleep-time request being closed, over ~20 trials, with the
 * Ollama test server in slow mode (a token every 20 ms, a CPU-bound model). Target ≤ 200 ms.
 * Prints p50/p95/max of two delays: until Ponder has closed the connection (client side), and until
 * the server noticed (on its next write, so up to one token delay later). Not a timed test: it
 * prints and asserts nothing about time. Run with:
 * {@code mvn test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=InputToCancelBenchmark}
 */
@Tag("benchmark")
class InputToCancelBenchmark {

    static final int TRIALS = 20;
    static final Duration TOKEN_DELAY = Duration.ofMillis(20);

    @TempDir
    Path dir;

    @Test
    void delayFromUserInputToTheSleepTimeRequestClosed() throws Exception {
        List<Long> client = new ArrayList<>();
        List<Long> server = new ArrayList<>();
        try (OllamaTestServer ollama = OllamaTestServer.start(); Database db = Database.open(dir)) {
            ollama.answerWith(new ScriptedSleepModel());
            ollama.setTokenDelay(TOKEN_DELAY);
            LibraryRepository library = new LibraryRepository(db);
            addDocument(library);
            Settings settings = Settings.defaults(dir).withOllamaUrl(ollama.url())
                    .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));
            ManualClock clock = new ManualClock();
            UserActivity activity = new UserActivity(clock, SystemIdle.none());
            try (TimedModelServer models = new TimedModelServer(new OllamaModelServer(settings));
                 SleepTimeService service = new SleepTimeService(library, new SleepTimeRepository(db),
                         new LearnedContextRepository(db), models, new MiniLmEmbedder(), activity,
                         new TestTimeActivity(), settings, clock)) {
                service.start();
                for (int trial = 0; trial < TRIALS + 2; trial++) {
                    clock.advance(settings.idleThreshold().plusSeconds(1));
                    TimedModelServer.Stream stream = models.awaitStreaming(Duration.ofSeconds(30), () -> false)
                            .orElseThrow(() -> new AssertionError("no sleep-time stream"));
                    // somewhere in the stream, as a person would come back at any moment
                    Thread.sleep(150 + (trial * 37) % 200);
                    int closedBefore = ollama.streamsClosedByClient();
                    long input = System.nanoTime();
                    activity.touch();
                    long closedAt = stream.awaitClosed(Duration.ofSeconds(30))
                            .orElseThrow(() -> new AssertionError("the stream ended before the input"));
                    long clientMs = (closedAt - input) / 1_000_000;
                    ollama.awaitStreamsClosedByClient(closedBefore + 1, Duration.ofSeconds(5));
                    long serverMs = (System.nanoTime() - input) / 1_000_000;
                    if (trial >= 2) {
                        // the first two warm up the JIT and the connection pool
                        client.add(clientMs);
                        server.add(serverMs);
                    }
                    await(() -> service.status().state() == SleepTimeState.USER_ACTIVE);
                }
            }
        }
        System.out.printf("Input → sleep-time request closed, %d trials, server in slow mode (%d ms/token):%n",
                client.size(), TOKEN_DELAY.toMillis());
        System.out.println("  closed by Ponder (client side):   " + summary(client));
        System.out.println("  seen closed by the Ollama server: " + summary(server)
                + "  (the server notices on its next token write)");
    }

    private static String summary(List<Long> ms) {
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return String.format("p50 %d ms, p95 %d ms, max %d ms", percentile(sorted, 50), percentile(sorted, 95),
                sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("benchmark stuck");
            }
            Thread.sleep(1);
        }
    }

    /** Six long sections, so a notes call streams for many seconds in slow mode. */
    private static void addDocument(LibraryRepository library) {
        long id = library.add(new NewDocument(Optional.of("b".repeat(64)), "bench.pdf", Path.of("bench.pdf"), 1),
                DocumentStatus.IMPORTING, Optional.empty());
        List<PageText> pages = new ArrayList<>();
        List<SectionEntry> sections = new ArrayList<>();
        for (int p = 1; p <= 6; p++) {
            StringBuilder text = new StringBuilder();
            for (int s = 1; s <= 6; s++) {
                text.append("Clause ").append(p).append('.').append(s).append(" says the tenant pays ")
                        .append(100 * p + s).append(" euros by the ").append(s).append("th of each month. ");
            }
            pages.add(new PageText(p, text.toString(), true));
            sections.add(new SectionEntry(0, id, p - 1, p, p, text.toString().strip(),
                    Integer.toHexString(p).repeat(64).substring(0, 64), new float[384]));
        }
        library.storeContent(id, pages, sections, Optional.empty());
    }
}
