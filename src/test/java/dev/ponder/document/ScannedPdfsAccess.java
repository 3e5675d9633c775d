package dev.ponder.document;

import java.io.IOException;
import java.nio.file.Path;

/** {@link ScannedPdfs} for tests outside this package. */
public final class ScannedPdfsAccess {

    private ScannedPdfsAccess() {
    }

    /** {@code pages} plain scans of a memo, no text layer. */
    public static Path manyScans(Path file, int pages) throws IOException {
        return ScannedPdfs.manyScans(file, pages);
    }

    /** {@code pages} full pages of typed running text (a report's scan), no text layer. */
    public static Path fullPages(Path file, int pages) throws IOException {
        return ScannedPdfs.fullPages(file, pages);
    }
}
