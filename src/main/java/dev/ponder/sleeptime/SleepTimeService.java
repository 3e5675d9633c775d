package dev.ponder.sleeptime;

import dev.ponder.base.DaemonThreads;
import dev.ponder.document.LibraryListener;
import dev.ponder.llm.Embedder;
import dev.ponder.llm.ModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NotesCoverage;
import dev.ponder.store.SleepTimeRepository;
import dev.ponder.store.SleepTokenTotal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sleep-time compute S(c) → c′ (Lin et al. 2025): while the person is away, a local model reads
 * each document in the library into a learned context c′ and anticipates the questions the person
 * is likely to ask, with prepared answers, all stored in H2. The UI and the {@code think} command
 * use this class; see {@code docs/decisions/0005-learned-context-and-idle-detection.md}.
 *
 * <p>For the UI: report input through {@link UserActivity} (touch, focus, minimised) and answers
 * through {@link TestTimeActivity}; show {@link #status()} and the per-document
 * {@link #documentStates()}, refreshed on {@link SleepTimeListener} calls; wire "Think now" to
 * {@link #thinkNow()}, the selected document to {@link #focus}, and the pause switch to {@link #pause()} / {@link #resume()}. Register this
 * service as a {@link LibraryListener} so newly opened documents get their jobs.
 */
public final class SleepTimeService implements LibraryListener, AutoCloseable {

    private final SleepTimeRepository repository;
    private final LearnedContextRepository learned;
    private final LibraryRepository library;
    private final StatusBoard board = new StatusBoard();
    private final SleepScheduler scheduler;
    private final ExecutorService generations;
    private boolean started;

    /**
     * @param models     gives the sleep-time model ({@link ModelServer#sleepModel()})
     * @param embedder   embeds anticipated questions (merging, and matching at question time)
     * @param activity   whether the person is away
     * @param testTime   whether an answer is being made
     * @param settings   idle threshold, k, M
     * @param clock      the clock of idle time and retry delays
     */
    public SleepTimeService(LibraryRepository library, SleepTimeRepository repository, LearnedContextRepository learned,
                            ModelServer models, Embedder embedder, UserActivity activity, TestTimeActivity testTime,
                            Settings settings, MonotonicClock clock) {
        this(library, repository, learned, models, embedder, activity, testTime, () -> settings, clock);
    }

    /**
     * As above, reading the idle threshold, k and M from {@code settings} each time they are used,
     * so a change in the Settings dialog applies to the next idle check and the next plan.
     */
    public SleepTimeService(LibraryRepository library, SleepTimeRepository repository, LearnedContextRepository learned,
                            ModelServer models, Embedder embedder, UserActivity activity, TestTimeActivity testTime,
                            java.util.function.Supplier<Settings> settings, MonotonicClock clock) {
        this(library, repository, learned, models, embedder, activity, testTime, settings, clock, List::of);
    }

    /**
     * As above, writing c′ and the anticipated questions in the language the person asks in
     * ({@code AskersLanguage}: the language of most of their recent questions, else English).
     *
     * @param recentQuestions the person's latest questions, newest first (at least the last 20)
     */
    public SleepTimeService(LibraryRepository library, SleepTimeRepository repository, LearnedContextRepository learned,
                            ModelServer models, Embedder embedder, UserActivity activity, TestTimeActivity testTime,
                            java.util.function.Supplier<Settings> settings, MonotonicClock clock,
                            java.util.function.Supplier<List<String>> recentQuestions) {
        this.library = library;
        this.repository = repository;
        this.learned = learned;
        this.generations = Executors.newCachedThreadPool(DaemonThreads.numbered("ponder-sleep-generation"));
        SleepPipeline pipeline = new SleepPipeline(repository, learned, embedder, generations,
                AskersLanguage.following(recentQuestions));
        this.scheduler = new SleepScheduler(library, repository, pipeline, models, activity, testTime, settings, clock,
                board);
    }

    /**
     * Starts thinking in the background: steps a previous run left running become due again, and
     * every document's due steps run at the next idle time. Idempotent.
     */
    public synchronized void start() {
        if (!started) {
            started = true;
            scheduler.start();
        }
    }

    /**
     * Adds work to do while the person is away once every document's sleep-time steps are done
     * (measuring baseline costs). Call before or after {@link #start()}.
     */
    public void addIdleWork(IdleWork work) {
        scheduler.addIdleWork(work);
    }

    /** "Think now": runs every due step at once, whether or not the person is away, until none is left. */
    public void thinkNow() {
        scheduler.thinkNow();
    }

    /**
     * Thinks about one document now, whether or not the person is away (user input does not stop
     * it; a question or {@link #pause()} does, until it may go on). Requires {@link #start()}.
     *
     * @return completes when the document is ready or a step failed
     */
    public CompletableFuture<ThinkOutcome> think(long documentId) {
        return scheduler.think(documentId);
    }

    /**
     * The document the person selected ({@code -1}: none, or several): its steps go before the other
     * documents', and a long step of another document ends its turn for it after its current call.
     */
    public void focus(long documentId) {
        scheduler.focus(documentId);
    }

    /** The document last given to {@link #focus}: the one the person is looking at, {@code -1} for none. */
    public long focusedDocument() {
        return scheduler.focused();
    }

    /**
     * The model server answered a call or passed its status check: steps that failed because of the
     * server are tried again now rather than after their back-off (wired to
     * {@link dev.ponder.llm.SuccessReportingModelServer}). Cheap; safe from any thread.
     */
    public void serverAnswered() {
        scheduler.serverAnswered();
    }

    /** For tests: how long a long step of one document runs before another document goes next. */
    void turnLength(java.time.Duration length) {
        scheduler.turnLength(length);
    }

    /** Stops thinking (cancelling a running step) until {@link #resume()}. */
    public void pause() {
        scheduler.pause();
    }

    public void resume() {
        scheduler.resume();
    }

    public boolean paused() {
        return scheduler.paused();
    }

    /** What sleep-time compute is doing now. */
    public SleepTimeStatus status() {
        return board.status();
    }

    /** Each thinkable document's sleep-time state, by document id (known once the service has started). */
    public List<DocumentSleepState> documentStates() {
        return board.documents();
    }

    public Optional<DocumentSleepState> documentState(long documentId) {
        return board.document(documentId);
    }

    /** What sleep-time compute knows about a document: its newest c′, anticipated questions and cost. */
    public Optional<DocumentInsights> insights(long documentId) {
        Optional<DocumentEntry> doc = library.find(documentId);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        Optional<LearnedContextEntry> context = learned.latestLearnedContext(documentId);
        Optional<int[]> notes = notesCoverage(doc.get());
        List<SleepTokenTotal> totals = repository.tokenTotals(documentId);
        DocumentSleepState state = board.document(documentId).orElse(new DocumentSleepState(documentId,
                doc.get().fileName(), DocumentSleepState.Phase.WAITING_FOR_IDLE, 0, Sentences.documentWaiting(), 0,
                Optional.empty()));
        return Optional.of(new DocumentInsights(state,
                context.map(c -> LearnedContextJson.read(c.structureJson())),
                context.map(LearnedContextEntry::rendered),
                context.map(LearnedContextEntry::version).orElse(0),
                learned.latestAnticipatedQuestions(documentId),
                totals.stream().mapToLong(SleepTokenTotal::promptTokens).sum(),
                totals.stream().mapToLong(SleepTokenTotal::completionTokens).sum(),
                timeline(doc.get()), notes.map(n -> new NotesCoverage(Math.min(n[0] - n[1], doc.get().sections() - n[1]),
                        doc.get().sections() - n[1])), notes.map(n -> n[1]).orElse(0),
                context.map(LearnedContextEntry::coverage).orElse(NotesCoverage.COMPLETE)));
    }

    /**
     * The document's sections with notes from the sleep-time model, and those of them stored without a
     * call ({@link SleepTimeRepository#notedSections}); empty while no model is known.
     */
    private Optional<int[]> notesCoverage(DocumentEntry doc) {
        return scheduler.modelName().map(model -> repository.notedSections(doc.id(), model,
                SectionNotesStep.promptVersion()));
    }

    /**
     * What sleep-time spent on a document until its first anticipated question, its first usable
     * c′ and its complete c′ ({@link SleepTimeline}); {@link SleepTimeline#NONE} for a document not
     * in the library.
     */
    public SleepTimeline timeline(long documentId) {
        return library.find(documentId).map(this::timeline).orElse(SleepTimeline.NONE);
    }

    private SleepTimeline timeline(DocumentEntry doc) {
        return SleepTimeline.of(repository.timedCalls(doc.id()), repository.milestones(doc.id()), doc.pages());
    }

    public void addListener(SleepTimeListener listener) {
        board.addListener(listener);
    }

    public void removeListener(SleepTimeListener listener) {
        board.removeListener(listener);
    }

    // ---------------------------------------------------------------- LibraryListener

    @Override
    public void documentChanged(DocumentEntry document) {
        scheduler.documentChanged(document);
    }

    @Override
    public void importProgress(long documentId, String stage, double fraction) {
        // sleep-time starts when the import has finished (documentChanged with READY)
    }

    @Override
    public void documentRemoved(long documentId) {
        scheduler.documentRemoved(documentId);
    }

    /** Cancels a running step (it is redone at the next start) and stops the threads. */
    @Override
    public void close() {
        scheduler.close();
        generations.shutdownNow();
        try {
            generations.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
