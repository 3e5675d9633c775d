package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Odd file names arriving as drag-and-drop URIs (text/uri-list) name the real files. */
class DroppedPathsTest {

    private static final List<String> NAMES = List.of("my report (1).pdf", "invoice #7.pdf", "100% done.pdf",
            "résumé été.pdf", "報告書 2024.pdf", "a+b;c=d&e.pdf");

    @TempDir
    Path dir;

    private List<Path> files() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String name : NAMES) {
            files.add(Files.writeString(dir.resolve(name), "%PDF-1.4\n"));
        }
        return files;
    }

    /** Percent-encodes every byte that is not unreserved, as GNOME and KDE file managers do. */
    private static String fileManagerUri(Path file) {
        StringBuilder uri = new StringBuilder("file://");
        for (byte b : file.toString().getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/-._~".indexOf(c) >= 0) {
                uri.append(c);
            } else {
                uri.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return uri.toString();
    }

    @Test
    void encodedUrisFromAFileManagerNameTheFiles() throws Exception {
        List<Path> files = files();
        String uriList = "# dropped from Files\r\n" + String.join("\r\n", files.stream().map(DroppedPathsTest::fileManagerUri).toList()) + "\r\n";

        List<Path> paths = DroppedPaths.fromUriList(uriList);

        assertEquals(files, paths);
        assertTrue(paths.stream().allMatch(Files::isRegularFile));
    }

    @Test
    void javasOwnUrisAndLocalhostUrisNameTheFiles() throws Exception {
        List<Path> files = files();
        for (Path file : files) {
            assertEquals(List.of(file), DroppedPaths.fromUriList(file.toUri().toString()), file.toUri().toString());
            assertEquals(List.of(file), DroppedPaths.fromUriList(fileManagerUri(file).replace("file://", "file://localhost")));
        }
    }

    @Test
    void unencodedUrisAndPlainPathsAreTakenAsWritten() throws Exception {
        List<Path> files = files();
        for (Path file : files) {
            assertEquals(List.of(file), DroppedPaths.fromUriList("file://" + file), file.toString());
            assertEquals(List.of(file), DroppedPaths.fromUriList(file.toString()));
        }
    }

    @Test
    void webLinksAndOtherHostsAreNotFiles() {
        assertEquals(List.of(), DroppedPaths.fromUriList("https://example.com/a.pdf\nfile://server/share/a.pdf\n\n# note"));
    }
}
