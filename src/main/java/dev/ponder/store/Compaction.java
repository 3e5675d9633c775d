package dev.ponder.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts a library whose file is mostly dead chunks, offline, into a copy that replaces it only
 * after the copy was read whole and holds the same rows.
 *
 * <p>Why offline: the library is written with {@code REUSE_SPACE=FALSE} (see {@link Database#url}),
 * so the file grows by each commit's chunk and old chunks are never written over while the
 * library is open. H2's own compaction moves chunks inside the open file, which is exactly the
 * writing into free space that lost commits after a kill. Here H2's {@code MVStore.compact}
 * copies the live data of the closed file into {@code ponder-compacting.mv.db}; {@link LibraryCheck}
 * reads the copy whole; when its rows match the library's, the copy is renamed over it in one
 * atomic move. A kill at any point leaves the library as it was (the half copy is deleted at the
 * next start).
 */
final class Compaction {

    private static final Logger log = LoggerFactory.getLogger(Compaction.class);
    /** Files smaller than this, in bytes, are left as they are: compacting them saves little. */
    static final long MIN_BYTES = 8L * 1024 * 1024;
    /** Below this share of live chunk data, in percent, a file is compacted. */
    static final int MAX_FILL_RATE = 50;
    static final String WORK_NAME = Database.FILE_NAME + "-compacting";

    private Compaction() {
    }

    /**
     * Compacts {@code mvFile} when it is at least {@value #MIN_BYTES} bytes and less than
     * {@value #MAX_FILL_RATE} % of its chunk data is live. Never throws: a compaction that fails
     * or whose copy does not match leaves the library as it was and is logged.
     *
     * @param base    the H2 database name ({@code dataDir/ponder}), absolute
     * @param mvFile  the library, just checked, not open
     * @param checked what the check read of it
     */
    static void ifSparse(Path base, Path mvFile, LibraryCheck.Checked checked) {
        deleteLeftover(base);
        if (checked.bytes() >= MIN_BYTES && checked.chunksFillRate() < MAX_FILL_RATE) {
            compact(base, mvFile, checked);
        }
    }

    /**
     * Compacts {@code mvFile} whatever its size (see {@link #ifSparse}).
     *
     * @return the compacted file's size in bytes, or empty when the library was left as it was
     */
    static Optional<Long> compact(Path base, Path mvFile, LibraryCheck.Checked checked) {
        long started = System.nanoTime();
        Path workBase = base.resolveSibling(WORK_NAME);
        Path work = workBase.resolveSibling(WORK_NAME + ".mv.db");
        try {
            Files.deleteIfExists(work);
            MVStore.compact(mvFile.toString(), work.toString(), false, null);
            Optional<LibraryCheck.Checked> copy = LibraryCheck.verify(workBase, work);
            if (copy.isEmpty() || !copy.get().rows().equals(checked.rows())) {
                log.warn("The compacted copy of {} does not hold the same rows ({} instead of {}); the library stays as it was",
                        mvFile, copy.map(LibraryCheck.Checked::rows).orElse(null), checked.rows());
                Files.deleteIfExists(work);
                return Optional.empty();
            }
            long size = Files.size(work);
            move(work, mvFile);
            log.info("Compacted {} from {} to {} bytes in {} ms", mvFile, checked.bytes(), size,
                    (System.nanoTime() - started) / 1_000_000);
            return Optional.of(size);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not compact {}; it stays as it was", mvFile, e);
            deleteQuietly(work);
            return Optional.empty();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a copy left by a process killed while compacting; the library itself was not touched. */
    private static void deleteLeftover(Path base) {
        deleteQuietly(base.resolveSibling(WORK_NAME + ".mv.db"));
        deleteQuietly(base.resolveSibling(WORK_NAME + ".trace.db"));
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            log.warn("Could not delete {}", f, e);
        }
    }
}
