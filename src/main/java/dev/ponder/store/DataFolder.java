package dev.ponder.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Makes sure the data folder can hold the library, or says in one sentence why it cannot: it is a
 * link to something that does not exist, a file stands in its place, or the account may not
 * create, read or write it ("permission denied"). A folder Ponder creates is private (0700, see
 * {@link PrivateFiles}).
 */
public final class DataFolder {

    private DataFolder() {
    }

    /**
     * Creates {@code dataDir} (0700) when missing and checks that it can be read and listed.
     *
     * @throws StoreException.FolderUnusable with the sentence naming the cause
     */
    public static void prepare(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
            throw unusable(dir, "it is a link to " + target(dir) + ", which does not exist", null);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw unusable(dir, "a file with that name is in its place", null);
        }
        try {
            boolean existed = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(dir);
            if (existed) {
                try (var list = Files.list(dir)) {
                    list.findFirst();
                }
                if (Files.exists(LibraryFiles.databaseFile(dir))) {
                    // a library folder an older Ponder made 0755: private from now on (never any other
                    // folder); on a read-only disk it stays as it is
                    PrivateFiles.tighten(dir);
                }
            } else {
                PrivateFiles.createFolder(dir);
            }
        } catch (AccessDeniedException e) {
            throw unusable(dir, "permission denied" + deniedAt(e, dir) + ". Give your account permission to read and "
                    + "write that folder, then " + dev.ponder.settings.Advice.START_AGAIN, e);
        } catch (IOException e) {
            throw unusable(dir, reason(e), e);
        }
    }

    private static String deniedAt(AccessDeniedException e, Path dir) {
        return e.getFile() == null || Path.of(e.getFile()).equals(dir) ? "" : " on " + e.getFile();
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").replace(" Exception", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a place";
        }
    }

    private static StoreException.FolderUnusable unusable(Path dir, String why, Throwable cause) {
        return new StoreException.FolderUnusable("Ponder cannot use its data folder " + dir + ": " + why + ".", cause);
    }
}
