package dev.ponder.sleeptime;

import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.ModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.SleepStepEntry;
import dev.ponder.store.SleepTimeRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sleep-time jobs — one per document and {@link SleepStep}, keyed by both, so a job is never
 * queued twice — on one worker thread, only while the person is away and no answer is being made,
 * unless asked to think now. The person's return, a question, a pause or closing cancel the
 * running step at once by closing its HTTP stream; the step is PENDING again and redone at the
 * next idle time, while everything it finished (section notes, digests, generations) stays stored.
 * A failed step is retried after 1 min, then 2, 4, … up to 30 min.
 */
final class SleepScheduler {

    /** How often the worker re-evaluates idleness, and the watcher checks a running step may go on. */
    static final Duration TICK = Duration.ofMillis(100);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(30);
    /** How long to wait before asking an unavailable model server again. */
    static final Duration MODEL_RETRY = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(SleepScheduler.class);

    /** Why the worker may or may not start a step now. */
    private enum Gate {
        PAUSED, ANSWERING, USER_ACTIVE, IDLE, FORCED;

        boolean open() {
            return this == IDLE || this == FORCED;
        }
    }

    private record Job(SleepPipeline.Plan plan, SleepStep step, boolean forced) {
        String key() {
            return plan.document().id() + "/" + step.key() + "/" + plan.keys().of(step);
        }
    }

    private record Running(Job job, Preemption preemption) {
    }

    private record Retry(int attempts, long atMillis) {
    }

    /** One "think about this document now" request. */
    private static final class ThinkRequest {
        final CompletableFuture<ThinkOutcome> future = new CompletableFuture<>();
        int stepsRun;
    }

    private final LibraryRepository library;
    private final SleepTimeRepository repository;
    private final SleepPipeline pipeline;
    private final ModelServer models;
    private final UserActivity activity;
    private final TestTimeActivity testTime;
    private final Settings settings;
    private final MonotonicClock clock;
    private final StatusBoard board;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private boolean signalled;
    private final Map<Long, ThinkRequest> forced = new LinkedHashMap<>();
    private volatile int forcedCount;
    private volatile boolean thinkAll;
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile boolean dirty = true;
    private volatile Running running;
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();

    /** Written by the worker only; read by the threads that report progress. */
    private volatile List<SleepPipeline.Plan> plans = List.of();
    private String modelSeen = "";
    private volatile String modelProblem;
    private volatile long modelRetryAt;

    private final Thread worker;
    private final ScheduledExecutorService watcher;
    private final ExecutorService canceller;

    SleepScheduler(LibraryRepository library, SleepTimeRepository repository, SleepPipeline pipeline, ModelServer models,
                   UserActivity activity, TestTimeActivity testTime, Settings settings, MonotonicClock clock,
                   StatusBoard board) {
        this.library = library;
        this.repository = repository;
        this.pipeline = pipeline;
        this.models = models;
        this.activity = activity;
        this.testTime = testTime;
        this.settings = settings;
        this.clock = clock;
        this.board = board;
        this.worker = new Thread(this::loop, "ponder-sleep-time");
        this.worker.setDaemon(true);
        this.watcher = Executors.newSingleThreadScheduledExecutor(daemon("ponder-sleep-watch"));
        this.canceller = Executors.newSingleThreadExecutor(daemon("ponder-sleep-cancel"));
        activity.addReturnListener(this::personReturned);
        testTime.addBeginListener(this::questionArrived);
        testTime.addEndListener(this::signal);
    }

