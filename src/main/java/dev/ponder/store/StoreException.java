package dev.ponder.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The library could not be opened, read or written. The message is a sentence for the user; the
 * cause (usually an {@link java.sql.SQLException}) holds the detail for the log.
 */
public class StoreException extends RuntimeException {

    /**
     * @param message the sentence; when {@code cause} is a full disk or a read-only library, the
     *                fault is named after it ({@link StorageFault})
     */
    public StoreException(String message, Throwable cause) {
        super(StorageFault.explain(message, cause), cause);
    }

    /** The database file is held by another running Ponder (H2 error 90020). */
    public static final class InUse extends StoreException {
        public InUse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The library was written by a newer Ponder (its schema has migrations this version does not
     * know). It is never opened for writing.
     */
    public static final class TooNew extends StoreException {
        private final Path file;

        public TooNew(String message, Path file) {
            super(message, null);
            this.file = file;
        }

        /** The library, {@code ponder.mv.db}, absolute. */
        public Path file() {
            return file;
        }
    }

    /**
     * The data folder cannot be created, read or written; the message names the cause
     * ("permission denied", a link to a folder that does not exist, a file in its place).
     */
    public static final class FolderUnusable extends StoreException {
        public FolderUnusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The database file exists but cannot be read whole: it is truncated, has damaged pages, or H2
     * could only find an older version of it. The file is left exactly as it was; {@link LibraryFiles}
     * sets it aside and, when there is one, puts the newest backup in its place.
     */
    public static final class Damaged extends StoreException {
        private final String problem;
        private final Path file;
        private final transient Optional<Path> backup;

        /**
         * @param problem what is wrong, with the file's path, without what to do about it
         * @param message {@code problem} and what the person can do (the command line prints it)
         */
        public Damaged(String problem, String message, Path file, Optional<Path> backup, Throwable cause) {
            super(message, cause);
            this.problem = problem;
            this.file = file;
            this.backup = backup;
        }

        /** What is wrong, with the file's path ("The library … is damaged (it is empty); …"). */
        public String problem() {
            return problem;
        }

        /** The damaged {@code ponder.mv.db}, absolute. */
        public Path file() {
            return file;
        }

        /** The newest backup beside it ({@code ponder.mv.db.*.bak}), if any. */
        public Optional<Path> backup() {
            return backup;
        }
    }
}
