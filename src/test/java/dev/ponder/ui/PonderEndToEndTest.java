package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.app.Ponder;
import dev.ponder.sleeptime.ScriptedSleepModel;
import dev.ponder.settings.Settings;
import dev.ponder.testing.Fault;
import dev.ponder.testing.OllamaTestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    @TempDir
    Path dataDir;

    private OllamaTestServer ollama;
    private Ponder ponder;
    private Stage stage;

    /** Builds Ponder the way the app does (its composition root) and shows the window on it. */
    private PonderWindow open(URI ollamaUrl) throws Exception {
        return open(Settings.defaults(dataDir).withOllamaUrl(ollamaUrl)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }

    private PonderWindow open(Settings settings) throws Exception {
        ponder = Ponder.open(settings);
        return WaitForAsyncUtils.asyncFx(() -> {
            stage = new Stage();
            return TestWindows.show(stage, ponder);
        }).get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
        if (ponder != null) {
            ponder.close();
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
        assertEquals("Not prepared yet", text(robot, ".mode-mark.mode-baseline"));
        assertTrue(text(robot, ".answer-footer").startsWith("Ponder has not thought about your documents yet · "),
                text(robot, ".answer-footer"));
        assertEquals("Ask", robot.lookup("#ask-button").queryAs(Button.class).getText());

        String scopeBefore = text(robot, "#scope");
        robot.clickOn(".citation-chip");
        waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#insights-cited").equals("Cited: page " + page));
        assertEquals("us-constitution-bill-of-rights.pdf", text(robot, "#insights-title"));
        assertTrue(robot.lookup("#library-list").queryAs(ListView.class).getSelectionModel().getSelectedItems().isEmpty(),
                "the citation shows its page without selecting the document");
        assertEquals(scopeBefore, text(robot, "#scope"), "the next question's scope is unchanged");
    }

    @Test
    void withOllamaDownTheBannerSaysSoAQuestionFailsInlineWithRetryAndTheLibraryStillWorks(FxRobot robot)
            throws Exception {
        URI nowhere = OllamaTestServer.unusedUrl();
        open(nowhere);
        // first run: an empty library and no Ollama get the onboarding card instead of the banner
        waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#onboarding").tryQuery().map(Node::isVisible).orElse(false));
        assertTrue(text(robot, "#onboarding-command").contains("ollama pull"), text(robot, "#onboarding-command"));

        drop(robot, SAMPLE);
        // the banner is made when it first shows
        waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#banner").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        String sentence = text(robot, "#banner-text");
        assertTrue(sentence.contains(nowhere.toString()) || sentence.contains(nowhere.getHost()),
                "the banner names where Ponder looked: " + sentence);
        assertEquals("Ollama: not running", text(robot, "#model-status"));

        waitFor(IMPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-ready").tryQuery().isPresent());

        robot.clickOn("#question").write("What does the first amendment protect?").type(KeyCode.ENTER);
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".answer-error").tryQuery().map(Node::isVisible).orElse(false)
                && !text(robot, ".answer-error").isBlank());
        String error = text(robot, ".answer-error");
        assertTrue(!error.isBlank() && !error.contains("Exception"), "one sentence, no stack trace: " + error);
        assertTrue(robot.lookup(".retry-button").query().isVisible());
        assertTrue(robot.lookup("#banner").query().isVisible());

        robot.clickOn(".retry-button");
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".answer-error").queryAll().stream().filter(Node::isVisible).count() == 2);
        assertEquals(2, robot.lookup(".exchange").queryAll().size(), "Retry asked the same question again");

        // the library keeps working: select the document and remove it with the Delete key
        robot.clickOn(".document-cell.state-ready").type(KeyCode.DELETE);
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("Remove").tryQuery().isPresent());
        robot.clickOn("Remove");
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#library-list").queryAs(ListView.class).getItems().isEmpty());
        assertTrue(robot.lookup("#empty-headline").query().isVisible());
    }

    @Test
    void everyOllamaFaultWhileAnsweringShowsItsSentenceInlineAndTheWindowStaysUsable(FxRobot robot) throws Exception {
        ollama = OllamaTestServer.start();
        ollama.answerWith("Each state has two Senators.");
        open(ollama.url());
        drop(robot, SAMPLE);
        waitFor(IMPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-ready").tryQuery().isPresent());

        List<Fault> faults = List.of(Fault.UNKNOWN_MODEL, Fault.HTTP_500, Fault.ERROR_LINE_MID_STREAM,
                Fault.DROP_MID_STREAM, Fault.NON_JSON_LINE, Fault.END_WITHOUT_FINAL_LINE);
        for (int i = 0; i < faults.size(); i++) {
            ollama.failNext(faults.get(i));
            robot.clickOn("#question").write("How many senators? (" + faults.get(i) + ")").type(KeyCode.ENTER);
            int errorsExpected = i + 1;
            waitFor(20, TimeUnit.SECONDS, () -> errorsShown(robot).size() == errorsExpected);
            String error = errorsShown(robot).get(errorsExpected - 1);
            assertTrue(!error.isBlank() && !error.contains("Exception") && !error.contains("\tat "),
                    faults.get(i) + " gives one sentence: " + error);
            assertEquals(errorsExpected, robot.lookup(".retry-button").queryAll().size(),
                    faults.get(i) + ": the failed answer has its Retry");
            waitFor(5, TimeUnit.SECONDS, () -> "Ask".equals(robot.lookup("#ask-button").queryAs(Button.class).getText()));
        }

        // the fault has passed: Retry on the last failed answer now gets the answer
        java.util.List<Node> retries = List.copyOf(robot.lookup(".retry-button").queryAll());
        robot.clickOn(retries.get(retries.size() - 1));
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".answer-text").queryAll().stream()
                .anyMatch(n -> ((MarkdownView) n).text().startsWith("Each state has two Senators")));
    }

    @Test
    void aStalledAnswerEndsAtPondersDeadlineInlineWithRetryWhileTheWindowKeepsResponding(FxRobot robot)
            throws Exception {
        ollama = OllamaTestServer.start();
        ollama.answerWith("Each state has two Senators.");
        open(Settings.defaults(dataDir).withOllamaUrl(ollama.url()).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3)));
        drop(robot, SAMPLE);
        waitFor(IMPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-ready").tryQuery().isPresent());

        ollama.failNext(Fault.STALL_AFTER_HEADERS);
        robot.clickOn("#question").write("How many senators?").type(KeyCode.ENTER);
        waitFor(5, TimeUnit.SECONDS, () -> "Stop".equals(robot.lookup("#ask-button").queryAs(Button.class).getText()));
        // while the model says nothing, the FX thread keeps handling events (not a speed target:
        // a frozen window would not answer at all)
        long slowestMs = 0;
        while ("Stop".equals(WaitForAsyncUtils.asyncFx(() -> robot.lookup("#ask-button").queryAs(Button.class).getText())
                .get(10, TimeUnit.SECONDS))) {
            long began = System.nanoTime();
            WaitForAsyncUtils.asyncFx(() -> robot.lookup("#library-list").query().isVisible()).get(10, TimeUnit.SECONDS);
            slowestMs = Math.max(slowestMs, (System.nanoTime() - began) / 1_000_000);
            Thread.sleep(100);
        }
        System.out.println("Slowest FX round trip during the stall: " + slowestMs + " ms");

        waitFor(10, TimeUnit.SECONDS, () -> errorsShown(robot).size() == 1);
        String error = errorsShown(robot).get(0);
        assertTrue(error.contains("3 s") || error.contains("3 seconds") || error.contains("within 3"), error);
        assertEquals(1, robot.lookup(".retry-button").queryAll().size());
        robot.clickOn(".retry-button");
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".answer-text").queryAll().stream()
                .anyMatch(n -> ((MarkdownView) n).text().startsWith("Each state has two Senators")));
    }

    @Test
    void whileThePersonIsAwayTheInsightsPanelShowsSleepTimeReachReadyWithAnticipatedQuestions(FxRobot robot)
            throws Exception {
        ollama = OllamaTestServer.start();
        ScriptedSleepModel model = new ScriptedSleepModel();
        ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? model.apply(r) : "Two.");
        PonderWindow window = open(Settings.defaults(dataDir).withOllamaUrl(ollama.url())
                .withIdleThreshold(Duration.ofSeconds(1)));
        robot.interact(() -> {
            window.open(List.of(SAMPLE));
        });
        ponder.sleepTime().start();

        waitFor(IMPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-ready").tryQuery().isPresent());
        robot.clickOn(".document-cell.state-ready");
        waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#sleep-sentence").startsWith("Ready:"));
        waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#anticipated-questions").queryAs(javafx.scene.layout.VBox.class)
                .getChildren().isEmpty());
        assertTrue(text(robot, "#sleep-document").matches("Ready: \\d+ questions? anticipated"), text(robot, "#sleep-document"));
        assertTrue(!text(robot, "#learned-context-summary").isBlank(), "c′ summary shown");
        assertTrue(ollama.requestCount("/api/chat") > 0, "sleep-time called the model");
    }

    @Test
    void afterSleepTimeANewQuestionStreamsFromTheLearnedContextAndAnAnticipatedOneIsAnsweredAtOnce(FxRobot robot)
            throws Exception {
        ollama = OllamaTestServer.start();
        ScriptedSleepModel model = new ScriptedSleepModel();
        ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? model.apply(r)
                : "Nothing about the cover colour is said [S1].");
        PonderWindow window = open(Settings.defaults(dataDir).withOllamaUrl(ollama.url())
                .withIdleThreshold(Duration.ofSeconds(1)));
        robot.interact(() -> {
            window.open(List.of(SAMPLE));
        });
        ponder.sleepTime().start();
        waitFor(IMPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-ready").tryQuery().isPresent());
        long doc = ponder.library().all().get(0).id();
        assertTrue(ponder.sleepTime().think(doc).get(120, TimeUnit.SECONDS).ready(), "sleep-time finished");
        var anticipated = ponder.sleepTime().insights(doc).orElseThrow().anticipatedQuestions().get(0);
        ollama.setTokenDelay(Duration.ofMillis(20));  // the answer streams, word by word

        robot.clickOn("#question").write("Which colour is the cover of this copy?").type(KeyCode.ENTER);
        waitFor(20, TimeUnit.SECONDS, () -> text(robot, ".mode-mark.mode-learned-context").equals("Answered from the learned context"));
        assertTrue(text(robot, ".answer-text").startsWith("Nothing about the cover colour is said"), text(robot, ".answer-text"));
        String prompt = ollama.lastChatRequest().orElseThrow().lastUserMessage().orElseThrow();
        assertTrue(prompt.contains("kind=\"learned context\""), "c′ is in the prompt");
        int chatRequests = ollama.requestCount("/api/chat");

        robot.clickOn("#question").write(anticipated.question()).type(KeyCode.ENTER);
        waitFor(10, TimeUnit.SECONDS, () -> text(robot, ".mode-mark.mode-prepared").equals("Prepared while you were away"));
        assertTrue(robot.lookup(".answer-text").queryAll().stream()
                .anyMatch(n -> ((MarkdownView) n).text().startsWith(anticipated.answer().strip())), "the prepared answer is shown");
        assertEquals(chatRequests, ollama.requestCount("/api/chat"), "no model call for a prepared answer");
    }

    /** The sentences of the failed answers in the chat, in order. */
    private static List<String> errorsShown(FxRobot robot) {
        return robot.lookup(".answer-error").queryAll().stream()
                .map(n -> ((Label) n).getText())
                .filter(t -> t != null && !t.isBlank())
                .toList();
    }

    /**
     * Drags {@code file} onto the chat area through a real drag gesture (see {@link FileDragSource}),
     * so the window's own drop handler receives it.
     */
    private static void drop(FxRobot robot, Path file) throws Exception {
        FileDragSource source = WaitForAsyncUtils.asyncFx(() -> new FileDragSource(
                robot.lookup("#ponder-root").queryAs(StackPane.class), List.of(file))).get();
        try {
            boolean firstRun = robot.lookup("#onboarding").tryQuery().map(Node::isVisible).orElse(false);
            robot.drag(source.handle()).dropTo(firstRun ? "#onboarding" : ".chat-pane");
        } finally {
            robot.interact(source::remove);
        }
    }

    /** First and last page of the section the test server's answer cited as S1, read from the prompt it got. */
    private int[] pagesOfS1() {
        String prompt = String.join("\n", ollama.lastChatRequest().orElseThrow().messageContents());
        Matcher m = Pattern.compile("<source-[0-9a-f]+ label=\"S1\"[^>]*pages=\"(\\d+)(?:-(\\d+))?\"").matcher(prompt);
        assertTrue(m.find(), "the prompt labels its sources");
        int first = Integer.parseInt(m.group(1));
        return new int[] {first, m.group(2) == null ? first : Integer.parseInt(m.group(2))};
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> n instanceof MarkdownView md ? md.text() : ((Label) n).getText()).orElse("");
    }
}
