package dev.ponder.search;

import dev.ponder.store.Database;
import dev.ponder.store.LibraryRepository;
import java.nio.file.Path;

/**
 * Test helper run in a child JVM: opens the library in {@code args[0]} and re-indexes document
 * {@code args[1]} over and over (each time a Lucene commit) until it is killed.
 */
public final class SectionIndexChild {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long doc = Long.parseLong(args[1]);
        Database db = Database.open(dir);
        SectionIndex index = SectionIndex.open(dir, new LibraryRepository(db));
        index.awaitReady(60_000);
        for (int i = 0; ; i++) {
            index.refresh(doc);
            if (i == 0) {
                System.out.println("indexing");
                System.out.flush();
            }
        }
    }
}
