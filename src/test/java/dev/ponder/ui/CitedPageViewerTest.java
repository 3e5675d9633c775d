package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.app.Ponder;
import dev.ponder.settings.Settings;
import dev.ponder.testing.Corpus;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A citation chip opens the cited page in the page viewer: drawn from the imported file with the
 * answer's line highlighted, or, once the file is gone, the stored text with the line highlighted
 * and why. On the real services (H2 in a temp dir, the real importer, the Ollama-protocol test server).
 */
@ExtendWith(ApplicationExtension.class)
class CitedPageViewerTest {

    @TempDir
    java.nio.file.Path dataDir;
    @TempDir
    java.nio.file.Path docs;

    private OllamaTestServer ollama;
    private Ponder ponder;
    private Stage stage;

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
    void aCitationChipOpensThePageWithTheAnswersLineHighlightedAndEscapeClosesIt(FxRobot robot) throws Exception {
        java.nio.file.Path pdf = Files.copy(Corpus.sample("us-constitution-bill-of-rights.pdf"),
                docs.resolve("constitution.pdf"));
        ollama = OllamaTestServer.start();
        ollama.answerWith("The Senate has two Senators from each State [S1].");
        Settings settings = Settings.defaults(dataDir).withOllamaUrl(ollama.url())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
        ponder = Ponder.open(settings);
        PonderWindow window = WaitForAsyncUtils.asyncFx(() -> {
            stage = new Stage();
            return TestWindows.show(stage, ponder);
        }).get(30, TimeUnit.SECONDS);
        robot.interact(() -> window.open(List.of(pdf)));
        waitFor(90, TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-ready").tryQuery().isPresent());
        robot.clickOn("#question").write("How many senators does each state have?").type(KeyCode.ENTER);
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".citation-chip").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        String chip = robot.lookup(".citation-chip").queryAs(javafx.scene.control.Button.class).getText();
        int page = Integer.parseInt(chip.replaceAll("\\D+", " ").strip().split(" ")[0]);

        robot.clickOn(".citation-chip");

        waitFor(20, TimeUnit.SECONDS, () -> viewer().isPresent()
                && robot.lookup("#viewer-page-image").queryAs(ImageView.class).getImage() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("constitution.pdf — page " + page, ((Stage) viewer().orElseThrow()).getTitle());
        ImageView image = robot.lookup("#viewer-page-image").queryAs(ImageView.class);
        assertTrue(image.isVisible() && image.getFitWidth() > 300, "the page fills the window's width");
        List<Rectangle> highlights = robot.lookup(".page-highlight").queryAllAs(Rectangle.class).stream().toList();
        assertFalse(highlights.isEmpty(), "the answer's line is highlighted");
        Rectangle first = highlights.get(0);
        assertTrue(first.getWidth() > first.getHeight() && first.getY() > 0
                && first.getY() + first.getHeight() < image.getBoundsInParent().getHeight(),
                "a line-shaped highlight on the page: " + first);
        assertFalse(robot.lookup("#viewer-progress").query().isVisible(), "the spinner is gone");

        robot.clickOn("#viewer-actual-size");
        assertEquals(595.3 * 96 / 72, image.getFitWidth(), 1.0, "100 %: an A4 page at 96 px per inch");
        robot.clickOn("#viewer-fit-width");
        robot.type(KeyCode.PAGE_DOWN);
        waitFor(20, TimeUnit.SECONDS, () -> ("constitution.pdf — page " + (page + 1)).equals(((Stage) viewer().orElseThrow()).getTitle())
                && !robot.lookup("#viewer-progress").query().isVisible());

        robot.type(KeyCode.ESCAPE);

        waitFor(5, TimeUnit.SECONDS, () -> viewer().isEmpty());

        // the file leaves its folder: the same chip shows the stored text, highlighted, and says why
        Files.delete(pdf);
        robot.clickOn(".citation-chip");
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#viewer-stored-text").tryQuery().map(Node::isVisible).orElse(false)
                && !robot.lookup("#viewer-notice").queryAs(Label.class).getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("The file is no longer at " + pdf + " — showing the text Ponder stored.",
                robot.lookup("#viewer-notice").queryAs(Label.class).getText());
        Optional<Node> marks = robot.lookup(".stored-text-highlight").tryQuery();
        assertTrue(marks.isPresent() && !((Path) marks.get()).getElements().isEmpty(), "the line is highlighted in the text");
        assertTrue(robot.lookup("#viewer-open-file").query().isDisabled(), "no file to open");
        robot.type(KeyCode.ESCAPE);
        waitFor(5, TimeUnit.SECONDS, () -> viewer().isEmpty());
        assertNotNull(stage.getScene(), "the main window stays");
    }

    /** The page viewer's window, when showing. */
    private Optional<Window> viewer() {
        return Window.getWindows().stream().filter(Window::isShowing)
                .filter(w -> w.getScene() != null && w.getScene().getRoot().getStyleClass().contains("page-viewer"))
                .findFirst();
    }
}
