package dev.ponder.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the storage fault behind a failed read or write of the library, for the sentence the user
 * reads: the disk is full (with how much is free), or the library is read-only (and why).
 *
 * <p>H2 reports a full disk as an {@code MVStoreException} "Writing to … failed" whose cause is the
 * {@code IOException} "No space left on device", and a library it opened read-only (a file the
 * account may not write, a read-only disk) as error 90097 "The database is read only".
 */
final class StorageFault {

    /** The data folder of the library this process opened last, for the free space on its disk. */
    private static volatile Path dataDir;
    /**
     * Data folders whose store stopped after a failed write, with that failure. H2 closes an MVStore
     * whose write failed; asking it for a connection afterwards runs a rollback on the closed store,
     * which spins for ever in {@code MVStore.registerVersionUsage} (an {@code AssertionError} with
     * {@code -ea}), so nothing may ask again until the library is opened anew.
     */
    private static final java.util.Map<Path, Throwable> STOPPED = new java.util.concurrent.ConcurrentHashMap<>();

    private StorageFault() {
    }

    static void watch(Path folder) {
        dataDir = folder.toAbsolutePath();
        STOPPED.remove(dataDir);
    }

    /** Notes {@code cause} when it is the failed write of the store in the folder watched last. */
    static void noteFailure(Throwable cause) {
        Path folder = dataDir;
        if (folder != null && storeWriteFailed(cause)) {
            STOPPED.putIfAbsent(folder, cause);
        }
    }

    /** The failed write that stopped the store in {@code folder}; empty while it runs. */
    static Optional<Throwable> stopped(Path folder) {
        return Optional.ofNullable(STOPPED.get(folder.toAbsolutePath()));
    }

    /** Whether {@code cause}'s chain holds H2's "Writing to … failed" (MVStore error 2). */
    private static boolean storeWriteFailed(Throwable cause) {
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof org.h2.mvstore.MVStoreException mv && mv.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_WRITING_FAILED) {
                return true;
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("MVStoreException: Writing to") && m.contains("failed")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code sentence} with the fault named after it and what to do ("Ponder could not save the
     * answer: the disk holding your library is full (12 KB free). Free some space on it, then
     * {reopen}."), or {@code sentence} as it is when the cause is no storage fault. What to do holds
     * an {@link dev.ponder.settings.Advice} mark: after a failed write H2 closed the library for this
     * run ({@link #stopped}), so the library must be opened anew ({@code Advice.REOPEN}); a full disk
     * met before any write failed (a read) needs only the same thing done again.
     */
    static String explain(String sentence, Throwable cause) {
        noteFailure(cause);
        return reason(cause).map(r -> strip(sentence) + ": " + r + "." + advice(r)).orElse(sentence);
    }

    private static String advice(String reason) {
        if (!reason.startsWith(FULL)) {
            return "";
        }
        Path folder = dataDir;
        boolean stopped = folder != null && stopped(folder).isPresent();
        return " Free some space on it, then " + (stopped ? dev.ponder.settings.Advice.REOPEN : dev.ponder.settings.Advice.AGAIN) + ".";
    }

    private static final String FULL = "the disk holding your library is full";

    /** The storage fault in {@code cause}'s chain, as the end of a sentence; empty if there is none. */
    static Optional<String> reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no space left on device") || m.contains("disk full") || m.contains("not enough space")) {
                return Optional.of(FULL + " (" + free() + " free)");
            }
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == org.h2.api.ErrorCode.DATABASE_IS_READ_ONLY
                    || m.contains("read-only file system")) {
                return Optional.of("the library is read-only (" + readOnlyWhy() + ")");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Why the library in {@code folder} cannot be written, as the end of a sentence; empty when it
     * can be (as far as the file system says).
     */
    static Optional<String> readOnly(Path folder) {
        Path file = LibraryFiles.databaseFile(folder);
        Path probe = Files.exists(file) ? file : folder;
        if (Files.isWritable(probe)) {
            return Optional.empty();
        }
        if (Files.isRegularFile(probe)) {
            // opened for writing, not written: the error tells a read-only disk from a denied account
            try (var channel = java.nio.channels.FileChannel.open(probe, java.nio.file.StandardOpenOption.WRITE)) {
                return Optional.empty();
            } catch (java.nio.file.AccessDeniedException e) {
                return Optional.of("your account may not write to " + probe);
            } catch (java.nio.file.FileSystemException e) {
                if (String.valueOf(e.getReason()).toLowerCase(Locale.ROOT).contains("read-only")) {
                    return Optional.of("the disk it is on is mounted read-only");
                }
                return Optional.of(String.valueOf(e.getReason()).toLowerCase(Locale.ROOT));
            } catch (IOException e) {
                return Optional.of("it cannot be written");
            }
        }
        return Optional.of("your account may not write to the folder " + folder);
    }

    private static String readOnlyWhy() {
        Path folder = dataDir;
        return folder == null ? "it cannot be written" : readOnly(folder).orElse("it cannot be written");
    }

    private static String free() {
        Path folder = dataDir;
        if (folder == null) {
            return "almost nothing";
        }
        try {
            return bytes(Files.getFileStore(folder).getUsableSpace());
        } catch (IOException e) {
            return "almost nothing";
        }
    }

    /** {@code n} bytes as people read them: "512 bytes", "12 KB", "3.4 MB", "1.2 GB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + (n == 1 ? " byte" : " bytes");
        }
        if (n < 1024 * 1024) {
            return n / 1024 + " KB";
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GB", n / (1024.0 * 1024 * 1024));
    }

    private static String strip(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }
}
