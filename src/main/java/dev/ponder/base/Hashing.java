package dev.ponder.base;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Ponder's one SHA-256: of files (streamed, so memory does not grow with the file), of strings and
 * of lists of strings. Every result is 64 lower-case hex digits. The keys stored in the library
 * (document and section hashes, sleep-time step keys, c′ content keys) are made here, so a change
 * here changes them all.
 */
public final class Hashing {

    private static final int BUFFER_BYTES = 64 * 1024;

    private Hashing() {
    }

    /**
     * Hex SHA-256 of the file's bytes, read in 64 KiB blocks.
     *
     * @throws IOException when the file cannot be read
     */
    public static String sha256Hex(Path file) throws IOException {
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
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Hex SHA-256 of the parts, each encoded as UTF-8 and followed by {@code separator}, so that
     * ("ab", "c") and ("a", "bc") differ.
     *
     * @param separator one byte (ASCII) written after every part, one that the parts do not contain
     */
    public static String sha256Hex(char separator, List<String> parts) {
        if (separator > 0x7f) {
            throw new IllegalArgumentException("the separator must be one ASCII byte");
        }
        MessageDigest digest = sha256();
        for (String part : parts) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) separator);
        }
        return HexFormat.of().formatHex(digest.digest());
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
