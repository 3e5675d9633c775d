package dev.ponder.app;

import dev.ponder.document.ImportOutcome;
import dev.ponder.settings.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper run in a child JVM by {@link CrashReliabilityTest}: Ponder as the window starts it
 * ({@link Ponder#open}, then the interrupted imports resumed), opening {@code args[2..]} and
 * thinking about each imported document with the Ollama server at {@code args[1]}; library in
 * {@code args[0]}. Prints {@code finished} and exits 0 when all of it is done — unless killed first.
 */
public final class CrashChild {

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.defaults(Path.of(args[0])).withOllamaUrl(URI.create(args[1]))
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30))
                // only the explicit think below, as `ponder think` does
                .withIdleThreshold(Duration.ofDays(1));
        try (Ponder ponder = Ponder.open(settings)) {
            System.out.println("opened");
            ponder.libraryService().resumeInterrupted().get();
            ponder.sleepTime().start();
            List<Long> documents = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                ImportOutcome outcome = ponder.libraryService().open(Path.of(args[i])).get();
                if (outcome instanceof ImportOutcome.Imported imported) {
                    documents.add(imported.document().id());
                } else if (outcome instanceof ImportOutcome.AlreadyInLibrary already) {
                    documents.add(already.document().id());
                }
                System.out.println("imported " + Path.of(args[i]).getFileName() + ": " + outcome.getClass().getSimpleName());
            }
            for (long id : documents) {
                System.out.println("thought " + id + ": " + ponder.sleepTime().think(id).get().ready());
            }
            System.out.println("finished");
        }
        System.exit(0);
    }
}
