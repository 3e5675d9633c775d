package dev.ponder.document;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a PDF's last cross-reference section against the file. PDFBox rebuilds a broken
 * table by scanning the file and says nothing (like it does for truncated files), so this is how
 * Ponder knows to warn that the file was damaged and repaired.
 *
 * <p>The check: the {@code startxref} offset at the end of the file must point at {@code xref} (a
 * table) or at an object (a cross-reference stream, whose compressed entries are not checked);
 * for a table, every in-use entry (at most {@value #MAX_ENTRIES}) must point at
 * {@code N G obj} with the entry's object number. Offsets may all be shifted by the number of
 * junk bytes before {@code %PDF-}: such a file is read as if the junk were not there, which is
 * what viewers do, and is not called broken.
 */
final class XrefCheck {

    static final int MAX_ENTRIES = 2000;
    private static final int TAIL_BYTES = 2048;
    private static final int TABLE_BYTES = 64 * 1024;
    private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d{1,15})");
    private static final Pattern OBJECT_HEADER = Pattern.compile("^\\s*(\\d{1,10})\\s+(\\d{1,5})\\s+obj");
    private static final Pattern TABLE_TOKEN = Pattern.compile(
            "(\\d{1,10})\\s+(\\d{1,10})\\s+([nf])\\b|(\\d{1,10})\\s+(\\d{1,10})\\s*[\\r\\n]|trailer");

    private XrefCheck() {
    }

    /**
     * True when the last cross-reference section does not describe the file.
     *
     * @param headerOffset bytes of junk before {@code %PDF-}
     * @throws IOException when the file cannot be read
     */
    static boolean isBroken(Path file, int headerOffset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            String tail = read(raf, Math.max(0, length - TAIL_BYTES), TAIL_BYTES);
            Matcher m = STARTXREF.matcher(tail);
            long offset = -1;
            while (m.find()) {
                offset = Long.parseLong(m.group(1));
            }
            if (offset < 0) {
                return true;
            }
            for (int shift : headerOffset == 0 ? new int[] {0} : new int[] {0, headerOffset}) {
                if (sectionFits(raf, length, offset + shift, shift)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean sectionFits(RandomAccessFile raf, long length, long at, int shift) throws IOException {
        if (at < 0 || at >= length) {
            return false;
        }
        String start = read(raf, at, 64);
        if (OBJECT_HEADER.matcher(start).find()) {
            return true; // a cross-reference stream
        }
        if (!start.stripLeading().startsWith("xref")) {
            return false;
        }
        String table = read(raf, at + start.indexOf("xref") + 4, TABLE_BYTES);
        Matcher t = TABLE_TOKEN.matcher(table);
        long objectNumber = -1;
        int checked = 0;
        while (t.find() && checked < MAX_ENTRIES) {
            if (t.group().equals("trailer")) {
                break;
            }
            if (t.group(4) != null) {
                objectNumber = Long.parseLong(t.group(4)); // a subsection: first object number, count
                continue;
            }
            if (objectNumber < 0) {
                return false;
            }
            long number = objectNumber++;
            if (t.group(3).equals("n")) {
                checked++;
                if (!objectAt(raf, length, Long.parseLong(t.group(1)) + shift, number)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean objectAt(RandomAccessFile raf, long length, long at, long number) throws IOException {
        if (at < 0 || at >= length) {
            return false;
        }
        Matcher m = OBJECT_HEADER.matcher(read(raf, at, 32));
        return m.find() && Long.parseLong(m.group(1)) == number;
    }

    private static String read(RandomAccessFile raf, long at, int max) throws IOException {
        int n = (int) Math.min(max, raf.length() - at);
        byte[] bytes = new byte[n];
        raf.seek(at);
        raf.readFully(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
