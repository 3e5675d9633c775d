package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.app.Ponder;
import dev.ponder.document.ImportOutcome;
import dev.ponder.settings.Settings;
import dev.ponder.testing.Mounts;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A library on a disk mounted read-only, in a real window on the real services: the insights
 * panel says why Ponder does not think about the documents and what to do, in the window's words
 * (Settings, not a flag), and offers no button that would do nothing.
 */
@ExtendWith(ApplicationExtension.class)
class ReadOnlyLibraryWindowTest {

    private static final Path SAMPLE = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();

    @TempDir
    Path dir;

    private RealWindow window;
    private Mounts.Mount readOnly;

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            window.close();
        }
        if (readOnly != null) {
            readOnly.close();
        }
    }

    @Test
    void theSleepTimePaneSaysWhyNothingIsThoughtAboutAndWhatToDo(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(Mounts.available(), "needs root for a read-only bind mount");
        Path data = dir.resolve("data");
        try (OllamaTestServer ollama = OllamaTestServer.start();
             Ponder ponder = Ponder.open(Settings.defaults(data).withOllamaUrl(ollama.url()))) {
            ImportOutcome outcome = ponder.libraryService().open(SAMPLE).get(120, TimeUnit.SECONDS);
            assertTrue(outcome instanceof ImportOutcome.Imported, outcome.toString());
        }
        readOnly = Mounts.readOnly(data, dir.resolve("read-only"));
        OllamaTestServer ollama = OllamaTestServer.start();
        window = new RealWindow(ollama, Settings.defaults(readOnly.at()).withOllamaUrl(ollama.url()));
        window.show();
        waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-ready").tryQuery().isPresent());

        // the insights column is built after the library list shows (ADR 0018)
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#sleep-sentence").tryQuery().isPresent()
                && text(robot, "#sleep-sentence").startsWith("Ponder is not thinking")
                && !text(robot, "#sleep-document").isEmpty());

        assertEquals("Ponder is not thinking about your documents: your library is read-only (the disk it is on is "
                + "mounted read-only), so nothing it thought could be saved. Make it writable, or choose another data "
                + "folder in Settings ▸ Data folder, then open Ponder again.", text(robot, "#sleep-sentence"));
        assertEquals("Not thought about yet: it waits until the library can be written.", text(robot, "#sleep-document"));
        assertTrue(robot.lookup("#think-now").queryAs(Button.class).isDisabled(), "Think now would do nothing");
        assertTrue(robot.lookup("#sleep-pause").query().isDisabled(), "nor would Pause");
        assertFalse(robot.lookup(".label").queryAllAs(Label.class).stream().anyMatch(l -> l.isVisible()
                && l.getText() != null && l.getText().contains("Looking at your documents")), "no stale sentence");
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
