package dev.ponder.sleeptime;

import dev.ponder.llm.Embedder;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.store.Database;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.SleepTimeRepository;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Test helper run in a child JVM: opens the library in {@code args[0]}, thinks about document
 * {@code args[2]} with the Ollama server at {@code args[1]}, and keeps going until it is killed.
 */
public final class SleepTimeChild {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Settings settings = Settings.defaults(dir).withOllamaUrl(URI.create(args[1]))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));
        Database db = Database.open(dir);
        OllamaModelServer models = new OllamaModelServer(settings);
        SleepTimeService service = new SleepTimeService(new LibraryRepository(db), new SleepTimeRepository(db),
                new LearnedContextRepository(db), models, new LazyEmbedder(), new UserActivity(MonotonicClock.system(),
                SystemIdle.none()), new TestTimeActivity(), settings, MonotonicClock.system());
        service.start();
        service.think(Long.parseLong(args[2]));
        System.out.println("thinking");
        System.out.flush();
        Thread.sleep(120_000);
        System.exit(3);
    }

    /** MiniLM loads in seconds; a child killed before the questions step never needs it. */
    private static final class LazyEmbedder implements Embedder {
        private Embedder model;

        private synchronized Embedder model() {
            if (model == null) {
                model = new MiniLmEmbedder();
            }
            return model;
        }

        @Override
        public int dimension() {
            return 384;
        }

        @Override
        public float[] embed(String text) {
            return model().embed(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return model().embedAll(texts);
        }
    }
}
