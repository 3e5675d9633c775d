package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.document.ImportOutcome;
import dev.ponder.settings.Settings;
import dev.ponder.testing.Fault;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.TestModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A model server that is sometimes hung, sometimes broken and sometimes fine, seen in a real window
 * on the real services (H2 in a temp dir, importer, embedder, answer service, the Ollama adapter over
 * HTTP to the Ollama-protocol test server): what the window says is what happened, can be acted on
 * in the window, and is current.
 */
@ExtendWith(ApplicationExtension.class)
class ModelFaultsInTheWindowTest {

    private static final Path SAMPLE = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();
    private static final String ANSWER = "Each state has two Senators, chosen for six years by the people thereof.";

    @TempDir
    Path dataDir;

    private OllamaTestServer ollama;
    private RealWindow window;

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            window.close();
        } else if (ollama != null) {
            ollama.close();
        }
    }

    /** Ponder with one ready document, its window shown, the test server at the given deadline. */
    private void open(FxRobot robot, Duration deadline) throws Exception {
        window = new RealWindow(ollama, Settings.defaults(dataDir).withOllamaUrl(ollama.url())
                .withTimeouts(deadline, deadline));
        ImportOutcome outcome = window.ponder.libraryService().open(SAMPLE).get(120, TimeUnit.SECONDS);
        assertTrue(outcome instanceof ImportOutcome.Imported, outcome.toString());
        window.show();
        waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-ready").tryQuery().isPresent());
    }

    private static void ask(FxRobot robot, String question) {
        robot.clickOn("#question").write(question).type(KeyCode.ENTER);
    }

    @Test
    void aHungServerIsShownAsAWaitForTheModelThatCountsWithStop(FxRobot robot) throws Exception {
        ollama = OllamaTestServer.start();
        ollama.answerWith(ANSWER);
        ollama.setLoadDelay(Duration.ofMinutes(5)); // nothing, not even headers: a hung or loading model
        open(robot, Duration.ofMinutes(3));

        ask(robot, "How many senators does each state have?");
        waitFor(20, TimeUnit.SECONDS, () -> text(robot, ".thinking").startsWith("Waiting for the model"));
        int first = seconds(text(robot, ".thinking"));
        assertTrue(first >= ExchangeItem.QUIET_SECONDS, text(robot, ".thinking"));
        assertTrue(robot.lookup(".waiting-stop").query().isVisible(), "Stop is beside the wait");
        waitFor(10, TimeUnit.SECONDS, () -> seconds(text(robot, ".thinking")) >= first + 2);
        assertTrue(text(robot, ".thinking").matches("Waiting for the model — nothing received for \\d+ s"),
                "it keeps counting: " + text(robot, ".thinking"));

        robot.clickOn(".waiting-stop");
        waitFor(10, TimeUnit.SECONDS, () -> "Ask".equals(robot.lookup("#ask-button").queryAs(Button.class).getText()));
        assertTrue(robot.lookup(".answer-bubble.stopped").tryQuery().isPresent(), "stopped, and marked so");
        assertFalse(robot.lookup(".waiting-row").query().isVisible(), "no more waiting once stopped");
    }

    @Test
    void aStalledAnswerSaysWhereInTheWindowToAllowMoreTimeNotAFlag(FxRobot robot) throws Exception {
        ollama = OllamaTestServer.start();
        ollama.answerWith(ANSWER);
        ollama.setLoadDelay(Duration.ofSeconds(6));
        open(robot, Duration.ofSeconds(2));

        ask(robot, "How many senators does each state have?");
        waitFor(20, TimeUnit.SECONDS, () -> !errors(robot).isEmpty());
        String error = errors(robot).get(0);
        assertTrue(error.startsWith("Ollama did not start answering within 2 s"), error);
        assertTrue(error.endsWith("press Retry, or allow more time in Settings ▸ Answer deadline."), error);
        assertFalse(error.contains("--") || error.contains("{"), "no command-line flag, no raw mark: " + error);
        assertTrue(robot.lookup(".retry-button").query().isVisible());
    }

    @Test
    void aGarbledLineAfterGoodOnesIsABrokenReplyWithRetryAndTheWordsThatCameStay(FxRobot robot) throws Exception {
        ollama = OllamaTestServer.start();
        ollama.answerWith(ANSWER);
        ollama.setTokenDelay(Duration.ofMillis(20));
        open(robot, Duration.ofSeconds(20));
        ollama.failNext(Fault.NON_JSON_LINE);

        ask(robot, "How many senators does each state have?");
        waitFor(20, TimeUnit.SECONDS, () -> !errors(robot).isEmpty());
        String error = errors(robot).get(0);
        assertEquals("The model server sent a broken reply in the middle of the answer (a line that is not JSON) — "
                + "press Retry; if it keeps happening, restart Ollama.", error);
        assertFalse(error.contains("address"), "the same server had just answered: not blamed on the address");
        assertTrue(text(robot, ".answer-text").startsWith("Each state"), "the words that came stay: "
                + text(robot, ".answer-text"));

        robot.clickOn(".retry-button");
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".answer-text").queryAll().stream()
                .anyMatch(n -> ((MarkdownView) n).text().startsWith(ANSWER)));
    }

    @Test
    void aDroppedConnectionKeepsThePartialAnswerAsAMidStreamErrorDoes(FxRobot robot) throws Exception {
        ollama = OllamaTestServer.start();
        ollama.answerWith(ANSWER);
        ollama.setTokenDelay(Duration.ofMillis(20));
        open(robot, Duration.ofSeconds(20));

        for (Fault fault : List.of(Fault.ERROR_LINE_MID_STREAM, Fault.DROP_MID_STREAM)) {
            ollama.failNext(fault);
            int before = errors(robot).size();
            ask(robot, "How many senators does each state have? (" + fault + ")");
            waitFor(20, TimeUnit.SECONDS, () -> errors(robot).size() == before + 1);
            List<String> answers = robot.lookup(".answer-text").queryAll().stream()
                    .map(n -> ((MarkdownView) n).text()).toList();
            String partial = answers.get(answers.size() - 1);
            assertTrue(partial.startsWith("Each state") && !partial.startsWith(ANSWER),
                    fault + ": the half that came is kept and shown: " + partial);
        }
        assertTrue(errors(robot).get(1).contains("broke off before the answer was complete — press Retry"),
                errors(robot).get(1));
    }

    @Test
    void anAnswerThatSucceedsClearsABannerAboutAModelThatIsThereNow(FxRobot robot) throws Exception {
        ollama = OllamaTestServer.start(TestModel.embedding("nomic-embed-text"));
        ollama.answerWith(ANSWER);
        open(robot, Duration.ofSeconds(20));
        // the banner is made when it first shows
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#banner").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertEquals("Ollama: no model", text(robot, "#model-status"));
        assertTrue(text(robot, "#banner-text").startsWith("Ollama has no chat models yet — run “ollama pull llama3.2”"),
                text(robot, "#banner-text"));

        // the person pulls the model in a terminal and asks, without pressing the banner's Retry
        ollama.setModels(TestModel.chat("llama3.2", 131072), TestModel.embedding("nomic-embed-text"));
        ask(robot, "How many senators does each state have?");

        waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".answer-text").queryAll().stream()
                .anyMatch(n -> ((MarkdownView) n).text().startsWith("Each state")));
        waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#banner").query().isVisible());
        assertEquals("Ollama: llama3.2 ✓", text(robot, "#model-status"));
    }

    private static int seconds(String waiting) {
        Matcher m = Pattern.compile("(\\d+) s$").matcher(waiting);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static List<String> errors(FxRobot robot) {
        return robot.lookup(".answer-error").queryAll().stream().map(n -> ((Label) n).getText())
                .filter(t -> t != null && !t.isBlank()).toList();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().filter(Node::isVisible)
                .map(n -> n instanceof MarkdownView md ? md.text() : ((Label) n).getText()).orElse("");
    }
}
