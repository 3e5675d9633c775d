package dev.ponder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library written with every commit appended grows; compaction copies it offline into a file
 * that is read whole and must hold the same rows before it replaces the library.
 */
class CompactionTest {

    @TempDir
    Path dir;

    @Test
    void aGrownLibraryIsCompactedIntoACheckedCopyThatKeepsEveryRow() throws Exception {
        long kept = 0;
        try (Database db = Database.open(dir)) {
            ExchangeRepository exchanges = new ExchangeRepository(db);
            for (int i = 0; i < 200; i++) {
                Exchange e = exchanges.save(new Exchange(0, "Question " + i + "?", "An answer. ".repeat(60),
                        Exchange.MODE_BASELINE, Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"),
                        800, 40, Optional.of(300L), 900, List.of(), List.of(), Instant.now()));
                if (i % 2 == 1) {
                    exchanges.deleteConversation(e.conversationId());
                } else {
                    kept++;
                }
            }
        }
        Path file = LibraryFiles.databaseFile(dir);
        Path base = dir.resolve(Database.FILE_NAME).toAbsolutePath();
        LibraryCheck.Checked before = LibraryCheck.verify(base, file).orElseThrow();
        assertTrue(before.chunksFillRate() < Compaction.MAX_FILL_RATE, "the test must leave dead chunks: " + before);

        Optional<Long> compacted = Compaction.compact(base, file, before);

        assertTrue(compacted.isPresent(), "compacted");
        assertTrue(compacted.get() < before.bytes(), before.bytes() + " bytes before, " + compacted.get() + " after");
        assertEquals(compacted.get(), Files.size(file));
        assertFalse(Files.exists(dir.resolve(Compaction.WORK_NAME + ".mv.db")), "no copy left beside it");
        assertEquals(before.rows(), LibraryCheck.verify(base, file).orElseThrow().rows(), "the same rows");
        try (Database db = Database.open(dir)) {
            assertEquals(kept, new ExchangeRepository(db).recent(1000).size());
        }
    }

    @Test
    void aCopyLeftByAKilledCompactionIsDeletedAndTheLibraryUsed() throws Exception {
        Database.open(dir).close();
        Files.writeString(dir.resolve(Compaction.WORK_NAME + ".mv.db"), "half a copy");
        try (Database db = Database.open(dir)) {
            assertEquals(0, new ExchangeRepository(db).recent(10).size());
        }
        assertFalse(Files.exists(dir.resolve(Compaction.WORK_NAME + ".mv.db")));
    }
}
