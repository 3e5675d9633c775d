package dev.ponder.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * Ponder's log, set up in code when logback starts (found through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}): {@code ponder.log} in the
 * folder the {@code ponder.logdir} system property names (set before the first logger: the data
 * folder's {@code logs}; else {@code ponder-logs-USER} in the temporary folder), at most 5 MB, with three older files
 * {@code ponder.1.log}…{@code ponder.3.log}, the folder 0700 and the files 0600
 * ({@link PrivateLogFileAppender}); INFO and up, PDFBox, FontBox and DJL only their errors, Flyway its
 * warnings. The user sees sentences, never log lines, nor logback's own status (e.g. "could not create
 * the log file": Ponder says in one sentence what is wrong with its data folder, {@code store.DataFolder}).
 * <p>
 * In code rather than in a {@code logback.xml}: reading the XML took a start about 0.4 s of processor
 * time and 300 classes (logback's Joran and the JDK's XML parser; measured for issue #17). A
 * {@code logback.configurationFile} system property, or the tests' {@code logback-test.xml}, still
 * wins, unless {@code ponder.log=file} asks for this log anyway (the startup benchmark does).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** Largest log file before it rolls over. */
    static final String MAX_FILE_SIZE = "5MB";
    static final String PATTERN = "%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean forced = "file".equals(System.getProperty("ponder.log"));
        boolean otherwise = System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null;
        if (otherwise && !forced) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // before the data folder is known: a folder of our own in the temporary folder, never the temporary folder
        // itself (the appender makes its folder 0700, which would close /tmp to every other account)
        String dir = System.getProperty("ponder.logdir", Path.of(System.getProperty("java.io.tmpdir"),
                "ponder-logs-" + System.getProperty("user.name", "user")).toString());
        NopStatusListener quiet = new NopStatusListener();
        context.getStatusManager().add(quiet);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        PrivateLogFileAppender<ILoggingEvent> file = new PrivateLogFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir + "/ponder.log");
        file.setEncoder(encoder);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir + "/ponder.%i.log");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
        size.setContext(context);
        size.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
        size.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(size);
        file.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        // thousands of harmless cmap / font warnings on some PDFs
        context.getLogger("org.apache.fontbox").setLevel(Level.ERROR);
        context.getLogger("org.apache.pdfbox").setLevel(Level.ERROR);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("ai.djl").setLevel(Level.ERROR);
        // the language detector logs every guess at DEBUG
        context.getLogger("com.optimaize").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
