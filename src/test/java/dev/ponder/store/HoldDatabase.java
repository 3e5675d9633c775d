package dev.ponder.store;

import java.nio.file.Path;

/** Test helper run in a child JVM: opens the library in args[0], says so, and holds it until killed. */
public final class HoldDatabase {
    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
