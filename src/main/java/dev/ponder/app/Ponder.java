package dev.ponder.app;

import dev.ponder.answer.AnswerService;
import dev.ponder.answer.BaselineCosts;
import dev.ponder.answer.PromptWarmUp;
import dev.ponder.answer.Retriever;
import dev.ponder.answer.Savings;
import dev.ponder.base.DaemonThreads;
import dev.ponder.document.DocumentImporter;
import dev.ponder.document.DocumentWatcher;
import dev.ponder.document.LibraryService;
import dev.ponder.document.ScanReader;
import dev.ponder.document.ocr.TesseractLibrary;
import dev.ponder.llm.Embedder;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.ModelServer;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.llm.OpenAiModelServer;
import dev.ponder.llm.PromptTrackingModelServer;
import dev.ponder.llm.SuccessReportingModelServer;
import dev.ponder.llm.SwitchingModelServer;
import dev.ponder.llm.ServerEmbedder;
import dev.ponder.search.EmbeddingService;
import dev.ponder.search.SectionIndex;
import dev.ponder.store.EmbeddingRepository;
import dev.ponder.settings.Settings;
import dev.ponder.settings.SettingsStore;
import dev.ponder.sleeptime.MonotonicClock;
import dev.ponder.sleeptime.SleepTimeService;
import dev.ponder.sleeptime.SystemIdle;
import dev.ponder.sleeptime.SystemIdleSources;
import dev.ponder.sleeptime.TestTimeActivity;
import dev.ponder.sleeptime.UserActivity;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.SavingsRepository;
import dev.ponder.store.SleepTimeRepository;
import dev.ponder.ui.UiServices;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The composition root: creates every service of one running Ponder from its {@link Settings},
 * and closes them in reverse order. The window, the command line and the tests build Ponder here,
 * the same way.
 */
public final class Ponder implements AutoCloseable {

    private final SettingsStore settings;
    private final Database database;
    private final LibraryRepository library;
    private final ExchangeRepository exchanges;
    private final LibraryService libraryService;
    private final DocumentWatcher watcher;
    private final ModelServer modelServer;
    private final AnswerService answers;
    private final Savings savings;
    private final ExecutorService answerExecutor;
    private final ExecutorService background;
    private final Embedder embedder;
    private final EmbeddingService embeddings;
    private final Retriever retriever;
    private final SectionIndex sectionIndex;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final SystemIdle systemIdle;
    private final UserActivity userActivity;
    private final TestTimeActivity testTimeActivity;
    private final SleepTimeService sleepTime;

    private final ScanReader.Precedence alsoBeforeOcr;

