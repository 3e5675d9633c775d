package dev.ponder.document;

import dev.ponder.base.Hashing;
import dev.ponder.store.NewDocument;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an import learns about a file before reading it as a PDF.
 *
 * @param path     absolute path
 * @param byteSize size in bytes
 * @param kind     what its first bytes say
 * @param sha256   hex SHA-256 of its bytes
 * @param modifiedMs its last-modified time before it was hashed, ms since the epoch
 */
record FileFacts(Path path, long byteSize, FileSniffer.Kind kind, String sha256, long modifiedMs) {

    /**
     * Sizes, sniffs and hashes {@code file} (streamed: memory does not grow with the file).
     *
     * @throws IOException when the file cannot be read
     */
    static FileFacts read(Path file, FileSniffer sniffer) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        long modified = Files.getLastModifiedTime(file).toMillis();
        long size = Files.size(file);
        FileSniffer.Kind kind = sniffer.sniff(file);
        return new FileFacts(file, size, kind, Hashing.sha256Hex(file), modified);
    }

    /** The row to add for this file. */
    NewDocument toNewDocument() {
        return new NewDocument(Optional.of(sha256), fileName(path), path, byteSize);
    }

    /** The row to add for a file that could not be read at all. */
    static NewDocument unknown(Path file) {
        return new NewDocument(Optional.empty(), fileName(file), file, 0);
    }

    /** One sentence for the user on why {@code file} could not be read. */
    static String whyUnreadable(Path file, IOException e) {
        String why;
        if (e instanceof NoSuchFileException) {
            why = "the file was not found (it may have been moved or deleted)";
        } else if (e instanceof AccessDeniedException) {
            why = "you do not have permission to open it";
        } else if (Files.isDirectory(file)) {
            why = "it is a folder, not a file";
        } else {
            why = "the file could not be opened";
        }
        return UserMessages.cannotRead(fileName(file), why);
    }

    static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
