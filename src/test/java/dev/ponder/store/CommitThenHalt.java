package dev.ponder.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Test helper run in a child JVM: opens the library in {@code args[0]}, stores one answered exchange
 * asking {@code args[1]} ("Still there?" when not given), prints {@code saved} and ends the process
 * at once, as a kill or a power cut would: no close, no shutdown hooks.
 */
public final class CommitThenHalt {

    public static void main(String[] args) {
        Database db = Database.open(Path.of(args[0]));
        new ExchangeRepository(db).save(CommittedWritesSurviveAKillTest.exchange(args.length > 1 ? args[1] : "Still there?"));
        System.out.println("saved");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private CommitThenHalt() {
    }
}
