package dev.ponder.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decides what a file is from its first bytes, never from its name: a file called
 * {@code report.pdf} may hold plain text, and a PDF may have junk before its header.
 */
public final class FileSniffer {

    /**
     * How far into the file the {@code %PDF-} header may sit, in bytes. Acrobat accepts the header
     * anywhere in the first 1024 bytes (PDF 1.7 spec, implementation note 13), and so do we.
     */
    static final int HEADER_WINDOW = 1024;

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    /** What the first bytes say. */
    public sealed interface Kind {
        /** The file has no bytes at all. */
        record Empty() implements Kind {
        }

        /** {@code %PDF-} found at {@code headerOffset} bytes from the start. */
        record Pdf(int headerOffset) implements Kind {
        }

        /** Something else; {@code reason} is one sentence for the user. */
        record NotPdf(String reason) implements Kind {
        }
    }

    /**
     * Reads at most {@value #HEADER_WINDOW} bytes of {@code file}.
     *
     * @throws IOException when the file cannot be read (missing, no permission, a folder)
     */
    public Kind sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER_WINDOW);
        }
        if (head.length == 0) {
            return new Kind.Empty();
        }
        int at = indexOf(head, PDF_MAGIC);
        if (at >= 0) {
            return new Kind.Pdf(at);
        }
        return new Kind.NotPdf(notPdfReason(head));
    }

    private static String notPdfReason(byte[] head) {
        String looksLike = looksLike(head);
        return looksLike == null ? UserMessages.NOT_PDF + "." : UserMessages.NOT_PDF + " (it looks like " + looksLike + ").";
    }

    /** A guess for the user, or null when the bytes say nothing familiar. */
    private static String looksLike(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G') || startsWith(head, 0xFF, 0xD8, 0xFF)
                || startsWith(head, 'G', 'I', 'F', '8') || startsWith(head, 'I', 'I', 0x2A, 0x00)
                || startsWith(head, 'M', 'M', 0x00, 0x2A)) {
            return "an image";
        }
        if (startsWith(head, 'P', 'K', 0x03, 0x04)) {
            return "a ZIP archive or an Office document";
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
            return "an older Office document";
        }
        if (isPlainText(head)) {
            String start = new String(head, StandardCharsets.UTF_8).stripLeading().toLowerCase(Locale.ROOT);
            return start.startsWith("<!doctype html") || start.startsWith("<html") ? "a web page" : "plain text";
        }
        return null;
    }

    /** UTF-8 (a multi-byte character cut at the window's end is fine) with no control bytes but whitespace. */
    static boolean isPlainText(byte[] head) {
        for (byte b : head) {
            if ((b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') || b == 0x7F) {
                return false;
            }
        }
        // ignore up to 3 trailing bytes: the window may cut a multi-byte character in half
        for (int cut = 0; cut <= Math.min(3, head.length - 1); cut++) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(head, 0, head.length - cut));
                return true;
            } catch (CharacterCodingException e) {
                // try with one byte fewer
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
