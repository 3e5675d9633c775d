package dev.ponder.document;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a drag-and-drop carries as text ({@code text/uri-list}, RFC 2483, or a bare
 * {@code file:} URI or path) into file paths. File managers percent-encode names (a space is
 * {@code %20}, {@code #} is {@code %23}, {@code %} is {@code %25}, "é" is {@code %C3%A9}, CJK
 * likewise in UTF-8); some programs send names unencoded, spaces and all. Both are understood.
 */
public final class DroppedPaths {

    private DroppedPaths() {
    }

    /**
     * The local files named in {@code uriList}, in order; lines that are comments ({@code #}),
     * blank, or not local files (e.g. {@code https:}) are skipped.
     */
    public static List<Path> fromUriList(String uriList) {
        List<Path> paths = new ArrayList<>();
        for (String line : uriList.split("\r?\n|\r")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            toPath(entry).ifPresent(paths::add);
        }
        return paths;
    }

    /** One {@code file:} URI (encoded or not) or absolute path as a path; empty when it names no local file. */
    static Optional<Path> toPath(String entry) {
        try {
            if (!entry.regionMatches(true, 0, "file:", 0, 5)) {
                return entry.contains("://") ? Optional.empty() : Optional.of(Path.of(entry));
            }
            String rest = entry.substring(5);
            // file://localhost/p and file:///p are the same local file; file:/p is the short form
            if (rest.toLowerCase(Locale.ROOT).startsWith("//localhost/")) {
                rest = rest.substring("//localhost".length());
            } else if (rest.startsWith("//") && !rest.startsWith("///")) {
                return Optional.empty(); // another host's file
            }
            while (rest.startsWith("//")) {
                rest = rest.substring(1);
            }
            String path = decode(rest);
            if (path.matches("/[A-Za-z]:/.*") && java.io.File.separatorChar == '\\') {
                path = path.substring(1); // file:///C:/x on Windows
            }
            return Optional.of(Path.of(path));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Percent-decodes {@code s} as UTF-8, leaving a {@code %} that does not start a valid escape
     * as it is (an unencoded name like "100%.pdf"). A {@code +} stays a plus: URIs are not forms.
     */
    static String decode(String s) {
        byte[] out = new byte[s.length() * 4];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out[n++] = (byte) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 3;
                continue;
            }
            int cp = s.codePointAt(i);
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(bytes, 0, out, n, bytes.length);
            n += bytes.length;
            i += Character.charCount(cp);
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
