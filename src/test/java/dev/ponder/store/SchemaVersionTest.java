package dev.ponder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start tells a library that needs no migration without Flyway, and never one that does. */
class SchemaVersionTest {

    @TempDir
    Path dir;

    @Test
    void theNewestMigrationOnTheClassPathIsTheNewestInTheSources() throws Exception {
        Pattern name = Pattern.compile("V(\\d+(?:_\\d+)*)__.+\\.sql");
        List<Integer> newest;
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            newest = files.map(f -> name.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> SchemaVersion.parse(m.group(1))).max(SchemaVersion::compare).orElseThrow();
        }
        assertEquals(newest, SchemaVersion.newestOnClassPath().orElseThrow());
    }

    @Test
    void aMigratedLibraryIsCurrentOneWithoutItsNewestMigrationOlderAndOneFromANewerPonderNewer() throws Exception {
        Database.open(dir).close();
        String url = "jdbc:h2:file:" + dir.resolve(Database.FILE_NAME).toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "ponder", "");
             Statement st = c.createStatement()) {
            assertEquals(SchemaVersion.State.CURRENT, SchemaVersion.of(c).state());
            String newest = "(SELECT MAX(\"installed_rank\") FROM \"flyway_schema_history\")";
            st.executeUpdate("UPDATE \"flyway_schema_history\" SET \"version\" = '999' WHERE \"installed_rank\" = " + newest);
            assertEquals(new SchemaVersion.Schema(SchemaVersion.State.NEWER, "999"), SchemaVersion.of(c),
                    "a newer Ponder's library is refused by its version, without Flyway");
            st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"installed_rank\" = " + newest);
            assertEquals(SchemaVersion.State.OLDER, SchemaVersion.of(c).state(), "its newest migration is missing: Flyway runs it");
        }
    }

    @Test
    void aFailedMigrationOrANewLibraryGoesToFlyway() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("empty").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "ponder", "")) {
            assertEquals(SchemaVersion.Schema.UNKNOWN, SchemaVersion.of(c), "no history table yet");
        }
        Database.open(dir).close();
        String library = "jdbc:h2:file:" + dir.resolve(Database.FILE_NAME).toAbsolutePath();
        try (Connection c = DriverManager.getConnection(library, "ponder", "");
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"installed_rank\" = 1");
            assertEquals(SchemaVersion.Schema.UNKNOWN, SchemaVersion.of(c));
        }
    }

    @Test
    void versionsCompareAsFlywayOrdersThem() {
        assertTrue(SchemaVersion.compare(SchemaVersion.parse("7_1"), SchemaVersion.parse("7")) > 0);
        assertTrue(SchemaVersion.compare(SchemaVersion.parse("10"), SchemaVersion.parse("9")) > 0);
        assertEquals(0, SchemaVersion.compare(SchemaVersion.parse("7.0"), SchemaVersion.parse("7")));
    }
}
