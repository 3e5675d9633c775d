package dev.ponder.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps what Ponder stores readable by the user's account only: the data folder and its
 * {@code logs} folder 0700, the library, its backups and its logs 0600, whatever the umask.
 *
 * <p>On file systems without POSIX permissions (Windows, FAT) nothing is changed: there the data
 * folder lies in the user's own profile ({@code %APPDATA%}), which other accounts cannot
 * read. On macOS the POSIX modes apply as on Linux (and {@code ~/Library} is private anyway).
 */
public final class PrivateFiles {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates {@code dir} (and missing parents) when it does not exist, and makes it 0700.
     *
     * @throws IOException as {@link Files#createDirectories} does
     */
    public static void createFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        if (posix()) {
            Files.setPosixFilePermissions(dir, FOLDER);
        }
    }

    /** Makes the existing folder {@code dir} 0700 when it can; a failure is ignored (read-only disk, another owner). */
    public static void tighten(Path dir) {
        if (posix()) {
            try {
                Files.setPosixFilePermissions(dir, FOLDER);
            } catch (IOException | UnsupportedOperationException e) {
                // left as it is
            }
        }
    }

    /** Makes {@code file} 0600 when it exists; a failure is ignored (the folder is 0700 anyway). */
    public static void restrict(Path file) {
        if (!posix() || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, FILE);
        } catch (NoSuchFileException e) {
            // gone meanwhile
        } catch (IOException | UnsupportedOperationException e) {
            // not ours to change (another account's file); the 0700 folder keeps it private
        }
    }
}
