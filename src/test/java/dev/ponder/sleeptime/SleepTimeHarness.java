package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.base.Hashing;
import dev.ponder.llm.Embedder;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import dev.ponder.store.SleepTimeRepository;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The sleep-time part of Ponder built the way the composition root builds it: a real H2 file, the
 * real repositories, the real MiniLM embedder, real HTTP to the Ollama-protocol test server
 * answering as {@link ScriptedSleepModel} — with a clock the test moves and no system-wide idle source.
 */
final class SleepTimeHarness implements AutoCloseable {

    /** The pipeline's steps, by name, in order. */
    static final List<String> STEPS = List.of(SectionNotesStep.KEY, LearnedContextStep.KEY, AnticipatedQuestionsStep.KEY);

    private static final class Model {
        static final Embedder MINI_LM = new MiniLmEmbedder();
    }

    static final Duration IDLE = Duration.ofSeconds(20);

    final Path dir;
    final OllamaTestServer ollama;
    final ScriptedSleepModel model = new ScriptedSleepModel();
    final ManualClock clock = new ManualClock();
    final Database db;
    final LibraryRepository library;
    final SleepTimeRepository sleep;
    final LearnedContextRepository learned;
    final UserActivity activity = new UserActivity(clock, SystemIdle.none());
    final TestTimeActivity testTime = new TestTimeActivity();
    volatile Settings settings;
    /** The person's questions, newest first: sleep-time writes in the language most of them are in. */
    final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    private OllamaModelServer modelServer;
    /** The model server as the services see it, reporting its successes to sleep-time as Ponder's does. */
    dev.ponder.llm.SuccessReportingModelServer reporting;
    private SleepTimeService service;

    private final boolean ownsServer;

    SleepTimeHarness(Path dir) {
        this(dir, OllamaTestServer.start(), s -> s, true);
    }

    /** With a server the caller owns and closes. */
    SleepTimeHarness(Path dir, OllamaTestServer ollama, java.util.function.UnaryOperator<Settings> adjust) {
        this(dir, ollama, adjust, false);
    }

    private SleepTimeHarness(Path dir, OllamaTestServer ollama, java.util.function.UnaryOperator<Settings> adjust,
                             boolean ownsServer) {
        this.ownsServer = ownsServer;
        this.dir = dir;
        this.ollama = ollama;
        ollama.answerWith(model);
        this.db = Database.open(dir);
        this.library = new LibraryRepository(db);
        this.sleep = new SleepTimeRepository(db);
        this.learned = new LearnedContextRepository(db);
        this.settings = adjust.apply(Settings.defaults(dir).withOllamaUrl(ollama.url())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)).withIdleThreshold(IDLE));
    }

    static Embedder embedder() {
        return Model.MINI_LM;
    }

    /** The service, created and started on first use. */
    SleepTimeService service() {
        if (service == null) {
            modelServer = new OllamaModelServer(settings);
            reporting = new dev.ponder.llm.SuccessReportingModelServer(modelServer);
            // read at use, as Ponder's SettingsStore is: assigning settings is a change in the Settings dialog
            service = new SleepTimeService(library, sleep, learned, reporting, embedder(), activity, testTime,
                    () -> settings, clock, () -> List.copyOf(asked));
            reporting.addSuccessListener(service::serverAnswered);
            service.start();
        }
        return service;
    }

    /** Stops the service and changes the settings the next one is built with, as a restart with other options does. */
    void restartService(java.util.function.UnaryOperator<Settings> adjust) {
        restartService();
        settings = adjust.apply(settings);
    }

    /** Stops the service as Ponder does at exit; {@link #service()} then builds a new one, as a restart does. */
    void restartService() {
        if (service != null) {
            service.close();
            modelServer.close();
            service = null;
        }
    }

    /** Adds a READY document with one section per page (zero embeddings: sleep-time does not retrieve). */
    long addDocument(String name, String... pages) {
        long id = library.add(new NewDocument(Optional.of(sha256(name + String.join("|", pages))), name,
                dir.resolve(name), 1000), DocumentStatus.IMPORTING, Optional.empty());
        replaceContent(id, pages);
        return id;
    }

    /** Stores new page texts for a document, as a re-import does. */
    void replaceContent(long id, String... pages) {
        List<PageText> pageTexts = new ArrayList<>();
        List<SectionEntry> sections = new ArrayList<>();
        for (int i = 0; i < pages.length; i++) {
            pageTexts.add(new PageText(i + 1, pages[i], true));
            sections.add(new SectionEntry(0, id, i, i + 1, i + 1, pages[i], sha256(pages[i]), new float[384]));
        }
        library.storeContent(id, pageTexts, sections, Optional.empty());
    }

    DocumentEntry document(long id) {
        return library.find(id).orElseThrow();
    }

    /** Moves the clock past the idle threshold, as if the person had been away that long. */
    void personAway() {
        clock.advance(IDLE.plusSeconds(1));
    }

    SleepTimeStatus awaitStatus(Predicate<SleepTimeStatus> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SleepTimeStatus s = service().status();
        while (!wanted.test(s)) {
            assertTrue(System.nanoTime() < deadline, "timed out; last status: " + s);
            Thread.sleep(20);
            s = service().status();
        }
        return s;
    }

    SleepTimeStatus awaitState(SleepTimeState state) throws InterruptedException {
        return awaitStatus(s -> s.state() == state, Duration.ofSeconds(30));
    }

    DocumentSleepState awaitDocument(long id, DocumentSleepState.Phase phase) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Optional<DocumentSleepState> s = service().documentState(id);
            if (s.isPresent() && s.get().phase() == phase) {
                return s.get();
            }
            assertTrue(System.nanoTime() < deadline, "timed out; document state: " + s);
            Thread.sleep(20);
        }
    }

    /** Sleep-time chat requests for {@code task} seen by the server so far. */
    List<dev.ponder.testing.RecordedRequest> requests(ScriptedSleepModel.Task task) {
        return ollama.requests("/api/chat").stream().filter(r -> ScriptedSleepModel.Task.of(r).orElse(null) == task)
                .toList();
    }

    /** A count from the database, e.g. {@code count("SELECT COUNT(*) FROM section_notes")}. */
    long count(String sql) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String sha256(String text) {
        return Hashing.sha256Hex(text);
    }

    @Override
    public void close() {
        restartService();
        db.close();
        if (ownsServer) {
            ollama.close();
        }
    }
}