    private Ponder(Settings settings, Database database, UnaryOperator<ModelServer> observe,
            ScanReader.Precedence alsoBeforeOcr) {
        this.alsoBeforeOcr = alsoBeforeOcr;
        this.settings = SettingsStore.persisted(settings);
        this.database = database;
        this.library = new LibraryRepository(database);
        this.exchanges = new ExchangeRepository(database);
        LearnedContextRepository learned = new LearnedContextRepository(database);
        MiniLmEmbedder builtIn = new MiniLmEmbedder();
        this.embeddings = new EmbeddingService(new EmbeddingRepository(database), learned,
                id -> ServerEmbedder.forModel(id, this.settings::current, builtIn));
        this.embedder = embeddings.embedder();
        this.answerExecutor = Executors.newSingleThreadExecutor(DaemonThreads.numbered("ponder-answer"));
        this.background = Executors.newFixedThreadPool(2, DaemonThreads.numbered("ponder-background"));
        this.sectionIndex = SectionIndex.open(settings.dataDir(), library);
        this.retriever = new Retriever(library, embedder, sectionIndex);
        // scanned pages are read in the languages chosen in Settings; a question and sleep-time compute go first
        ScanReader scans = new ScanReader(TesseractLibrary::availability, () -> this.settings.current().ocrLanguages(),
                this::whatOcrWaitsFor);
        this.libraryService = new LibraryService(library, new DocumentImporter(library, embedder, false, scans, sectionIndex));
        // started by the window only: the command line does not watch files
        this.watcher = new DocumentWatcher(libraryService, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30));
        libraryService.addListener(watcher);
        // an OpenAI-compatible server's model and context come from the settings it was made with
        SwitchingModelServer servers = new SwitchingModelServer(settings, s -> s.usesOpenAi()
                ? new OpenAiModelServer(s, this.settings::current) : new OllamaModelServer(s, this.settings::current));
        // every success of the server (a call answered, a status check passed) lets sleep-time retry at once
        SuccessReportingModelServer reporting = new SuccessReportingModelServer(servers);
        // which prompt the server answered last, so the prompt-prefix warm-up knows whether its cache holds it
        PromptTrackingModelServer tracking = new PromptTrackingModelServer(reporting);
        this.modelServer = observe.apply(tracking);
        this.settings.addListener((before, after) -> {
            servers.settingsChanged(before, after);
            if (servers.current() instanceof OllamaModelServer ollama
                    && (!java.util.Objects.equals(before.model(), after.model())
                        || !java.util.Objects.equals(before.sleepModel(), after.sleepModel())
                        || before.maxContextTokens() != after.maxContextTokens())) {
                ollama.forgetChoices();
            }
        });
        this.testTimeActivity = new TestTimeActivity();
        this.answers = new AnswerService(library, exchanges, learned, embedder, retriever, modelServer, this.settings::current, answerExecutor,
                testTimeActivity);
        // sleep-time compute; started by whoever wants it (the window, the think command), not by open()
        this.systemIdle = SystemIdleSources.lazy();
        this.userActivity = new UserActivity(MonotonicClock.system(), systemIdle);
        this.sleepTime = new SleepTimeService(library, new SleepTimeRepository(database), learned, modelServer, embedder, userActivity, testTimeActivity,
                this.settings::current, MonotonicClock.system(), this::recentQuestions);
        libraryService.addListener(sleepTime);
        reporting.addSuccessListener(sleepTime::serverAnswered);
        SavingsRepository savingsRepository = new SavingsRepository(database);
        this.savings = new Savings(savingsRepository, this.settings::current);
        embeddings.start();
        sleepTime.addIdleWork(new BaselineCosts(savingsRepository, savings, library, retriever,
                modelServer, this.settings::current));
        // last: a baseline measurement would push the warmed prefix out of the server's prompt cache
        sleepTime.addIdleWork(new PromptWarmUp(library, learned, exchanges, new SleepTimeRepository(database), modelServer,
                tracking,
                this.settings::current, sleepTime::focusedDocument));
    }

    /** The person's last 20 questions, newest first: sleep-time writes in the language they ask in. */
    private java.util.List<String> recentQuestions() {
        java.util.List<String> out = new java.util.ArrayList<>(
                exchanges.recent(20).stream().map(dev.ponder.store.Exchange::question).toList());
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * What reading scanned pages waits for: a question being answered, or a sleep-time step
     * running (both want the processor, and a local model server all of it).
     */
    private java.util.Optional<String> whatOcrWaitsFor() {
        if (testTimeActivity != null && testTimeActivity.busy()) {
            return java.util.Optional.of("answers your question");
        }
        if (sleepTime != null && sleepTime.status().state() == dev.ponder.sleeptime.SleepTimeState.THINKING) {
            return java.util.Optional.of("thinks about your documents");
        }
        return alsoBeforeOcr.waitingFor();
    }

    /**
     * Opens the library in {@code settings.dataDir()} and wires the services. Logging goes to
     * {@code dataDir/logs} from here on.
     *
     * @throws dev.ponder.store.StoreException with a sentence for the user when the library cannot
     *                                         be opened (in use by another Ponder, damaged, …)
     */
    public static Ponder open(Settings settings) {
        return open(settings, UnaryOperator.identity());
    }

    /**
     * As {@link #open(Settings)}, telling {@code listed} the library's documents as soon as they are
     * read, before the services are built ({@link Database#open(java.nio.file.Path, Consumer)}):
     * the window lists them while the rest opens.
     */
    static Ponder open(Settings settings, Consumer<List<DocumentEntry>> listed) {
        return open(settings, listed, UnaryOperator.identity(), ScanReader.Precedence.NONE);
    }

    /**
     * As {@link #open(Settings)}, with every service talking to the model server through
     * {@code observe}'s wrapper of it: for {@code ponder bench perf}, which times when requests open
     * and close. The wrapper must pass every call on to the real server it is given.
     */
    public static Ponder open(Settings settings, UnaryOperator<ModelServer> observe) {
        return open(settings, observe, ScanReader.Precedence.NONE);
    }

    /**
     * As {@link #open(Settings, UnaryOperator)}, with reading scanned pages also waiting while
     * {@code alsoBeforeOcr} says so (after a question and sleep-time compute, which go first anyway):
     * for benchmarks that hold OCR between pages to compare questions asked with and without it.
     */
    public static Ponder open(Settings settings, UnaryOperator<ModelServer> observe, ScanReader.Precedence alsoBeforeOcr) {
        return open(settings, documents -> { }, observe, alsoBeforeOcr);
    }

    private static Ponder open(Settings settings, Consumer<List<DocumentEntry>> listed,
                               UnaryOperator<ModelServer> observe, ScanReader.Precedence alsoBeforeOcr) {
        // before the first logger exists, so the log lands beside the library
        System.setProperty("ponder.logdir", settings.dataDir().resolve("logs").toString());
        return new Ponder(settings, Database.open(settings.dataDir(), listed), observe, alsoBeforeOcr);
    }

    /** The settings in force now (they change when the person saves the Settings dialog). */
    public Settings settings() {
        return settings.current();
    }

    /** The observable, persisted settings: the Settings dialog updates them here. */
    public SettingsStore settingsStore() {
        return settings;
    }

    public Database database() {
        return database;
    }

    public LibraryRepository library() {
        return library;
    }

    public ExchangeRepository exchanges() {
        return exchanges;
    }

    public LibraryService libraryService() {
        return libraryService;
    }

    /** Watches the documents' files; call {@link DocumentWatcher#start()} to begin (the window does). */
    public DocumentWatcher watcher() {
        return watcher;
    }

    public ModelServer modelServer() {
        return modelServer;
    }

    /** Savings accounting: measured tokens and the cost model, per set of documents. */
    public Savings savings() {
        return savings;
    }

    public AnswerService answers() {
        return answers;
    }

    /** The library's embedding model: which one, the move to another, its progress. */
    public EmbeddingService embeddings() {
        return embeddings;
    }

    /** Finds the sections most relevant to a question (what answering and the baseline measurements use). */
    public Retriever retriever() {
        return retriever;
    }

    /**
     * Loads the embedding model in the background (about 1–2 s), so that the first question, and a
     * prepared answer above all, does not wait for it. For the window; the command line loads it
     * when it first needs it.
     */
    public void warmUpInBackground() {
        background.execute(() -> {
            try {
                embedder.embed("warm up");
            } catch (RuntimeException e) {
                // a server model that is not there: the first question says so
                org.slf4j.LoggerFactory.getLogger(Ponder.class).info("Embedding model not warmed up: {}", e.getMessage());
            }
        });
        background.execute(dev.ponder.search.LanguageDetection::warmUp);
    }

    /** Two threads for the window's short blocking calls (history, model-server checks). */
    public ExecutorService background() {
        return background;
    }

    /** What the window needs of this Ponder (its view models are built from it). */
    public UiServices uiServices() {
        return new UiServices(libraryService, answers, modelServer, exchanges, settings, sleepTime, userActivity, savings,
                embeddings, database.readOnly());
    }

    /** Sleep-time compute; call {@link SleepTimeService#start()} to let it think while the person is away. */
    public SleepTimeService sleepTime() {
        return sleepTime;
    }

    /** Where the window reports input, focus and minimising, for idle detection. */
    public UserActivity userActivity() {
        return userActivity;
    }

    /** Marked by answering, so sleep-time compute yields the model to a question at once. */
    public TestTimeActivity testTimeActivity() {
        return testTimeActivity;
    }

    /** Shuts everything down in reverse order of creation. Idempotent, so a shutdown hook may call it too. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // an answer on its way is stored as stopped while the library is still open
        answers.stopAll();
        shutdown(background);
        watcher.close();
        libraryService.close();
        sleepTime.close();
        shutdown(answerExecutor);
        modelServer.close();
        systemIdle.close();
        embeddings.close();
        sectionIndex.close();
        database.close();
    }

    private static void shutdown(ExecutorService executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
