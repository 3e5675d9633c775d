package dev.ponder.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Test helper run in a child JVM: stores one exchange, then dies at once as a killed process does. */
public final class CommitThenHalt {
    public static void main(String[] args) {
        Database db = Database.open(Path.of(args[0]));
        new ExchangeRepository(db).save(new Exchange(0, "Still there?", "Yes.", "baseline", Exchange.Status.ANSWERED,
                Optional.empty(), Optional.of("llama3.2"), 10, 2, Optional.of(5L), 9, List.of(), List.of(),
                Instant.now()));
        Runtime.getRuntime().halt(0);
    }
}
