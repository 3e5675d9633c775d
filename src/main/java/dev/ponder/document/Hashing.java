package dev.ponder.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files (streamed, so memory does not grow with the file) and of strings. */
final class Hashing {

    private static final int BUFFER_BYTES = 64 * 1024;

    private Hashing() {
    }

    /**
     * Hex SHA-256 of the file's bytes, read in 64 KiB blocks.
     *
     * @throws IOException when the file cannot be read
     */
    static String sha256Hex(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Hex SHA-256 of {@code text} encoded as UTF-8. */
    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256 (MessageDigest javadoc)
            throw new IllegalStateException(e);
        }
    }
}
