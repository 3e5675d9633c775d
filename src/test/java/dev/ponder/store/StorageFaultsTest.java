package dev.ponder.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import dev.ponder.testing.Mounts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults around the library are one sentence naming the cause, and nothing is written to
 * a library this Ponder cannot read right; what Ponder stores is private to the user's account.
 */
class StorageFaultsTest {

    @TempDir
    Path dir;

    private static Exchange answer(String question) {
        return new Exchange(0, question, "An answer. ".repeat(400), Exchange.MODE_BASELINE, Exchange.Status.ANSWERED,
                Optional.empty(), Optional.of("llama3.2"), 800, 40, Optional.of(300L), 900, java.util.List.of(),
                java.util.List.of(), java.time.Instant.now());
    }

    @Test
    void aFullDiskIsNamedWithWhatIsFreeAndTheAnswerIsNotClaimedSaved() throws Exception {
        Assumptions.assumeTrue(Mounts.available(), "needs root to mount a small tmpfs");
        try (Mounts.Mount disk = Mounts.tmpfs(dir.resolve("disk"), "4m")) {
            Path data = disk.at().resolve("data");
            Database db = Database.open(data);
            ExchangeRepository exchanges = new ExchangeRepository(db);
            exchanges.save(answer("Asked before the disk was full?"));
            Path filler = Mounts.fill(disk.at());

            StoreException e = assertThrows(StoreException.class, () -> exchanges.save(answer("Asked on a full disk?")));

            assertTrue(e.getMessage().matches("Ponder could not save the answer: the disk holding your library is full "
                    + "\\(\\d+ (bytes?|KB) free\\)\\. Free some space on it, then \\{reopen}\\."), e.getMessage());
            // H2 closed the library after the failed write: the window says to open it anew, a terminal to run again
            assertTrue(dev.ponder.settings.Advice.forWindow(e.getMessage(), "Retry")
                    .endsWith(" free). Free some space on it, then close Ponder and open it again."), e.getMessage());
            assertTrue(dev.ponder.settings.Advice.forTerminal(e.getMessage())
                    .endsWith(" free). Free some space on it, then run the command again."), e.getMessage());
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), db::close, "closing on a full disk ends");
            Files.delete(filler);
            try (Database again = Database.open(data)) {
                assertEquals(java.util.List.of("Asked before the disk was full?"),
                        new ExchangeRepository(again).recent(10).stream().map(Exchange::question).toList(),
                        "the answer that was not saved is not there, and the one before is");
            }
        }
    }

    @Test
    void aReadOnlyLibraryOpensForReadingAndEveryWriteSaysWhy() throws Exception {
        Assumptions.assumeTrue(Mounts.available(), "needs root for a read-only bind mount");
        Path data = dir.resolve("data");
        try (Database db = Database.open(data)) {
            new ExchangeRepository(db).save(answer("Asked while it could be written?"));
        }
        byte[] before = Files.readAllBytes(LibraryFiles.databaseFile(data));
        try (Mounts.Mount ro = Mounts.readOnly(data, dir.resolve("read-only"))) {
            try (Database db = Database.open(ro.at())) {
                assertEquals(Optional.of("the disk it is on is mounted read-only"), db.readOnly());
                ExchangeRepository exchanges = new ExchangeRepository(db);
                assertEquals(1, exchanges.recent(10).size(), "it reads");

                StoreException e = assertThrows(StoreException.class, () -> exchanges.save(answer("Asked now?")));

                assertEquals("Ponder could not save the answer: the library is read-only (the disk it is on is "
                        + "mounted read-only).", e.getMessage());
            }
        }
        assertArrayEquals(before, Files.readAllBytes(LibraryFiles.databaseFile(data)));
    }

    @Test
    void aLibraryFromANewerPonderIsRefusedWithASentenceAndNeverWritten() throws Exception {
        Path data = dir.resolve("data");
        try (Database db = Database.open(data); Connection c = db.connection(); Statement st = c.createStatement()) {
            // what a newer Ponder's migration V99 leaves in the schema history
            st.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", "
                    + "\"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                    + "VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 1, 'ponder', 1, TRUE)");
        }
        Path file = LibraryFiles.databaseFile(data);
        byte[] before = Files.readAllBytes(file);

        StoreException.TooNew e = assertThrows(StoreException.TooNew.class, () -> Database.open(data));

        assertEquals("This library was written by a newer version of Ponder (schema 99); update Ponder. The library "
                + file + " was not changed.", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "not a byte written");
    }

    @Test
    void aDataFolderThatIsALinkToNothingIsNamedAsSuch() throws Exception {
        Path link = dir.resolve("data");
        Files.createSymbolicLink(link, dir.resolve("gone"));

        StoreException.FolderUnusable e = assertThrows(StoreException.FolderUnusable.class, () -> Database.open(link));

        assertEquals("Ponder cannot use its data folder " + link + ": it is a link to " + dir.resolve("gone")
                + ", which does not exist.", e.getMessage());
        assertFalse(Files.exists(dir.resolve("gone")), "nothing was created at the link's target");
    }

    /**
     * A data folder the account may not read, and one it may not create: tests run as root here,
     * which may read anything, so the library is opened by a child JVM under the {@code nobody}
     * account ({@code setpriv}), with the classes it needs copied where that account can read them.
     */
    @Test
    void aDataFolderTheAccountMayNotUseIsPermissionDeniedWithWhatToDo() throws Exception {
        Assumptions.assumeTrue(AnotherAccount.available(), "needs root and setpriv to run a child JVM as nobody");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path theirs = dir.resolve("someone-elses");
        Files.createDirectories(theirs.resolve("data"));
        Files.setPosixFilePermissions(theirs.resolve("data"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
        Path locked = dir.resolve("locked");
        Files.createDirectories(locked.resolve("data"));
        Files.setPosixFilePermissions(locked.resolve("data"), PosixFilePermissions.fromString("rwx------"));
        AnotherAccount nobody = AnotherAccount.prepare(dir.resolve("classes"));

        java.util.List<String> unreadable = nobody.run(OpenLibraryChild.class, locked.resolve("data").toString());
        java.util.List<String> uncreatable = nobody.run(OpenLibraryChild.class, theirs.resolve("data").resolve("ponder").toString());

        assertEquals(java.util.List.of(
                "window: Ponder cannot use its data folder " + locked.resolve("data") + ": permission denied. Give your "
                        + "account permission to read and write that folder, then open Ponder again.",
                "terminal: Ponder cannot use its data folder " + locked.resolve("data") + ": permission denied. Give your "
                        + "account permission to read and write that folder, then run the command again, or give another "
                        + "folder with `--data-dir DIR`."), unreadable);
        assertEquals(2, uncreatable.size(), uncreatable.toString());
        assertTrue(uncreatable.get(0).startsWith("window: Ponder cannot use its data folder "
                + theirs.resolve("data").resolve("ponder") + ": permission denied"), uncreatable.get(0));
        assertTrue(uncreatable.get(0).endsWith(". Give your account permission to read and write that folder, then open "
                + "Ponder again."), uncreatable.get(0));
        try (var left = Files.list(locked.resolve("data"))) {
            assertEquals(0, left.count(), "nothing was written in the folder");
        }
    }

    @Test
    void aFileInThePlaceOfTheDataFolderIsNamedAsSuch() throws Exception {
        Path data = dir.resolve("data");
        Files.writeString(data, "not a folder");

        StoreException.FolderUnusable e = assertThrows(StoreException.FolderUnusable.class, () -> Database.open(data));

        assertEquals("Ponder cannot use its data folder " + data + ": a file with that name is in its place.", e.getMessage());
        assertEquals("not a folder", Files.readString(data));
    }

    @Test
    void theDataFolderTheLibraryAndItsBackupsArePrivateWhateverTheUmask() throws Exception {
        Path data = dir.resolve("data");
        Database.open(data).close();
        // a library from an older Ponder, 0644 in a 0755 folder: the next start makes it private
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(LibraryFiles.databaseFile(data), PosixFilePermissions.fromString("rw-r--r--"));
        Database.open(data).close();
        Database.open(data).close();

        assertEquals("rwx------", mode(data), "data folder");
        try (var files = Files.list(data)) {
            files.filter(f -> f.getFileName().toString().startsWith("ponder.")).forEach(f ->
                    assertEquals("rw-------", mode(f), f.getFileName() + " is readable by this account only"));
        }
        assertTrue(Files.exists(data.resolve("ponder.mv.db.last-good.bak")));
        assertEquals(Optional.of(data.resolve("ponder.mv.db.last-good.bak").toAbsolutePath()), LibraryFiles.newestBackup(data));
    }

    @Test
    void aNewDataFolderIsCreatedPrivate() throws Exception {
        Path data = dir.resolve("a").resolve("data");
        Database.open(data).close();
        assertEquals("rwx------", mode(data));
        assertEquals("rw-------", mode(data.resolve("ponder.mv.db")));
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
