package dev.ponder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @Test
    void libraryAndChatSurviveARestart(@TempDir Path dir) {
        long docId;
        try (Database db = Database.open(dir)) {
            LibraryRepository library = new LibraryRepository(db);
            docId = library.add(new NewDocument(Optional.of("ab".repeat(32)), "a.pdf", dir.resolve("a.pdf"), 10),
                    DocumentStatus.IMPORTING, Optional.empty());
            library.storeContent(docId, List.of(new PageText(1, "hello", true)),
                    List.of(new SectionEntry(0, docId, 0, 1, 1, "hello", "h".repeat(64), new float[] {0.6f, 0.8f})),
                    Optional.empty());
            new ExchangeRepository(db).save(new Exchange(0, "Hi?", "Hello [p. 1]", "baseline",
                    Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"), 12, 3, Optional.of(5L), 9,
                    List.of(docId), List.of(new Citation(docId, "a.pdf", 1)), Instant.now()));
        }
        try (Database db = Database.open(dir)) {
            DocumentEntry doc = new LibraryRepository(db).find(docId).orElseThrow();
            assertEquals(DocumentStatus.READY, doc.status());
            assertEquals(1, doc.sections());
            assertEquals(5, doc.chars());
            float[] v = new LibraryRepository(db).sections(List.of()).get(0).embedding();
            assertEquals(0.8f, v[1]);
            Exchange e = new ExchangeRepository(db).recent(10).get(0);
            assertEquals("Hello [p. 1]", e.answer());
            assertEquals(List.of(new Citation(docId, "a.pdf", 1)), e.citations());
            assertEquals(List.of(docId), e.scope());
            assertEquals(12, e.promptTokens());
        }
    }

    /** Issue #17: the window lists the documents while the rest of the library opens. */
    @Test
    void theDocumentsAreListedAsSoonAsTheyAreReadBeforeTheLibraryIsOpen(@TempDir Path dir) {
        List<List<DocumentEntry>> listed = new java.util.ArrayList<>();
        Path file = dir.resolve("ponder.mv.db");
        List<DocumentEntry> stored;
        try (Database db = Database.open(dir, documents -> {
            assertTrue(Files.notExists(file), "told before the new library is made");
            listed.add(documents);
        })) {
            LibraryRepository library = new LibraryRepository(db);
            library.add(new NewDocument(Optional.of("ab".repeat(32)), "a.pdf", dir.resolve("a.pdf"), 10),
                    DocumentStatus.IMPORTING, Optional.empty());
            library.add(new NewDocument(Optional.of("cd".repeat(32)), "b.pdf", dir.resolve("b.pdf"), 20),
                    DocumentStatus.FAILED, Optional.of("It could not be read."));
            stored = library.all();
        }
        assertEquals(List.of(List.of()), listed, "a new library is listed empty");

        listed.clear();
        try (Database db = Database.open(dir, listed::add)) {
            assertEquals(List.of(stored), listed, "read by the check, as the open library reads them");
        }
    }

    @Test
    void libraryHeldByAnotherProcessSaysItIsInUse(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldDatabase.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("open")) {
                // skip log output until the other process holds the library
            }
            List<List<DocumentEntry>> listed = new java.util.ArrayList<>();
            StoreException e = assertThrows(StoreException.InUse.class, () -> Database.open(dir, listed::add));
            assertTrue(e.getMessage().contains("open in another Ponder"), e.getMessage());
            assertEquals(List.of(), listed, "nothing was read, so nothing is listed");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aCommittedAnswerSurvivesTheProcessDyingRightAfter(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CommitThenHalt.class.getName(), dir.toString()).inheritIO().start();
        assertEquals(0, child.waitFor());
        try (Database db = Database.open(dir)) {
            assertEquals(List.of("Still there?"),
                    new ExchangeRepository(db).recent(5).stream().map(Exchange::question).toList());
        }
    }

    @Test
    void damagedDatabaseFileGivesASentenceWithItsPathAndIsNotReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ponder.mv.db");
        Files.write(file, "this is not an H2 file, it is garbage".repeat(200).getBytes());
        StoreException e = assertThrows(StoreException.class, () -> Database.open(dir));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(Files.readString(file).startsWith("this is not an H2 file"), "the damaged file is left as it was");
    }
}
