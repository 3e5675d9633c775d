package dev.ponder.app;

import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.ponder.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Logback's rolling file appender, with the log folder 0700 and each log file 0600 whatever the
 * umask (see {@link PrivateFiles}); the log names documents and folders. Rolled files are renames
 * of the current one and keep its mode. Made by {@link LogSetup}.
 *
 * @param <E> the logged event type
 */
public final class PrivateLogFileAppender<E> extends RollingFileAppender<E> {

    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName).toAbsolutePath();
        if (file.getParent() != null) {
            PrivateFiles.createFolder(file.getParent());
        }
        super.openFile(fileName);
        PrivateFiles.restrict(file);
    }
}
