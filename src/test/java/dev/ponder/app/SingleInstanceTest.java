package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.settings.Settings;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.HoldDatabase;
import dev.ponder.testing.Corpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One window per library: a real second JVM launched with a file hands it to the running Ponder
 * and exits 0; a stale port file never blocks a start.
 */
class SingleInstanceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    @TempDir
    Path docs;

    @Test
    void aSecondLaunchHandsItsFileToTheRunningPonderAndExitsZero() throws Exception {
        Path file = Files.copy(Corpus.sample("float-package-paper.pdf"), docs.resolve("paper.pdf"));
        try (Ponder running = Ponder.open(Settings.defaults(dataDir));
             SingleInstance instance = SingleInstance.listen(dataDir,
                     files -> files.forEach(running.libraryService()::open))) {

            Process second = launch(file);

            assertTrue(second.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the second launch ended");
            assertEquals(0, second.exitValue(), output(second));
            awaitTrue(() -> running.library().findByPath(file).map(DocumentEntry::status)
                    .filter(s -> s == DocumentStatus.READY).isPresent());
            assertEquals(1, running.library().all().size());
        }
        assertFalse(Files.exists(dataDir.resolve(SingleInstance.FILE_NAME)), "the port file goes with the window");
    }

    @Test
    void aLaunchThatFindsTheLibraryInUseWaitsForTheStartingWindowToListen() throws Exception {
        Path file = Files.copy(Corpus.sample("float-package-paper.pdf"), docs.resolve("paper.pdf"));
        List<List<Path>> handed = new CopyOnWriteArrayList<>();
        try (Ponder running = Ponder.open(Settings.defaults(dataDir))) {
            Process second = launch(file);
            // the window is still starting: the library is held, nobody listens yet
            Path log = dataDir.resolve("logs").resolve("ponder.log");
            awaitTrue(() -> Files.exists(log) && read(log).contains("The library is in use; waiting for its window"));
            try (SingleInstance instance = SingleInstance.listen(dataDir, handed::add)) {
                assertTrue(second.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the second launch ended");
                String output = output(second);
                assertEquals(0, second.exitValue(), output);
                assertFalse(output.contains("90020") || output.toLowerCase().contains("in use"), output);
                assertEquals(List.of(List.of(file)), handed);
            }
        }
    }

    @Test
    void aStalePortFileDoesNotBlockAStart() throws Exception {
        int deadPort;
        try (ServerSocket gone = new ServerSocket(0)) {
            deadPort = gone.getLocalPort();
        }
        Files.writeString(dataDir.resolve(SingleInstance.FILE_NAME), deadPort + "\nleft-by-a-crash\n");

        long begin = System.nanoTime();
        assertFalse(SingleInstance.handOff(dataDir, List.of(docs.resolve("x.pdf"))));
        assertTrue(System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(4), "a stale file is seen as stale quickly");

        List<List<Path>> handed = new CopyOnWriteArrayList<>();
        try (SingleInstance instance = SingleInstance.listen(dataDir, handed::add)) {
            assertTrue(instance.port() != deadPort);
            assertTrue(SingleInstance.handOff(dataDir, List.of(docs.resolve("x.pdf"))));
            assertEquals(List.of(List.of(docs.resolve("x.pdf"))), handed);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dataDir.resolve(SingleInstance.FILE_NAME));
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), permissions);
        }
    }

    @Test
    void aLaunchWithoutTheTokenIsNotHandedAnything() throws Exception {
        List<List<Path>> handed = new CopyOnWriteArrayList<>();
        try (SingleInstance instance = SingleInstance.listen(dataDir, handed::add)) {
            Path forged = Files.createDirectories(docs.resolve("forged"));
            Files.writeString(forged.resolve(SingleInstance.FILE_NAME), instance.port() + "\nguessed-token\n");

            assertFalse(SingleInstance.handOff(forged, List.of(docs.resolve("evil.pdf"))));
            assertTrue(SingleInstance.handOff(dataDir, List.of(docs.resolve("good.pdf"))), "still listening");
            assertEquals(List.of(List.of(docs.resolve("good.pdf"))), handed);
        }
    }

    @Test
    void aCommandLineImportWhileTheWindowHoldsTheLibrarySaysSoInOneSentence() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldDatabase.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("open", out.readLine());
            Path file = Files.copy(Corpus.sample("float-package-paper.pdf"), docs.resolve("paper.pdf"),
                    StandardCopyOption.REPLACE_EXISTING);
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cli = Main.commandLine();
            cli.setErr(new java.io.PrintWriter(err, true));
            int exit = cli.execute("import", "--data-dir", dataDir.toString(), file.toString());
            assertEquals(2, exit);
            String said = err.toString().strip();
            assertTrue(said.startsWith("Ponder: The library ") && said.contains("is open in another Ponder window"), said);
            assertEquals(1, said.lines().count(), said);
            assertFalse(said.contains("90020") || said.contains("Exception"), said);
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process launch(Path file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the product's logging (to the data folder), not the tests' console logging
        return new ProcessBuilder(java, "-Dponder.log=file",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-dir", dataDir.toString(), file.toString())
                .redirectErrorStream(true).redirectOutput(docs.resolve("second-launch.log").toFile()).start();
    }

    private String output(Process p) throws IOException {
        return Files.readString(docs.resolve("second-launch.log"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
