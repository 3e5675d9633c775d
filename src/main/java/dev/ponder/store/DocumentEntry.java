package dev.ponder.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A document in the library.
 *
 * @param id        database key
 * @param sha256    hex SHA-256 of the file's bytes, empty when the file could not be read
 * @param fileName  name shown to the user
 * @param path      where the file was opened from
 * @param byteSize  file size in bytes
 * @param pages     page count (0 until imported)
 * @param chars     extracted characters
 * @param sections  number of stored sections
 * @param status    import status
 * @param message   warning (when READY) or reason (otherwise), one sentence; empty when none
 * @param importedAt when it was added
 * @param missingSince when the file was found gone from {@code path} (deleted, moved, its drive
 *                     unplugged); empty while it is there. The stored content stays answerable.
 */
public record DocumentEntry(
        long id,
        Optional<String> sha256,
        String fileName,
        Path path,
        long byteSize,
        int pages,
        long chars,
        int sections,
        DocumentStatus status,
        Optional<String> message,
        Instant importedAt,
        Optional<Instant> missingSince) {

    /** A document whose file is where it was opened from. */
    public DocumentEntry(long id, Optional<String> sha256, String fileName, Path path, long byteSize, int pages,
            long chars, int sections, DocumentStatus status, Optional<String> message, Instant importedAt) {
        this(id, sha256, fileName, path, byteSize, pages, chars, sections, status, message, importedAt,
                Optional.empty());
    }

    /** True when the file was found gone from {@link #path()}. */
    public boolean missing() {
        return missingSince.isPresent();
    }
}
