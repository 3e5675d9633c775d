package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.settings.Settings;
import dev.ponder.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --smoke-test} check against the library Ponder builds (real H2 file, real PDFs, real
 * import with MiniLM), without a window: the window's part is the latch the launcher counts down.
 * No model server is needed, as in CI: the URL points at a closed port.
 */
class SmokeTestTest {

    @TempDir
    Path dataDir;

    private Settings settings() {
        return Settings.defaults(dataDir).withOllamaUrl(java.net.URI.create("http://127.0.0.1:9"));
    }

    private static CountDownLatch shown() {
        CountDownLatch shown = new CountDownLatch(1);
        shown.countDown();
        return shown;
    }

    @Test
    void passesOnceTheWindowIsShownAndEveryFileIsReady() throws Exception {
        Path pdf = Corpus.sample("us-constitution-bill-of-rights.pdf");
        try (Ponder ponder = Ponder.open(settings())) {
            ponder.libraryService().open(pdf);
            assertEquals(Optional.empty(),
                    SmokeTest.await(shown(), ponder.libraryService(), List.of(pdf), Duration.ofSeconds(120)));
        }
    }

    @Test
    void failsWithTheLibrarysReasonWhenAFileCannotBeImported() throws Exception {
        Path notPdf = Files.writeString(dataDir.resolve("notes.pdf"), "plain words, not a PDF");
        try (Ponder ponder = Ponder.open(settings())) {
            ponder.libraryService().open(notPdf);
            String failure = SmokeTest.await(shown(), ponder.libraryService(), List.of(notPdf), Duration.ofSeconds(60))
                    .orElseThrow();
            assertTrue(failure.startsWith("notes.pdf could not be imported: This is not a PDF"), failure);
        }
    }

    @Test
    void failsWhenTheTimeRunsOutBeforeAFileIsImported() throws Exception {
        Path neverOpened = Corpus.sample("booktabs-tables.pdf");
        try (Ponder ponder = Ponder.open(settings())) {
            String failure = SmokeTest.await(shown(), ponder.libraryService(), List.of(neverOpened), Duration.ofSeconds(1))
                    .orElseThrow();
            assertEquals("after 1 s booktabs-tables.pdf (not in the library) was still not imported.", failure);
        }
    }

    @Test
    void failsWhenTheWindowIsNeverShown() throws Exception {
        try (Ponder ponder = Ponder.open(settings())) {
            String failure = SmokeTest.await(new CountDownLatch(1), ponder.libraryService(), List.of(),
                    Duration.ofSeconds(1)).orElseThrow();
            assertEquals("the window was not shown within 1 s.", failure);
        }
    }
}
