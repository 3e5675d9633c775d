package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.Database;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.testing.OllamaTestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17: a start shows the library's documents as soon as the library check has read them, and
 * the window is usable before the library is open; the check and the opening finish after it. A start
 * as the desktop makes it ({@link StartupProbe} runs {@link DesktopLauncher} in a JVM of its own, with a
 * real window: Monocle's without a display), on a real library file.
 */
class WindowBeforeLibraryTest {

    @TempDir
    Path dataDir;

    @Test
    void theWindowListsTheDocumentsAndIsUsableBeforeTheLibraryIsOpenWhichOpensAfter() throws Exception {
        try (Database db = Database.open(dataDir)) {
            LibraryRepository library = new LibraryRepository(db);
            library.add(new NewDocument(Optional.of("ab".repeat(32)), "a.pdf", dataDir.resolve("a.pdf"), 10),
                    DocumentStatus.FAILED, Optional.of("It could not be read."));
            library.add(new NewDocument(Optional.of("cd".repeat(32)), "b.pdf", dataDir.resolve("b.pdf"), 10),
                    DocumentStatus.FAILED, Optional.of("It could not be read."));
        }
        List<String> out = new ArrayList<>();
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            Process probe = new ProcessBuilder(StartupBenchmark.probeCommand(StartupProbe.class, List.of(), dataDir, ollama,
                    2, List.of())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(out::add);
            }
            assertTrue(probe.waitFor(2, TimeUnit.MINUTES), "the start ended");
            assertEquals(0, probe.exitValue(), String.join("\n", out));
        }
        String usable = out.stream().filter(l -> l.startsWith("USABLE 2 ")).findFirst().orElseThrow(
                () -> new AssertionError("the window became usable with both documents listed: " + out));
        assertTrue(usable.endsWith("libraryOpened=false"), "usable before the library was open: " + usable);
        String log;
        try (var logs = Files.list(dataDir.resolve("logs"))) {
            log = logs.filter(f -> f.toString().endsWith(".log")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
        }
        int listed = log.indexOf("Startup: library listed");
        int shown = log.indexOf("Startup: library shown");
        int opened = log.indexOf("Startup: library opened");
        assertTrue(listed >= 0 && shown > listed && opened > shown,
                "listed, shown, then opened: " + listed + ", " + shown + ", " + opened);
    }
}
