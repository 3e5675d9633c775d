package dev.ponder.ui;

import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a file in the program the system uses for it (the PDF viewer), for "Open in system viewer". */
@FunctionalInterface
interface SystemViewer {

    /**
     * Opens {@code file}; may block while the system starts the program, so call it off the UI thread.
     *
     * @throws IOException when the system has no program for it or could not start one
     * @throws UnsupportedOperationException when this system cannot open files for Ponder
     */
    void open(Path file) throws IOException;

    /** {@link Desktop#open}: the desktop's default program for the file's type. */
    SystemViewer DESKTOP = file -> {
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            throw new UnsupportedOperationException("This system cannot open files for Ponder");
        }
        Desktop.getDesktop().open(file.toFile());
    };
}
