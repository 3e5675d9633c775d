package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test corpus ({@code -Dponder.corpus}, set by surefire) and the repo's sample documents. */
final class Corpus {

    private Corpus() {
    }

    static Path root() {
        String configured = System.getProperty("ponder.corpus");
        return Path.of(configured != null ? configured : "../shared/corpus").toAbsolutePath().normalize();
    }

    /** A file from {@code corpus/tricky}; see its CASES.md. */
    static Path tricky(String name) {
        return existing(root().resolve("tricky").resolve(name));
    }

    /** A file from {@code corpus/real}; see its SOURCES.md. */
    static Path real(String name) {
        return existing(root().resolve("real").resolve(name));
    }

    /** A file from the repo's {@code sample-docs/}. */
    static Path sample(String name) {
        return existing(Path.of("sample-docs", name).toAbsolutePath());
    }

    private static Path existing(Path file) {
        assertTrue(Files.isRegularFile(file), "missing test file " + file);
        return file;
    }
}
