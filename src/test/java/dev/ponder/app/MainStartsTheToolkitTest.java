package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Main#opensTheWindow}: Main starts JavaFX before picocli reads the command line only when
 * the arguments open the window (issue #17), never for a command that prints and exits.
 */
class MainStartsTheToolkitTest {

    @Test
    void everyCommandAndTheHelpAndVersionOptionsDoNotStartTheToolkit() {
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            assertFalse(Main.opensTheWindow(new String[] {command, "--data-dir", "/tmp/x"}), command);
            assertFalse(Main.opensTheWindow(new String[] {"--data-dir", "/tmp/x", command}), command);
        }
        for (String option : new String[] {"--help", "-h", "--version", "-V"}) {
            assertFalse(Main.opensTheWindow(new String[] {option}), option);
        }
    }

    @Test
    void optionsAndFilesAloneOpenTheWindow() {
        assertTrue(Main.opensTheWindow(new String[] {}));
        assertTrue(Main.opensTheWindow(new String[] {"--data-dir", "/tmp/x", "--ollama-url", "http://127.0.0.1:9",
                "--smoke-test", "report.pdf"}));
    }
}
