package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.answer.AnswerService;
import dev.ponder.answer.Retriever;
import dev.ponder.document.DocumentImporter;
import dev.ponder.document.LibraryService;
import dev.ponder.llm.Embedder;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.store.Database;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.testing.OllamaTestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Ponder's window on the real services: an H2 file in a temp dir, the real importer and embedder,
 * the real answer service and Ollama adapter talking HTTP to the Ollama-protocol test server. A
 * person drops a PDF from {@code sample-docs/}, waits for it, asks, and reads the answer.
 */
@ExtendWith(ApplicationExtension.class)
class PonderEndToEndTest {

    private static final Path SAMPLE = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();
    private static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(90);

    /** Loading MiniLM takes seconds: once per test JVM. */
    private static final class Model {
        static final Embedder MINI_LM = new MiniLmEmbedder();
    }

    @TempDir
    Path dataDir;

    private final ExecutorService background = Executors.newFixedThreadPool(2);
    private final ExecutorService answering = Executors.newSingleThreadExecutor();
    private OllamaTestServer ollama;
    private Database database;
    private LibraryService library;
    private OllamaModelServer modelServer;
    private Stage stage;

    private PonderWindow open(URI ollamaUrl) throws Exception {
        Settings settings = Settings.defaults(dataDir).withOllamaUrl(ollamaUrl)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
        database = Database.open(dataDir);
        LibraryRepository documents = new LibraryRepository(database);
        ExchangeRepository exchanges = new ExchangeRepository(database);
        library = new LibraryService(documents, new DocumentImporter(documents, Model.MINI_LM));
        modelServer = new OllamaModelServer(settings);
        AnswerService answers = new AnswerService(documents, exchanges, new Retriever(documents, Model.MINI_LM),
                modelServer, settings, answering);
        UiServices services = new UiServices(library, answers, modelServer, exchanges, settings, background);
        return WaitForAsyncUtils.asyncFx(() -> {
            stage = new Stage();
            return PonderWindow.show(stage, services);
        }).get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
        if (library != null) {
            library.close();
        }
        answering.shutdownNow();
        background.shutdownNow();
        if (modelServer != null) {
            modelServer.close();
        }
        if (database != null) {
            database.close();
        }
        if (ollama != null) {
            ollama.close();
        }
    }

    @Test
    void droppedPdfBecomesReadyAndAQuestionStreamsAnAnswerWithAPageCitation(FxRobot robot) throws Exception {
        assertTrue(Files.isRegularFile(SAMPLE), SAMPLE + " is missing");
        ollama = OllamaTestServer.start();
        ollama.setTokenDelay(Duration.ofMillis(40));
        ollama.answerWith(request -> "Each state has two Senators [S1].");
        open(ollama.url());
        waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#model-status").equals("Ollama: llama3.2 ✓"));
        assertTrue(robot.lookup("#empty-headline").query().isVisible(), "an empty library invites a drop");

        drop(robot, SAMPLE);

        waitFor(IMPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-ready").tryQuery().isPresent());
        assertEquals("us-constitution-bill-of-rights.pdf", text(robot, ".document-cell.state-ready .document-name"));
        assertEquals("Ready", text(robot, ".document-cell.state-ready .document-status"));
        assertTrue(robot.lookup("#conversation").query().isVisible(), "the conversation replaces the empty state");

        robot.clickOn("#question").write("How many senators does each state have?").type(KeyCode.ENTER);

        waitFor(20, TimeUnit.SECONDS, () -> !text(robot, ".answer-text").isEmpty());
        assertEquals("Stop", robot.lookup("#ask-button").queryAs(Button.class).getText(), "Ask turns into Stop while it streams");
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".citation-chip").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        int[] pages = pagesOfS1();
        int page = pages[0];
        String reference = pages[0] == pages[1] ? "p. " + page : "pp. " + pages[0] + "–" + pages[1];
        assertEquals("Each state has two Senators [" + reference + "].", text(robot, ".answer-text"));
        assertEquals("p. " + page, robot.lookup(".citation-chip").queryAs(Button.class).getText());
        assertTrue(text(robot, ".answer-footer").startsWith("not prepared yet — answered from the document · "),
                text(robot, ".answer-footer"));
        assertEquals("Ask", robot.lookup("#ask-button").queryAs(Button.class).getText());

        robot.clickOn(".citation-chip");
        waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#insights-cited").equals("Cited: page " + page));
        assertEquals("us-constitution-bill-of-rights.pdf", text(robot, "#insights-title"));
    }

    @Test
    void withOllamaDownTheBannerSaysSoAQuestionFailsInlineWithRetryAndTheLibraryStillWorks(FxRobot robot)
            throws Exception {
        URI nowhere = OllamaTestServer.unusedUrl();
        open(nowhere);
        waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#banner").query().isVisible());
        String sentence = text(robot, "#banner-text");
        assertTrue(sentence.contains(nowhere.toString()) || sentence.contains(nowhere.getHost()),
                "the banner names where Ponder looked: " + sentence);
        assertEquals("Ollama: not running", text(robot, "#model-status"));

        drop(robot, SAMPLE);
        waitFor(IMPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-ready").tryQuery().isPresent());

        robot.clickOn("#question").write("What does the first amendment protect?").type(KeyCode.ENTER);
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".answer-error").tryQuery().map(Node::isVisible).orElse(false));
        String error = text(robot, ".answer-error");
        assertTrue(!error.isBlank() && !error.contains("Exception"), "one sentence, no stack trace: " + error);
        assertTrue(robot.lookup(".retry-button").query().isVisible());
        assertTrue(robot.lookup("#banner").query().isVisible());

        robot.clickOn(".retry-button");
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".answer-error").queryAll().stream().filter(Node::isVisible).count() == 2);
        assertEquals(2, robot.lookup(".exchange").queryAll().size(), "Retry asked the same question again");

        // the library keeps working: select the document and remove it with the Delete key
        robot.clickOn(".document-cell.state-ready").type(KeyCode.DELETE);
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#library-list").queryAs(ListView.class).getItems().isEmpty());
        assertTrue(robot.lookup("#empty-headline").query().isVisible());
    }

    /**
     * Drags {@code file} onto the chat area through a real drag gesture (see {@link FileDragSource}),
     * so the window's own drop handler receives it.
     */
    private static void drop(FxRobot robot, Path file) throws Exception {
        FileDragSource source = WaitForAsyncUtils.asyncFx(() -> new FileDragSource(
                robot.lookup("#ponder-root").queryAs(StackPane.class), List.of(file))).get();
        try {
            robot.drag(source.handle()).dropTo(".chat-pane");
        } finally {
            robot.interact(source::remove);
        }
    }

    /** First and last page of the section the test server's answer cited as S1, read from the prompt it got. */
    private int[] pagesOfS1() {
        String prompt = String.join("\n", ollama.lastChatRequest().orElseThrow().messageContents());
        Matcher m = Pattern.compile("<source label=\"S1\"[^>]*pages=\"(\\d+)(?:-(\\d+))?\"").matcher(prompt);
        assertTrue(m.find(), "the prompt labels its sources");
        int first = Integer.parseInt(m.group(1));
        return new int[] {first, m.group(2) == null ? first : Integer.parseInt(m.group(2))};
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
