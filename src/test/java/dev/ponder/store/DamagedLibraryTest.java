package dev.ponder.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A library file that is truncated or has flipped bytes is never opened as a silently smaller (or
 * empty) library: it is reported with its path and the newest backup, and left byte for byte as it
 * was. A failed migration puts back the copy made before it.
 */
class DamagedLibraryTest {

    private static final int DOCUMENTS = 40;
    private static final int PAGES = 12;

    @TempDir
    Path dir;

    /** 40 documents of 12 pages, each committed on its own, so the file has many chunks. */
    private byte[] library() throws Exception {
        try (Database db = Database.open(dir)) {
            LibraryRepository library = new LibraryRepository(db);
            for (int d = 0; d < DOCUMENTS; d++) {
                long id = library.add(new NewDocument(Optional.of(String.format("%064x", d)), "doc" + d + ".pdf",
                        dir.resolve("doc" + d + ".pdf"), 1000), DocumentStatus.IMPORTING, Optional.empty());
                List<PageText> pages = new ArrayList<>();
                List<SectionEntry> sections = new ArrayList<>();
                for (int p = 1; p <= PAGES; p++) {
                    String text = ("Document " + d + " page " + p + " says the reading is " + (d * 100 + p) + ". ")
                            .repeat(20);
                    pages.add(new PageText(p, text, true));
                    sections.add(new SectionEntry(0, id, p - 1, p, p, text, String.format("%064x", d * 1000 + p),
                            new float[] {0.6f, 0.8f}));
                }
                library.storeContent(id, pages, sections, Optional.empty());
            }
        }
        return Files.readAllBytes(LibraryFiles.databaseFile(dir));
    }

    private long pageCount(Database db) throws Exception {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM pages")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aFileCutInHalfIsReportedWithItsPathAndLeftAsItWas() throws Exception {
        byte[] whole = library();
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        Path file = LibraryFiles.databaseFile(dir);
        Files.write(file, half);

        StoreException.Damaged e = assertThrows(StoreException.Damaged.class, () -> Database.open(dir));

        assertTrue(e.getMessage().startsWith("The library " + file + " is damaged ("), e.getMessage());
        assertEquals(file, e.file());
        assertArrayEquals(half, Files.readAllBytes(file), "the damaged file is not written to");
        assertEquals(Optional.empty(), e.backup(), "no backup was ever made of this library");
        assertTrue(e.getMessage().contains("There is no backup"), e.getMessage());
    }

    @Test
    void aSecondStartKeepsACopyThatADamagedLibraryIsOffered() throws Exception {
        library();
        Database.open(dir).close();
        Path lastGood = dir.resolve("ponder.mv.db.last-good.bak");
        assertTrue(Files.exists(lastGood), "a library read whole at start is copied");
        Path file = LibraryFiles.databaseFile(dir);
        byte[] whole = Files.readAllBytes(file);
        byte[] bytes = Arrays.copyOf(whole, whole.length / 2);
        Files.write(file, bytes);

        StoreException.Damaged e = assertThrows(StoreException.Damaged.class, () -> Database.open(dir));

        assertEquals(Optional.of(lastGood.toAbsolutePath()), e.backup());
        assertTrue(e.getMessage().contains("The newest backup is " + lastGood.toAbsolutePath()), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file));

        Path kept = LibraryFiles.useBackup(dir, e.backup().orElseThrow());
        try (Database db = Database.open(dir)) {
            assertEquals(DOCUMENTS, new LibraryRepository(db).all().size(), "the backup's documents are back");
            assertEquals(DOCUMENTS * PAGES, pageCount(db));
        }
        assertTrue(kept.getFileName().toString().startsWith("ponder.mv.db.damaged-"), kept.toString());
        assertArrayEquals(bytes, Files.readAllBytes(kept), "the damaged file is kept, byte for byte");
    }

    /** Flipped bytes anywhere: either the open says the file is damaged, or every row is there. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void flippedBytesNeverOpenAsASmallerLibrary(int sixteenth) throws Exception {
        byte[] bytes = library();
        flip(bytes, bytes.length / 16 * sixteenth);
        Files.write(LibraryFiles.databaseFile(dir), bytes);
        try (Database db = Database.open(dir)) {
            assertEquals(DOCUMENTS, new LibraryRepository(db).all().size());
            assertEquals(DOCUMENTS * PAGES, pageCount(db));
            for (DocumentEntry doc : new LibraryRepository(db).all()) {
                assertEquals(PAGES, new LibraryRepository(db).pages(doc.id()).size());
            }
        } catch (StoreException.Damaged e) {
            assertArrayEquals(bytes, Files.readAllBytes(LibraryFiles.databaseFile(dir)));
        }
    }

    @Test
    void startingEmptyKeepsTheDamagedFile() throws Exception {
        Path file = LibraryFiles.databaseFile(dir);
        Files.write(file, "this is not an H2 file, it is garbage".repeat(200).getBytes());
        assertThrows(StoreException.Damaged.class, () -> Database.open(dir));

        Path kept = LibraryFiles.setAsideDamaged(dir);

        try (Database db = Database.open(dir)) {
            assertEquals(0, new LibraryRepository(db).all().size());
        }
        assertTrue(Files.readString(kept).startsWith("this is not an H2 file"));
    }

    @Test
    void aFailedMigrationLeavesTheLibraryAsItWasAndSaysSo() throws Exception {
        library();
        StoreException e = assertThrows(StoreException.class,
                () -> Database.open(dir, List.of("classpath:db/failing-migration")));

        Path file = LibraryFiles.databaseFile(dir);
        Path backup = dir.resolve("ponder.mv.db.before-v99.bak").toAbsolutePath();
        assertEquals("Updating the library to Ponder's new format failed; your library " + file
                + " was left as it was, and a copy of it is at " + backup + ".", e.getMessage());
        assertArrayEquals(Files.readAllBytes(backup), Files.readAllBytes(file),
                "the library was not touched after it was copied");
        try (Database db = Database.open(dir); Connection c = db.connection()) {
            assertEquals(DOCUMENTS * PAGES, pageCount(db), "nothing stored is lost");
            try (ResultSet rs = c.getMetaData().getTables(null, null, "HALF_DONE", null)) {
                assertFalse(rs.next(), "the half-applied migration is gone");
            }
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "DOCUMENTS", "HALF_DONE_FLAG")) {
                assertFalse(rs.next(), "the half-applied migration is gone");
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '99'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no failed migration is recorded");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".partial")), "no half-copied file is left");
        }
    }

    @Test
    void aMigrationKilledHalfWayLeavesNothingTheNextStartTripsOver() throws Exception {
        // what a process killed in the middle of migrating leaves: a half-done copy beside the library
        Files.write(dir.resolve("ponder-migrating.mv.db"), "half of a migration".getBytes());
        try (Database db = Database.open(dir)) {
            assertEquals(0, new LibraryRepository(db).all().size());
        }
        assertFalse(Files.exists(dir.resolve("ponder-migrating.mv.db")));
    }

    private static void flip(byte[] bytes, int at) {
        for (int i = at; i < Math.min(bytes.length, at + 4096); i++) {
            bytes[i] ^= 0x5a;
        }
    }
}
