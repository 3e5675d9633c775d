package dev.ponder.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class of the store in a child JVM under the unprivileged {@code nobody} account (uid and
 * gid 65534, no groups, by {@code setpriv}), for faults root never meets ("permission denied"). The
 * classes it needs (Ponder's, H2, Flyway, SLF4J, Logback, Jackson) are copied to a folder that
 * account can read: the build's own folders may be under a home it cannot enter.
 */
final class AnotherAccount {

    private static final List<Class<?>> LIBRARIES = List.of(org.h2.Driver.class, org.flywaydb.core.Flyway.class,
            org.slf4j.Logger.class, ch.qos.logback.classic.Logger.class, ch.qos.logback.core.Appender.class,
            com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
            com.fasterxml.jackson.annotation.JsonProperty.class);

    private final List<Path> classPath;
    private final Path workDir;

    private AnotherAccount(List<Path> classPath, Path workDir) {
        this.classPath = classPath;
        this.workDir = workDir;
    }

    /** Whether this process is root and {@code setpriv} runs a command as nobody here. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Copies the classes into {@code into} (readable by every account). */
    static AnotherAccount prepare(Path into) throws IOException {
        List<Path> copied = new ArrayList<>();
        List<Path> sources = new ArrayList<>(List.of(location(Database.class), location(AnotherAccount.class)));
        for (Class<?> c : LIBRARIES) {
            sources.add(location(c));
        }
        int n = 0;
        for (Path source : sources) {
            Path target = into.resolve(n++ + "-" + source.getFileName());
            copy(source, target);
            copied.add(target);
        }
        openToAll(into);
        return new AnotherAccount(copied, into);
    }

    /** Runs {@code main} with {@code args} as nobody; its standard output's lines. */
    List<String> run(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Duser.home=" + workDir, "-cp",
                String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()), main.getName()));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("another-account", ".err");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(errors.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child did not end in 60 s: " + out);
        }
        String err = Files.readString(errors);
        Files.delete(errors);
        if (p.exitValue() != 0) {
            throw new AssertionError("the child failed (exit " + p.exitValue() + "): " + out + err);
        }
        return out.lines().toList();
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (var files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void openToAll(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
