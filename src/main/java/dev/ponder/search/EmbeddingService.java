package dev.ponder.search;

import dev.ponder.llm.Embedder;
import dev.ponder.store.EmbeddingRepository;
import dev.ponder.store.LearnedContextRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's embedding model, and the move to another one. {@link #embedder()} always embeds
 * with the active model (the one the stored vectors come from). {@link #choose} records another
 * model and re-embeds every section and anticipated question with it in the background, in batches,
 * telling listeners how far it got; questions keep using the active model's vectors until every
 * row has a new one, then the library switches in one transaction. A move interrupted (closed,
 * server down) resumes at the next start, or when the person chooses again.
 */
public final class EmbeddingService implements AutoCloseable {

    /** Texts per request to the embedding model. */
    static final int BATCH = 32;

    private static final Logger log = LoggerFactory.getLogger(EmbeddingService.class);

    /**
     * Where the library's embedding stands.
     *
     * @param active  the model questions are compared with
     * @param target  the model being moved to, if any
     * @param done    sections and anticipated questions already embedded by the target (0 without one)
     * @param total   all of them
     * @param problem why the move stopped, one sentence, when it did
     */
    public record Status(String active, Optional<String> target, int done, int total, Optional<String> problem) {

        /** Whether a move is under way (not stopped by a problem). */
        public boolean moving() {
            return target.isPresent() && problem.isEmpty();
        }
    }

    private final EmbeddingRepository repository;
    private final LearnedContextRepository learned;
    private final Function<String, Embedder> models;
    private final Map<String, Embedder> made = new HashMap<>();
    private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ponder-embedding");
        t.setDaemon(true);
        return t;
    });
    private final Embedder active = new ActiveEmbedder();
    private volatile Status status;

    /**
     * @param models the embedder of each model id (the built-in one, or a server model's)
     */
    public EmbeddingService(EmbeddingRepository repository, LearnedContextRepository learned,
                            Function<String, Embedder> models) {
        this.repository = repository;
        this.learned = learned;
        this.models = models;
        EmbeddingRepository.Choice choice = repository.choice();
        this.status = new Status(choice.active(), choice.target(), 0, 0, Optional.empty());
    }

    /**
     * Resumes a move left unfinished (Ponder was closed in the middle of it), or, when there is none,
     * embeds with the active model whatever lacks a vector of it (a document stored while the
     * library switched models).
     */
    public void start() {
        Optional<String> target = status.target();
        if (target.isPresent()) {
            worker.execute(() -> move(target.get()));
            return;
        }
        String active = status.active();
        worker.execute(() -> {
            if (!repository.coverage(active).complete()) {
                move(active);
            }
        });
    }

    /** Embeds with the library's active model, whichever it is at the call. */
    public Embedder embedder() {
        return active;
    }

    public Status status() {
        return status;
    }

    /** Tells {@code listener} each change of {@link #status()}, on the embedding thread. */
    public void addListener(Consumer<Status> listener) {
        listeners.add(listener);
    }

    /**
     * Moves the library to model {@code modelId} in the background; choosing the active model again
     * stops a move under way. Returns at once.
     */
    public void choose(String modelId) {
        String current = repository.choice().active();
        Optional<String> target = modelId.equals(current) ? Optional.empty() : Optional.of(modelId);
        repository.choose(target);
        publish(new Status(current, target, 0, 0, Optional.empty()));
        target.ifPresent(t -> worker.execute(() -> move(t)));
    }

    private void move(String target) {
        Embedder embedder = embedderOf(target);
        try {
            while (wanted(target)) {
                EmbeddingRepository.Coverage coverage = repository.coverage(target);
                publish(new Status(status.active(), Optional.of(target), coverage.done(), coverage.total(), Optional.empty()));
                List<EmbeddingRepository.Pending> sections = repository.sectionsWithout(target, BATCH);
                if (!sections.isEmpty()) {
                    repository.savePendingSections(target, embed(embedder, sections));
                    continue;
                }
                List<EmbeddingRepository.Pending> questions = repository.questionsWithout(target, BATCH);
                if (!questions.isEmpty()) {
                    repository.savePendingQuestions(target, embed(embedder, questions));
                    continue;
                }
                if (repository.switchTo(target)) {
                    learned.forgetCachedQuestions();
                    log.info("The library now uses embedding model {} ({} vectors)", target, coverage.total());
                    publish(new Status(target, Optional.empty(), coverage.total(), coverage.total(), Optional.empty()));
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Re-embedding with {} stopped", target, e);
            EmbeddingRepository.Coverage coverage = repository.coverage(target);
            publish(new Status(status.active(), Optional.of(target), coverage.done(), coverage.total(),
                    Optional.of(e.getMessage() == null ? "The embedding model failed." : e.getMessage())));
        }
    }

    /** Whether the library is still to move to {@code model} (or, when it is the active one, to fill in its vectors). */
    private boolean wanted(String model) {
        EmbeddingRepository.Choice choice = repository.choice();
        return choice.target().map(model::equals).orElse(choice.active().equals(model));
    }

    private static Map<Long, float[]> embed(Embedder embedder, List<EmbeddingRepository.Pending> texts) {
        List<float[]> vectors = embedder.embedAll(texts.stream().map(EmbeddingRepository.Pending::text).toList());
        Map<Long, float[]> out = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            out.put(texts.get(i).id(), vectors.get(i));
        }
        return out;
    }

    private synchronized Embedder embedderOf(String modelId) {
        return made.computeIfAbsent(modelId, models);
    }

    private void publish(Status next) {
        status = next;
        listeners.forEach(l -> {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                log.warn("An embedding status listener failed", e);
            }
        });
    }

    /** Stops a move in progress (it resumes at the next start). */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Delegates to the active model's embedder, read at each call. */
    private final class ActiveEmbedder implements Embedder {

        private Embedder current() {
            return embedderOf(status.active());
        }

        @Override
        public String modelId() {
            return status.active();
        }

        @Override
        public int dimension() {
            return current().dimension();
        }

        @Override
        public float[] embed(String text) {
            return current().embed(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return current().embedAll(texts);
        }

        @Override
        public boolean reads(Optional<String> language) {
            return current().reads(language);
        }
    }
}
