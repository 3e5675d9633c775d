package dev.ponder.sleeptime;

import dev.ponder.base.DaemonThreads;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>
 * What goes first: documents asked about ({@link #think}), then the document the person selected
 * ({@link #focus}), then the steps that finish a document (c′, anticipated questions) before any
 * document's long tail of section notes, then the document served least recently (documents take
 * turns; newest first among equals). A step that {@link Step#takesTurns() takes turns} stops after a
 * call once its turn ({@link #TURN}) is over and another document has work due, or at once when the
 * selected document or one asked about waits; it goes on from what it stored at its next turn.
 * <p>
 * A failed step is retried after 1 min, then 2, 4, … up to 30 min — but a step that failed because
 * of the model server (not because of what the model wrote) is retried as soon as any call to the
 * server succeeds or its status check passes ({@link #serverAnswered()}).
 */
final class SleepScheduler {

    /** How often the worker re-evaluates idleness, and the watcher checks a running step may go on. */
    static final Duration TICK = Duration.ofMillis(100);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(30);
    /** How long the worker rests after an unexpected failure of its own. */
    static final Duration ERROR_PAUSE = Duration.ofSeconds(5);
    /** How long to wait before asking an unavailable model server again. */
    static final Duration MODEL_RETRY = Duration.ofSeconds(15);
    /**
     * How long a step that takes turns runs before another document with work due goes next (its
     * current call is finished first). On a laptop CPU one call of section notes takes about a
     * minute, so a turn is one call there; against a fast server, a few.
     */
    static final Duration TURN = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(SleepScheduler.class);

    /** Why the worker may or may not start a step now. */
    private enum Gate {
        PAUSED, ANSWERING, USER_ACTIVE, IDLE, FORCED;

        boolean open() {
            return this == IDLE || this == FORCED;
        }
    }

    /**
     * @param forced    runs whether or not the person is away (think now, or asked about)
     * @param requested asked about by {@link #think} (a request's turn ends only for another request)
     */
    private record Job(SleepPipeline.Plan plan, SleepStep step, boolean forced, boolean requested) {
        String key() {
            return plan.document().id() + "/" + step.key() + "/" + plan.keys().of(step);
        }
    }

    private record Running(Job job, Preemption preemption) {
    }

    /** @param serverFault the step failed because of the model server, not because of what the model wrote */
    private record Retry(int attempts, long atMillis, boolean serverFault) {
    }

    private final LibraryRepository library;
    private final SleepTimeRepository repository;
    private final SleepPipeline pipeline;
    private final ModelServer models;
    private final UserActivity activity;
    private final TestTimeActivity testTime;
    private final java.util.function.Supplier<Settings> settings;
    private final MonotonicClock clock;
    private final StatusBoard board;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private boolean signalled;
    private final ThinkRequests requests;
    private volatile boolean thinkAll;
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile boolean dirty = true;
    private volatile Running running;
    private final List<IdleWork> idleWork = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Cancels the idle work running now, if any. */
    private volatile Preemption idleRunning;
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    /** The selected document that goes first, -1 for none. */
    private volatile long focus = -1;
    /** When each document last had a step run, as a count of steps run; written by the worker only. */
    private final Map<Long, Long> servedAt = new ConcurrentHashMap<>();
    private long served;
    private volatile Duration turn = TURN;

    /** Written by the worker only; read by the threads that report progress. */
    private volatile List<SleepPipeline.Plan> plans = List.of();
    private String modelSeen = "";
    private volatile String modelName;
    private volatile String modelProblem;
    private volatile long modelRetryAt;

    private final Thread worker;
    private final ScheduledExecutorService watcher;
    private final ExecutorService canceller;

    SleepScheduler(LibraryRepository library, SleepTimeRepository repository, SleepPipeline pipeline, ModelServer models,
                   UserActivity activity, TestTimeActivity testTime, java.util.function.Supplier<Settings> settings,
                   MonotonicClock clock, StatusBoard board) {
        this.library = library;
        this.repository = repository;
        this.pipeline = pipeline;
        this.requests = new ThinkRequests(pipeline.steps().size());
        this.models = models;
        this.activity = activity;
        this.testTime = testTime;
        this.settings = settings;
        this.clock = clock;
        this.board = board;
        this.worker = DaemonThreads.thread("ponder-sleep-time", this::loop);
        this.watcher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ponder-sleep-watch"));
        this.canceller = Executors.newSingleThreadExecutor(DaemonThreads.named("ponder-sleep-cancel"));
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
        CompletableFuture<ThinkOutcome> outcome = requests.add(documentId);
        retries.keySet().removeIf(k -> k.startsWith(documentId + "/"));
        modelRetryAt = 0;
        changed();
        return outcome;
    }

    /**
     * The document the person is looking at ({@code -1}: none): it goes before the other documents,
     * and a long step of another document ends its turn for it.
     */
    void focus(long documentId) {
        if (focus != documentId) {
            focus = documentId;
            changed();
        }
    }

    /** The document the person is looking at, {@code -1} for none. */
    long focused() {
        return focus;
    }

    /** The sleep-time model last planned with, empty before the first plan or while none is available. */
    Optional<String> modelName() {
        String name = modelName;
        return modelProblem == null ? Optional.ofNullable(name) : Optional.empty();
    }

    /** For tests: how long a step that takes turns runs before another document goes next. */
    void turnLength(Duration length) {
        turn = length;
    }

    /**
     * A call to the model server succeeded or its status check passed: steps that failed because of
     * the server, and an unavailable sleep-time model, are tried again now rather than after their
     * back-off. Steps that failed because of what the model wrote keep theirs (retrying them at once
     * would ask the same of the same model again). Cheap when nothing waits; safe from any thread.
     */
    void serverAnswered() {
        boolean released = retries.values().removeIf(Retry::serverFault);
        boolean modelBack = modelProblem != null && modelRetryAt > 0;
        if (released || modelBack) {
            modelRetryAt = 0;
            log.info("The model server answered: sleep-time steps that failed because of it are tried again now");
            changed();
        }
    }

    /** Adds work for idle time once no document has a step due (see {@link IdleWork}). */
    void addIdleWork(IdleWork work) {
        idleWork.add(work);
        changed();
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
        requests.cancelAll();
    }

    // ---------------------------------------------------------------- cancelling

    private void personReturned() {
        cancelIdleWork("you came back");
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
        cancelIdleWork(why);
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

    private void cancelIdleWork(String why) {
        Preemption p = idleRunning;
        if (p != null && !p.cancelled()) {
            log.debug("Cancelling idle work: {}", why);
            canceller.execute(p::cancel);
        }
    }

    /** Idle work goes on only while the person is away: "think now" does not cover it. */
    private boolean idleWorkMayContinue() {
        return !closed && !paused && !testTime.busy() && activity.idleFor(settings.get().idleThreshold());
    }

    /** The watcher: system-wide input, or the threshold lowered, can end idleness without an event. */
    private void watch() {
        if (idleRunning != null && !idleWorkMayContinue()) {
            cancelIdleWork("the person is no longer away");
        }
        Running r = running;
        if (r != null && !mayContinue(r.job())) {
            cancel(r, "the person is no longer away");
        }
    }

    private boolean mayContinue(Job job) {
        if (closed || paused || testTime.busy()) {
            return false;
        }
        return job.forced() || forcedPending() || activity.idleFor(settings.get().idleThreshold());
    }

    private boolean forcedPending() {
        return thinkAll || requests.pending();
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
            long pause = TICK.toMillis();
            try {
                ran = once();
            } catch (RuntimeException e) {
                // e.g. the library cannot be read: say so once in a while, not ten times a second
                log.error("Sleep-time scheduling failed; trying again in {} s", ERROR_PAUSE.toSeconds(), e);
                dirty = true;
                ran = false;
                pause = ERROR_PAUSE.toMillis();
            }
            if (!ran) {
                synchronized (lock) {
                    if (!signalled && !closed) {
                        try {
                            lock.wait(pause);
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
            requests.failAll(modelProblem);
            thinkAll = false;
            board.publish(new PlanStatus(plans).modelUnavailable(modelProblem));
            return false;
        }
        LanguageModel lm = model.get();
        String seen = lm.modelName() + "@" + lm.contextTokens();
        if (!seen.equals(modelSeen)) {
            modelSeen = seen;
            modelName = lm.modelName();
            dirty = true;
        }
        if (dirty) {
            dirty = false;
            plans = planAll(lm);
            plans.forEach(p -> board.publish(PlanStatus.document(p)));
        }
        Gate gate = gate();
        Optional<Job> job = gate.open() ? choose(gate, lm) : Optional.empty();
        if (job.isEmpty()) {
            if (gate == Gate.IDLE && runIdleWork()) {
                return true;
            }
            board.publish(new PlanStatus(plans).waiting(gate == Gate.PAUSED, gate == Gate.ANSWERING,
                    activity.inputSeen(), settings.get().idleThreshold()));
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
                out.add(pipeline.plan(d, lm.modelName(), lm.contextTokens(), settings.get().sleepGenerations(),
                        settings.get().anticipatedQuestions()));
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
        return activity.idleFor(settings.get().idleThreshold()) ? Gate.IDLE : Gate.USER_ACTIVE;
    }

    private Optional<Job> choose(Gate gate, LanguageModel lm) {
        for (long id : requests.documentIds()) {
            Optional<DocumentEntry> doc = library.find(id);
            if (doc.isEmpty() || !thinkable(doc.get())) {
                requests.finish(id, Optional.of(doc.isEmpty() ? "The document is not in the library."
                        : "The document has no text to think about."));
                continue;
            }
            SleepPipeline.Plan plan = pipeline.plan(doc.get(), lm.modelName(), lm.contextTokens(),
                    settings.get().sleepGenerations(), settings.get().anticipatedQuestions());
            Optional<SleepStep> next = plan.nextDue();
            if (next.isEmpty()) {
                requests.finish(id, Optional.empty());
                continue;
            }
            return Optional.of(new Job(plan, next.get(), true, true));
        }
        if (gate == Gate.FORCED && !thinkAll && !activity.idleFor(settings.get().idleThreshold())) {
            // only the documents asked about were due now (`ponder think FILE`): not the rest of the library
            return Optional.empty();
        }
        Optional<SleepPipeline.Plan> first = plans.stream().filter(this::dueNow).min(order());
        if (first.isPresent()) {
            return Optional.of(new Job(first.get(), first.get().nextDue().orElseThrow(), thinkAll, false));
        }
        if (thinkAll && gate == Gate.FORCED) {
            thinkAll = false;
        }
        return Optional.empty();
    }

    /** Whether a document has a step due that is not waiting out a back-off. */
    private boolean dueNow(SleepPipeline.Plan plan) {
        Optional<SleepStep> next = plan.nextDue();
        if (next.isEmpty()) {
            return false;
        }
        Retry retry = retries.get(new Job(plan, next.get(), false, false).key());
        return retry == null || clock.millis() >= retry.atMillis();
    }

    /**
     * The selected document first, then steps that finish a document before long tails, then the
     * document served least recently; {@link #plans} is newest first, and {@code min} keeps the first of equals.
     */
    private Comparator<SleepPipeline.Plan> order() {
        long selected = focus;
        return Comparator.comparing((SleepPipeline.Plan p) -> p.document().id() != selected)
                .thenComparing(SleepPipeline.Plan::longTailDue)
                .thenComparingLong(p -> servedAt.getOrDefault(p.document().id(), 0L));
    }

    /**
     * The turn of {@code job}: over once it ran {@link #turn} and another document has a step due, or
     * at once when a document asked about, or the selected one, waits. A document asked about keeps its
     * turn: requests are answered in the order they came.
     */
    private Turn turnOf(Job job) {
        long id = job.plan().document().id();
        long start = System.nanoTime();
        return () -> {
            if (job.requested()) {
                return false;
            }
            if (requests.pending()) {
                return true;
            }
            long selected = focus;
            List<SleepPipeline.Plan> others = plans.stream().filter(p -> p.document().id() != id).filter(this::dueNow)
                    .toList();
            if (others.stream().anyMatch(p -> p.document().id() == selected)) {
                return true;
            }
            return !others.isEmpty() && System.nanoTime() - start >= turn.toNanos();
        };
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
            servedAt.put(doc.id(), ++served);
            int calls = pipeline.run(job.plan(), job.step(), lm, preemption, settings.get().sleepGenerations(),
                    settings.get().anticipatedQuestions(), (done, total) -> progress(job, done, total), turnOf(job));
            retries.remove(job.key());
            requests.stepDone(doc.id(), job.step().key(), calls);
            log.info("Sleep-time {} of {} (document {}) done with {}: {} call(s) in {} ms", job.step().key(),
                    doc.fileName(), doc.id(), lm.modelName(), calls, (System.nanoTime() - start) / 1_000_000);
        } catch (StepYieldedException e) {
            retries.remove(job.key());
            requests.stepDone(doc.id(), job.step().key(), 1);  // a step yields only after a call
            repository.markStep(doc.id(), job.step().key(), key, SleepStepEntry.Status.PENDING, Optional.empty());
            log.debug("Sleep-time {} of document {} ended its turn after {} ms; another document goes next",
                    job.step().key(), doc.id(), (System.nanoTime() - start) / 1_000_000);
        } catch (StepCancelledException e) {
            repository.markStep(doc.id(), job.step().key(), key, SleepStepEntry.Status.PENDING, Optional.empty());
            log.info("Sleep-time {} of document {} cancelled after {} ms; it is redone at the next idle time",
                    job.step().key(), doc.id(), (System.nanoTime() - start) / 1_000_000);
        } catch (StepFailedException e) {
            failed(job, key, e.getMessage(), e.serverFault());
        } catch (RuntimeException e) {
            log.error("Sleep-time {} of document {} failed", job.step().key(), doc.id(), e);
            failed(job, key, "Ponder could not finish this step (" + e.getMessage() + ") — it tries again later.", false);
        } finally {
            running = null;
            dirty = true;
        }
    }

    /** @return whether a piece of idle work ran */
    private boolean runIdleWork() {
        for (IdleWork work : idleWork) {
            if (!work.due()) {
                continue;
            }
            Preemption preemption = new Preemption();
            idleRunning = preemption;
            try {
                if (!idleWorkMayContinue()) {
                    preemption.cancel();
                }
                work.runOne(preemption);
            } catch (RuntimeException e) {
                log.error("Idle work failed", e);
            } finally {
                idleRunning = null;
            }
            return true;
        }
        return false;
    }

    private void failed(Job job, String key, String sentence, boolean serverFault) {
        long id = job.plan().document().id();
        repository.markStep(id, job.step().key(), key, SleepStepEntry.Status.FAILED, Optional.of(sentence));
        Retry before = retries.get(job.key());
        int attempts = before == null ? 1 : before.attempts() + 1;
        long delay = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempts - 1, 10));
        retries.put(job.key(), new Retry(attempts, clock.millis() + delay, serverFault));
        log.warn("Sleep-time {} of document {} failed (attempt {}), retried in {} s: {}", job.step().key(), id, attempts,
                delay / 1000, sentence);
        requests.finish(id, Optional.of(sentence));
    }

    // ---------------------------------------------------------------- status

    private void progress(Job job, int done, int total) {
        board.publish(new PlanStatus(plans).thinking(job.plan(), job.step(), done, total));
        board.publish(PlanStatus.documentThinking(job.plan(), job.step(), done, total));
    }
}
