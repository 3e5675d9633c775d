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
