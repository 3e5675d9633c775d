package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.app.Ponder;
import dev.ponder.document.ImportOutcome;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.ScriptedSleepModel;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.testing.OllamaStandIn;
import dev.ponder.testing.OllamaTestServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Makes the README's picture of the window, from the real app on the real services: a sample PDF
 * imported, thought about by sleep-time (the stand-in model server playing the model, as
 * {@link OllamaStandIn} does), an anticipated question asked and answered from its prepared answer,
 * and a new one answered from the learned context. Writes {@code docs/images/ponder-window.png}
 * (or the file {@code -Dponder.screenshot=FILE} names):
 * <pre>mvn test -Dsurefire.excludedGroups= -Dgroups=screenshot -Dtest=ReadmeScreenshotTest</pre>
 * Tagged {@code screenshot}, left out of the default run: it writes into the source tree.
 */
@Tag("screenshot")
@ExtendWith(ApplicationExtension.class)
class ReadmeScreenshotTest {

    private static final Path SAMPLE = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();

    @TempDir
    Path dataDir;

    private RealWindow window;

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            window.close();
        }
    }

    @Test
    void theWindowWithADocumentThoughtAboutAndTwoAnswers(FxRobot robot) throws Exception {
        OllamaTestServer ollama = OllamaTestServer.start();
        ScriptedSleepModel sleepModel = new ScriptedSleepModel();
        ollama.answerWith(r -> ScriptedSleepModel.Task.of(r).isPresent() ? sleepModel.apply(r)
                : OllamaStandIn.extract(r.lastUserMessage().orElse("")));
        Settings settings = Settings.defaults(dataDir).withOllamaUrl(ollama.url())
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));
        window = new RealWindow(ollama, settings);
        Ponder ponder = window.ponder;
        long doc = ((ImportOutcome.Imported) ponder.libraryService().open(SAMPLE).get(120, TimeUnit.SECONDS))
                .document().id();
        ponder.sleepTime().start();
        assertTrue(ponder.sleepTime().think(doc).get(180, TimeUnit.SECONDS).ready(), "sleep-time finished");
        List<AnticipatedQuestion> anticipated = ponder.sleepTime().insights(doc).orElseThrow().anticipatedQuestions();

        window.show();
        waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".anticipated-question").tryQuery().isPresent());

        robot.clickOn(".anticipated-question");
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".mode-mark.mode-prepared").tryQuery().isPresent());
        robot.clickOn("#question").write("What does the Constitution say about the President's age?").type(KeyCode.ENTER);
        waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".mode-mark.mode-learned-context").tryQuery().isPresent()
                || robot.lookup(".mode-mark.mode-raw-context").tryQuery().isPresent());
        robot.moveTo("#insights-title");
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        WritableImage image = WaitForAsyncUtils.asyncFx(() -> window.stage().getScene().snapshot(null))
                .get(30, TimeUnit.SECONDS);
        Path out = Path.of(System.getProperty("ponder.screenshot", "docs/images/ponder-window.png"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(toAwt(image), "png", out.toFile());
        System.out.println("Window picture written to " + out.toAbsolutePath() + " (" + anticipated.size()
                + " questions anticipated)");
    }

    /** The snapshot's pixels as an AWT image, for ImageIO (no javafx-swing needed). */
    private static BufferedImage toAwt(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }
}
