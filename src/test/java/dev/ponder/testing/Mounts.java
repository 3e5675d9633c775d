package dev.ponder.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real file systems with real faults for storage tests: a small {@code tmpfs} that fills up, and
 * a read-only bind mount of a folder. Both need root (CI runs as root; so does this project's
 * development machine); elsewhere {@link #available()} is false and the tests say so when skipped.
 */
public final class Mounts {

    private Mounts() {
    }

    /** A mounted file system, unmounted on close. */
    public record Mount(Path at) implements AutoCloseable {
        @Override
        public void close() {
            run(List.of("umount", "-l", at.toString()));
        }
    }

    /** Whether this process may mount (it is root and {@code mount} works here). */
    public static boolean available() {
        try {
            Path probe = Files.createTempDirectory("ponder-mount-probe");
            boolean ok = run(List.of("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.toString()));
            if (ok) {
                run(List.of("umount", probe.toString()));
            }
            Files.deleteIfExists(probe);
            return ok;
        } catch (IOException e) {
            return false;
        }
    }

    /** Mounts a tmpfs of {@code size} (as mount's {@code size=}, e.g. "4m") on {@code at}, created if missing. */
    public static Mount tmpfs(Path at, String size) throws IOException {
        Files.createDirectories(at);
        if (!run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString()))) {
            throw new IOException("could not mount a tmpfs on " + at);
        }
        return new Mount(at);
    }

    /** Mounts {@code folder} read-only on {@code at}, created if missing. */
    public static Mount readOnly(Path folder, Path at) throws IOException {
        Files.createDirectories(at);
        if (!run(List.of("mount", "--bind", "-o", "ro", folder.toString(), at.toString()))) {
            throw new IOException("could not mount " + folder + " read-only on " + at);
        }
        return new Mount(at);
    }

    /** Fills the disk holding {@code folder} with a file {@code filler}, until it is full. */
    public static Path fill(Path folder) throws IOException {
        Path filler = folder.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return filler;
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
