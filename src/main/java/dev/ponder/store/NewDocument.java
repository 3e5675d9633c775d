package dev.ponder.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What an import knows about a file before it is stored.
 *
 * @param sha256   hex SHA-256 of the bytes, empty if the file could not be read
 * @param fileName name shown to the user
 * @param path     where it came from
 * @param byteSize size in bytes
 */
public record NewDocument(Optional<String> sha256, String fileName, Path path, long byteSize) {
}
