package dev.ponder.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The library's files in the data directory: {@code ponder.mv.db}, its backups
 * ({@code ponder.mv.db.before-vN.bak}, written before a schema migration) and damaged files set
 * aside ({@code ponder.mv.db.damaged-yyyyMMdd-HHmmss}). A damaged file is only ever renamed, never
 * deleted or written to.
 */
public final class LibraryFiles {

    static final String DATABASE = Database.FILE_NAME + ".mv.db";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private LibraryFiles() {
    }

    /** {@code dataDir/ponder.mv.db}, absolute. */
    public static Path databaseFile(Path dataDir) {
        return dataDir.resolve(DATABASE).toAbsolutePath();
    }

    /**
     * The most recently written backup of the library in {@code dataDir}
     * ({@code ponder.mv.db.*.bak}, by last-modified time), if there is one.
     */
    public static Optional<Path> newestBackup(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(DATABASE + ".")
                            && f.getFileName().toString().endsWith(".bak") && Files.isRegularFile(f))
                    .max(Comparator.comparing(LibraryFiles::modified))
                    .map(Path::toAbsolutePath);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Renames the damaged library aside so a new one can be started, keeping every byte of it.
     *
     * @return where the damaged file now is ({@code ponder.mv.db.damaged-yyyyMMdd-HHmmss})
     * @throws StoreException with a sentence when the file cannot be renamed
     */
    public static Path setAsideDamaged(Path dataDir) {
        return setAsideDamaged(dataDir, asideName(dataDir));
    }

    /** A name not yet taken for setting the damaged library aside: {@code ponder.mv.db.damaged-yyyyMMdd-HHmmss}. */
    public static Path asideName(Path dataDir) {
        Path file = databaseFile(dataDir);
        String stamp = LocalDateTime.now().format(STAMP);
        Path kept = file.resolveSibling(DATABASE + ".damaged-" + stamp);
        for (int n = 2; Files.exists(kept); n++) {
            kept = file.resolveSibling(DATABASE + ".damaged-" + stamp + "-" + n);
        }
        return kept;
    }

    /**
     * Renames the damaged library to {@code kept} (see {@link #asideName}), keeping every byte of it.
     *
     * @return {@code kept}
     * @throws StoreException with a sentence when the file cannot be renamed
     */
    public static Path setAsideDamaged(Path dataDir, Path kept) {
        Path file = databaseFile(dataDir);
        try {
            Files.move(file, kept);
            // H2's trace file describes the damaged file; it would confuse the next one
            Path trace = file.resolveSibling(Database.FILE_NAME + ".trace.db");
            if (Files.exists(trace)) {
                Files.move(trace, kept.resolveSibling(kept.getFileName() + ".trace.db"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            return kept;
        } catch (IOException e) {
            throw new StoreException("Ponder could not move the damaged library " + file + " aside (" + e.getMessage()
                    + "); move it yourself, then start Ponder again.", e);
        }
    }

    /**
     * Sets the damaged library aside and puts a copy of {@code backup} in its place (the backup
     * itself stays). The next {@link Database#open} migrates the copy if it is from an older Ponder.
     *
     * @return where the damaged file now is
     * @throws StoreException with a sentence when a file cannot be moved or copied
     */
    public static Path useBackup(Path dataDir, Path backup) {
        return useBackup(dataDir, backup, asideName(dataDir));
    }

    /** As {@link #useBackup(Path, Path)}, keeping the damaged file as {@code kept}. */
    public static Path useBackup(Path dataDir, Path backup, Path kept) {
        if (Files.exists(databaseFile(dataDir))) {
            setAsideDamaged(dataDir, kept);
        }
        try {
            copyAtomically(backup, databaseFile(dataDir));
        } catch (IOException e) {
            throw new StoreException("Ponder could not copy the backup " + backup + " into place (" + e.getMessage()
                    + "); copy it to " + databaseFile(dataDir) + " yourself.", e);
        }
        return kept;
    }

    /**
     * Copies {@code from} to a temporary file beside {@code to}, then renames it to {@code to}, so
     * a process killed in the middle never leaves a half-written {@code to}.
     */
    static void copyAtomically(Path from, Path to) throws IOException {
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        try {
            Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