    void start() {
        int reset = repository.resetRunningSteps();
        if (reset > 0) {
            log.info("Resuming sleep-time work: {} step(s) were running when Ponder last stopped", reset);
        }
        worker.start();
        watcher.scheduleWithFixedDelay(this::watch, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- requests

    void thinkNow() {
        retries.clear();
        thinkAll = true;
        modelRetryAt = 0;
        changed();
    }

    CompletableFuture<ThinkOutcome> think(long documentId) {
        ThinkRequest request;
        synchronized (lock) {
            request = forced.computeIfAbsent(documentId, id -> new ThinkRequest());
            forcedCount = forced.size();
        }
        retries.keySet().removeIf(k -> k.startsWith(documentId + "/"));
        modelRetryAt = 0;
        changed();
        return request.future;
    }

    void pause() {
        paused = true;
        cancelRunning("paused");
        changed();
    }

    void resume() {
        paused = false;
        changed();
    }

    boolean paused() {
        return paused;
    }

    /** The library changed: plan again; stop thinking about a document whose content is being replaced. */
    void documentChanged(DocumentEntry document) {
        Running r = running;
        if (r != null && r.job().plan().document().id() == document.id() && document.status() != DocumentStatus.READY) {
            cancelRunning("document " + document.id() + " is being re-imported");
        }
        changed();
    }

    void documentRemoved(long documentId) {
        Running r = running;
        if (r != null && r.job().plan().document().id() == documentId) {
            cancelRunning("document " + documentId + " was removed");
        }
        board.forget(documentId);
        changed();
    }

    void close() {
        closed = true;
        cancelRunning("closing");
        signal();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watcher.shutdownNow();
        canceller.shutdown();
        synchronized (lock) {
            forced.values().forEach(r -> r.future.cancel(false));
            forced.clear();
            forcedCount = 0;
        }
    }

    // ---------------------------------------------------------------- cancelling

    private void personReturned() {
        Running r = running;
        if (r != null && !r.job().forced() && !forcedPending()) {
            cancel(r, "you came back");
        }
    }

    private void questionArrived() {
        cancelRunning("a question arrived");
        signal();
    }

    private void cancelRunning(String why) {
        Running r = running;
        if (r != null) {
            cancel(r, why);
        }
    }

    private void cancel(Running r, String why) {
        if (!r.preemption().cancelled()) {
            log.debug("Cancelling sleep-time {} of document {}: {}", r.job().step().key(),
                    r.job().plan().document().id(), why);
            // off the caller's thread: touch() runs on the UI thread, which must never wait on a socket
            canceller.execute(r.preemption()::cancel);
        }
    }

    /** The watcher: system-wide input, or the threshold lowered, can end idleness without an event. */
    private void watch() {
        Running r = running;
        if (r != null && !mayContinue(r.job())) {
            cancel(r, "the person is no longer away");
        }
    }

    private boolean mayContinue(Job job) {
        if (closed || paused || testTime.busy()) {
            return false;
        }
        return job.forced() || forcedPending() || activity.idleFor(settings.idleThreshold());
    }

    private boolean forcedPending() {
        return thinkAll || forcedCount > 0;
    }

    // ---------------------------------------------------------------- the worker

    private void changed() {
        dirty = true;
        signal();
    }

    private void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    private void loop() {
        while (!closed) {
            boolean ran;
            try {
                ran = once();
            } catch (RuntimeException e) {
                log.error("Sleep-time scheduling failed; trying again shortly", e);
                dirty = true;
                ran = false;
            }
            if (!ran) {
                synchronized (lock) {
                    if (!signalled && !closed) {
                        try {
                            lock.wait(TICK.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    signalled = false;
                }
            }
        }
    }

    /** @return whether a step ran */
    private boolean once() {
        Optional<LanguageModel> model = model();
        if (model.isEmpty()) {
            failForcedRequests(modelProblem);
            board.publish(status(SleepTimeState.MODEL_UNAVAILABLE, Sentences.modelUnavailable(modelProblem)));
            return false;
        }
        LanguageModel lm = model.get();
        String seen = lm.modelName() + "@" + lm.contextTokens();
        if (!seen.equals(modelSeen)) {
            modelSeen = seen;
            dirty = true;
        }
        if (dirty) {
            dirty = false;
            plans = planAll(lm);
            plans.forEach(p -> board.publish(state(p)));
        }
        Gate gate = gate();
        Optional<Job> job = gate.open() ? choose(gate, lm) : Optional.empty();
        if (job.isEmpty()) {
            board.publish(waitingStatus(gate));
            return false;
        }
        run(job.get(), lm);
        return true;
    }

    private Optional<LanguageModel> model() {
        if (modelProblem != null && clock.millis() < modelRetryAt) {
            return Optional.empty();
        }
        try {
            LanguageModel lm = models.sleepModel();
            if (modelProblem != null) {
                log.info("The sleep-time model {} is available again", lm.modelName());
            }
            modelProblem = null;
            return Optional.of(lm);
        } catch (LlmException e) {
            if (!e.getMessage().equals(modelProblem)) {
                log.info("Sleep-time waits for the model: {}", e.getMessage());
            }
            modelProblem = e.getMessage();
            modelRetryAt = clock.millis() + MODEL_RETRY.toMillis();
            return Optional.empty();
        }
    }

    private List<SleepPipeline.Plan> planAll(LanguageModel lm) {
        List<SleepPipeline.Plan> out = new ArrayList<>();
        for (DocumentEntry d : library.all()) {
            if (thinkable(d)) {
                out.add(pipeline.plan(d, lm.modelName(), lm.contextTokens(), settings.sleepGenerations(),
                        settings.anticipatedQuestions()));
            }
        }
        // newest first: the document just opened is the one the next question is likely about
        out.sort(Comparator.comparingLong((SleepPipeline.Plan p) -> p.document().id()).reversed());
        return out;
    }

    private static boolean thinkable(DocumentEntry d) {
        return d.status() == DocumentStatus.READY && d.sections() > 0;
    }

    private Gate gate() {
        if (paused) {
            return Gate.PAUSED;
        }
        if (testTime.busy()) {
            return Gate.ANSWERING;
        }
        if (forcedPending()) {
            return Gate.FORCED;
        }
        return activity.idleFor(settings.idleThreshold()) ? Gate.IDLE : Gate.USER_ACTIVE;
    }

    private Optional<Job> choose(Gate gate, LanguageModel lm) {
        List<Long> requested;
        synchronized (lock) {
            requested = new ArrayList<>(forced.keySet());
        }
        for (long id : requested) {
            Optional<DocumentEntry> doc = library.find(id);
            if (doc.isEmpty() || !thinkable(doc.get())) {
                finishRequest(id, Optional.of(doc.isEmpty() ? "The document is not in the library."
                        : "The document has no text to think about."));
                continue;
            }
            SleepPipeline.Plan plan = pipeline.plan(doc.get(), lm.modelName(), lm.contextTokens(),
                    settings.sleepGenerations(), settings.anticipatedQuestions());
            Optional<SleepStep> next = plan.nextDue();
            if (next.isEmpty()) {
                finishRequest(id, Optional.empty());
                continue;
            }
            return Optional.of(new Job(plan, next.get(), true));
        }
        for (SleepPipeline.Plan plan : plans) {
            Optional<SleepStep> next = plan.nextDue();
            if (next.isPresent()) {
                Job job = new Job(plan, next.get(), thinkAll);
                Retry retry = retries.get(job.key());
                if (retry == null || clock.millis() >= retry.atMillis()) {
                    return Optional.of(job);
                }
            }
        }
        if (thinkAll && gate == Gate.FORCED) {
            thinkAll = false;
        }
        return Optional.empty();
    }

    private void run(Job job, LanguageModel lm) {
        Preemption preemption = new Preemption();
        Running r = new Running(job, preemption);
        running = r;
        if (!mayContinue(job)) {
            preemption.cancel();
        }
        DocumentEntry doc = job.plan().document();
        String key = job.plan().keys().of(job.step());
        long start = System.nanoTime();
        try {
            repository.markStep(doc.id(), job.step().key(), key, SleepStepEntry.Status.RUNNING, Optional.empty());
            progress(job, 0, 0);
            int calls = pipeline.run(job.plan(), job.step(), lm, preemption, settings.sleepGenerations(),
                    settings.anticipatedQuestions(), (done, total) -> progress(job, done, total));
            retries.remove(job.key());
            countRun(doc.id(), calls);
            log.info("Sleep-time {} of {} (document {}) done with {}: {} call(s) in {} ms", job.step().key(),
                    doc.fileName(), doc.id(), lm.modelName(), calls, (System.nanoTime() - start) / 1_000_000);
        } catch (StepCancelledException e) {
            repository.markStep(doc.id(), job.step().key(), key, SleepStepEntry.Status.PENDING, Optional.empty());
            log.info("Sleep-time {} of document {} cancelled after {} ms; it is redone at the next idle time",
                    job.step().key(), doc.id(), (System.nanoTime() - start) / 1_000_000);
        } catch (StepFailedException e) {
            failed(job, key, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Sleep-time {} of document {} failed", job.step().key(), doc.id(), e);
            failed(job, key, "Ponder could not finish this step (" + e.getMessage() + ") — it tries again later.");
        } finally {
            running = null;
            dirty = true;
        }
    }

    private void failed(Job job, String key, String sentence) {
        long id = job.plan().document().id();
        repository.markStep(id, job.step().key(), key, SleepStepEntry.Status.FAILED, Optional.of(sentence));
        Retry before = retries.get(job.key());
        int attempts = before == null ? 1 : before.attempts() + 1;
        long delay = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempts - 1, 10));
        retries.put(job.key(), new Retry(attempts, clock.millis() + delay));
        log.warn("Sleep-time {} of document {} failed (attempt {}), retried in {} s: {}", job.step().key(), id, attempts,
                delay / 1000, sentence);
        finishRequest(id, Optional.of(sentence));
    }

    private void countRun(long documentId, int calls) {
        synchronized (lock) {
            ThinkRequest r = forced.get(documentId);
            if (r != null && calls > 0) {
                r.stepsRun++;
            }
        }
    }

    private void finishRequest(long documentId, Optional<String> failure) {
        ThinkRequest r;
        synchronized (lock) {
            r = forced.remove(documentId);
            forcedCount = forced.size();
        }
        if (r != null) {
            int reused = failure.isEmpty() ? SleepStep.values().length - r.stepsRun : 0;
            r.future.complete(new ThinkOutcome(documentId, r.stepsRun, reused, failure));
        }
    }

    private void failForcedRequests(String sentence) {
        List<Long> ids;
        synchronized (lock) {
            ids = new ArrayList<>(forced.keySet());
        }
        ids.forEach(id -> finishRequest(id, Optional.of(sentence)));
        thinkAll = false;
    }

    // ---------------------------------------------------------------- status

    private void progress(Job job, int done, int total) {
        DocumentEntry doc = job.plan().document();
        double fraction = Sentences.fraction(job.step(), done, total);
        board.publish(new SleepTimeStatus(SleepTimeState.THINKING, Sentences.thinking(doc.fileName(), job.step(), done,
                total), OptionalLong.of(doc.id()), Optional.of(doc.fileName()), Optional.of(job.step()), done, total,
                fraction, ready(), waiting(), questions()));
        board.publish(new DocumentSleepState(doc.id(), doc.fileName(), DocumentSleepState.Phase.THINKING, fraction,
                Sentences.documentThinking(job.step(), done, total), 0, Optional.empty()));
    }

    private SleepTimeStatus waitingStatus(Gate gate) {
        if (gate == Gate.PAUSED) {
            return status(SleepTimeState.PAUSED, Sentences.paused());
        }
        if (plans.isEmpty()) {
            return status(SleepTimeState.NO_DOCUMENTS, Sentences.noDocuments());
        }
        boolean due = plans.stream().anyMatch(p -> p.nextDue().isPresent() && p.failure().isEmpty());
        if (due && gate == Gate.ANSWERING) {
            return status(SleepTimeState.ANSWERING, Sentences.answering());
        }
        if (due) {
            return status(SleepTimeState.USER_ACTIVE, Sentences.userActive());
        }
        Optional<SleepPipeline.Plan> failedPlan = plans.stream().filter(p -> p.failure().isPresent()).findFirst();
        if (failedPlan.isPresent()) {
            SleepPipeline.Plan p = failedPlan.get();
            return status(SleepTimeState.RETRY_LATER, Sentences.retryLater(p.document().fileName(),
                    p.failure().get().message().orElse("a step failed")));
        }
        return status(SleepTimeState.READY, Sentences.ready(questions(), ready()));
    }

    private SleepTimeStatus status(SleepTimeState state, String sentence) {
        return new SleepTimeStatus(state, sentence, OptionalLong.empty(), Optional.empty(), Optional.empty(), 0, 0, 0,
                ready(), waiting(), questions());
    }

    private int ready() {
        return (int) plans.stream().filter(SleepPipeline.Plan::ready).count();
    }

    private int waiting() {
        return plans.size() - ready();
    }

    private int questions() {
        return plans.stream().mapToInt(SleepPipeline.Plan::questionCount).sum();
    }

    /** A document's state from its plan (when no step of it is running). */
    static DocumentSleepState state(SleepPipeline.Plan p) {
        DocumentEntry d = p.document();
        if (p.ready()) {
            return new DocumentSleepState(d.id(), d.fileName(), DocumentSleepState.Phase.READY, 1,
                    Sentences.ready(p.questionCount(), 1), p.questionCount(), Optional.empty());
        }
        Optional<SleepStepEntry> failure = p.failure();
        if (failure.isPresent()) {
            String reason = failure.get().message().orElse("a step failed");
            return new DocumentSleepState(d.id(), d.fileName(), DocumentSleepState.Phase.FAILED, 0,
                    Sentences.documentFailed(reason), 0, Optional.of(reason));
        }
        if (p.hasOlder()) {
            return new DocumentSleepState(d.id(), d.fileName(), DocumentSleepState.Phase.STALE, 0,
                    Sentences.documentStale(), 0, Optional.empty());
        }
        return new DocumentSleepState(d.id(), d.fileName(), DocumentSleepState.Phase.WAITING_FOR_IDLE, 0,
                Sentences.documentWaiting(), 0, Optional.empty());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
