package dev.ponder.app;

import dev.ponder.document.LibraryService;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The hidden {@code --smoke-test} check of the window, which proves that an installed Ponder starts
 * (packaging/smoke-test-deb.sh runs it on the installed launcher): it passes once the window has
 * been shown and every file given on the command line is in the library and ready to ask about.
 * It needs no model server: without one the window shows its banner and imports all the same.
 */
final class SmokeTest {

    /** How long the check waits when {@code --smoke-test} is given without seconds. */
    static final int DEFAULT_SECONDS = 120;
    private static final long POLL_MS = 200;

    private SmokeTest() {
    }

    /**
     * Waits for the window and for {@code files} to be imported, reading the library every 200 ms.
     *
     * @param windowShown counted down when the window has been shown
     * @param library     the library the window imports into
     * @param files       the files given on the command line (made absolute here)
     * @param timeout     longest wait for both together
     * @return empty when the check passed, else one sentence saying what failed: a file that
     *         could not be imported (with the library's reason), or what was still missing when
     *         the time ran out
     */
    static Optional<String> await(CountDownLatch windowShown, LibraryService library, List<Path> files,
                                  Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!windowShown.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.of("the window was not shown within " + timeout.toSeconds() + " s.");
        }
        List<Path> wanted = files.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        while (true) {
            List<DocumentEntry> documents = library.documents();
            String waitingFor = null;
            for (Path file : wanted) {
                Optional<DocumentEntry> document = documents.stream()
                        .filter(d -> d.path().toAbsolutePath().normalize().equals(file)).findFirst();
                DocumentStatus status = document.map(DocumentEntry::status).orElse(DocumentStatus.QUEUED);
                if (status == DocumentStatus.FAILED || status == DocumentStatus.NEEDS_PASSWORD) {
                    return Optional.of(file.getFileName() + " could not be imported: "
                            + document.flatMap(DocumentEntry::message).orElse(status.toString()));
                }
                if (status != DocumentStatus.READY && waitingFor == null) {
                    waitingFor = file.getFileName() + " (" + document.map(d -> d.status().toString().toLowerCase(Locale.ROOT))
                            .orElse("not in the library") + ")";
                }
            }
            if (waitingFor == null) {
                return Optional.empty();
            }
            if (System.nanoTime() >= deadline) {
                return Optional.of("after " + timeout.toSeconds() + " s " + waitingFor + " was still not imported.");
            }
            Thread.sleep(POLL_MS);
        }
    }
}
