package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.testing.Corpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A damaged library on the command line: one sentence with the file's path and the backup, exit code 2. */
class DamagedLibraryCliTest {

    @TempDir
    Path dataDir;

    private record Run(int exit, String err) {
    }

    private Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), err.toString());
    }

    @Test
    void aDamagedLibrarySaysItsPathAndTheBackupAndExitsTwoWithoutTouchingIt() throws Exception {
        String pdf = Corpus.sample("us-constitution-bill-of-rights.pdf").toString();
        assertEquals(0, run("import", "--data-dir", dataDir.toString(), pdf).exit());
        // the second start reads the library whole and keeps a copy of it
        assertEquals(0, run("import", "--data-dir", dataDir.toString(), pdf).exit());
        Path file = dataDir.resolve("ponder.mv.db").toAbsolutePath();
        Path backup = dataDir.resolve("ponder.mv.db.last-good.bak").toAbsolutePath();
        byte[] whole = Files.readAllBytes(file);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        Files.write(file, half);

        Run r = run("import", "--data-dir", dataDir.toString(), pdf);

        assertEquals(2, r.exit());
        String sentence = r.err().strip();
        assertEquals(1, sentence.lines().count(), sentence);
        assertTrue(sentence.startsWith("Ponder: The library " + file + " is damaged ("), sentence);
        assertTrue(sentence.contains("the file was left as it is. The newest backup is " + backup + " (from "), sentence);
        assertArrayEquals(half, Files.readAllBytes(file), "the damaged file is left as it was");
        try (var files = Files.list(dataDir)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("ponder.mv.db.damaged")).count(),
                    "the command line only reports; the window asks what to do");
        }
    }
}
