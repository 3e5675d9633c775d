package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.settings.Settings;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.testing.Corpus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * macOS "Open with Ponder": the files Finder's open-documents event carries reach the library
 * whether they come before the window is ready or after. The event itself cannot be raised on
 * Linux (and {@code OpenFilesEvent} needs a desktop to be built), so this calls the function the
 * registered handler calls, {@link OpenFileRequests#openFiles}, with a real library behind it.
 */
class OpenFileRequestsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    @TempDir
    Path docs;

    @Test
    void filesFromTheFinderBeforeAndAfterTheWindowIsReadyAreImported() throws Exception {
        Path early = Files.copy(Corpus.sample("float-package-paper.pdf"), docs.resolve("early.pdf"));
        Path late = Files.copy(Corpus.sample("booktabs-tables.pdf"), docs.resolve("late tables.pdf"));
        OpenFileRequests requests = new OpenFileRequests();

        // a cold start: the event comes while the library is still opening
        requests.openFiles(List.of(new File(docs.toFile(), "./early.pdf")));
        try (Ponder ponder = Ponder.open(Settings.defaults(dataDir))) {
            requests.attach(files -> files.forEach(ponder.libraryService()::open));
            awaitReady(ponder, early);

            requests.openFiles(List.of(late.toFile()));
            awaitReady(ponder, late);
            assertEquals(2, ponder.library().all().size());
        }
    }

    @Test
    void theFilesAreGivenAbsoluteAndInOneBatchAsTheFinderSentThem() {
        OpenFileRequests requests = new OpenFileRequests();
        requests.openFiles(List.of(new File("a.pdf"), new File("sub/../b.pdf")));
        requests.openFiles(List.of());
        List<List<Path>> received = new java.util.ArrayList<>();
        requests.attach(received::add);
        requests.openFiles(List.of(new File("c.pdf")));

        Path here = Path.of("").toAbsolutePath();
        assertEquals(List.of(List.of(here.resolve("a.pdf"), here.resolve("b.pdf")), List.of(here.resolve("c.pdf"))),
                received);
    }

    @Test
    void onLinuxNothingIsRegisteredAndFilesStillFlow() {
        OpenFileRequests requests = OpenFileRequests.registerWithTheDesktop();
        List<Path> received = new java.util.ArrayList<>();
        requests.attach(received::addAll);
        requests.openFiles(List.of(new File("/tmp/x.pdf")));
        assertEquals(List.of(Path.of("/tmp/x.pdf")), received);
    }

    private static void awaitReady(Ponder ponder, Path file) throws InterruptedException {
        awaitTrue(() -> ponder.library().findByPath(file.toAbsolutePath().normalize()).map(DocumentEntry::status)
                .filter(s -> s == DocumentStatus.READY).isPresent());
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + DEADLINE.toSeconds() + " s");
            Thread.sleep(20);
        }
    }
}
