package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ponder's log as the application writes it: a file in the data folder's logs, quiet libraries. */
class LogSetupTest {

    @TempDir
    Path logs;

    @Test
    void theApplicationLogsToPonderLogInItsFolderWithoutTheLibrariesChatter() throws Exception {
        String before = System.getProperty("ponder.logdir");
        System.setProperty("ponder.logdir", logs.toString());
        System.setProperty("ponder.log", "file");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());  // as slf4j's provider does
        try {
            LogSetup setup = new LogSetup();
            setup.setContext(context);
            assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, setup.configure(context));
            context.getLogger("dev.ponder.app.Example").info("Startup: {} after {} ms", "window shown", 812);
            context.getLogger("org.apache.pdfbox.pdmodel.font").warn("a harmless cmap warning");
            context.getLogger("dev.ponder.app.Example").debug("not at INFO");
        } finally {
            context.stop();
            System.clearProperty("ponder.log");
            if (before == null) {
                System.clearProperty("ponder.logdir");
            } else {
                System.setProperty("ponder.logdir", before);
            }
        }
        String log = Files.readString(logs.resolve("ponder.log"));
        assertTrue(log.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[[^]]+] dev\\.ponder\\.app\\.Example"
                + " - Startup: window shown after 812 ms\\R"), log);
    }

    /**
     * Before the data folder is known the log goes to a folder of its own in the temporary folder: the
     * appender makes its folder 0700, and making the temporary folder itself 0700 closed {@code /tmp} to
     * every other account (found when a test running as {@code nobody} could no longer reach it).
     */
    @Test
    void withoutALogFolderTheTemporaryFolderKeepsItsPermissions() throws Exception {
        String logdir = System.getProperty("ponder.logdir");
        String tmpdir = System.getProperty("java.io.tmpdir");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> open =
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx");
        Files.setPosixFilePermissions(logs, open);
        System.clearProperty("ponder.logdir");
        System.setProperty("java.io.tmpdir", logs.toString());
        System.setProperty("ponder.log", "file");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            LogSetup setup = new LogSetup();
            setup.setContext(context);
            setup.configure(context);
            context.getLogger("dev.ponder.app.Example").info("before the data folder is known");
        } finally {
            context.stop();
            System.clearProperty("ponder.log");
            System.setProperty("java.io.tmpdir", tmpdir);
            if (logdir != null) {
                System.setProperty("ponder.logdir", logdir);
            }
        }
        assertEquals(open, Files.getPosixFilePermissions(logs), "the temporary folder is left as it was");
        assertTrue(Files.exists(logs.resolve("ponder-logs-" + System.getProperty("user.name")).resolve("ponder.log")));
    }

    @Test
    void theTestsOwnLoggingWinsUnlessTheApplicationsIsAskedFor() {
        System.clearProperty("ponder.log");
        LogSetup setup = new LogSetup();
        LoggerContext context = new LoggerContext();
        setup.setContext(context);
        // logback-test.xml is on the tests' class path
        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, setup.configure(context));
        context.stop();
    }
}
