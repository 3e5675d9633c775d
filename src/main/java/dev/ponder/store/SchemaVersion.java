package dev.ponder.store;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a library's schema stands against the migrations in {@code db/migration}, told without
 * starting Flyway: the newest {@code V<version>__*.sql} on the class path against the newest version
 * in Flyway's own history table. Starting Flyway to ask the same costs a start about 260 classes and
 * a few hundred ms of processor time (measured for issue #17); a library that needs a migration, or
 * anything this cannot read ({@link State#UNKNOWN}), still goes to Flyway.
 */
final class SchemaVersion {

    static final String LOCATION = "db/migration";
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    private SchemaVersion() {
    }

    /** Where a library stands. */
    enum State {
        /** Every migration on the class path is applied, none failed: nothing to do. */
        CURRENT,
        /** Migrations on the class path are not applied yet. */
        OLDER,
        /** Applied migrations are newer than any on the class path: a newer Ponder wrote it. */
        NEWER,
        /** No history table, a failed migration, or what could not be read: Flyway decides. */
        UNKNOWN
    }

    /**
     * @param state   where the library stands
     * @param applied the newest applied version as Flyway wrote it ("5"), or empty
     */
    record Schema(State state, String applied) {
        static final Schema UNKNOWN = new Schema(State.UNKNOWN, "");
    }

    /** Where the library on {@code c} (read-only will do) stands against the class path's migrations. */
    static Schema of(Connection c) {
        Optional<List<Integer>> newest = newestOnClassPath();
        if (newest.isEmpty()) {
            return Schema.UNKNOWN;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
            List<Integer> applied = List.of();
            String text = "";
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return Schema.UNKNOWN;
                }
                List<Integer> version = parse(rs.getString(1));
                if (compare(version, applied) > 0) {
                    applied = version;
                    text = rs.getString(1);
                }
            }
            int against = compare(applied, newest.get());
            return new Schema(against == 0 ? State.CURRENT : against < 0 ? State.OLDER : State.NEWER, text);
        } catch (SQLException | RuntimeException e) {
            return Schema.UNKNOWN;  // no history table (a new library), or another layout
        }
    }

    /** The newest migration's version on the class path, e.g. [7, 1] for {@code V7_1__x.sql}; empty when none is found. */
    static Optional<List<Integer>> newestOnClassPath() {
        try {
            List<String> names = new ArrayList<>();
            Enumeration<URL> locations = SchemaVersion.class.getClassLoader().getResources(LOCATION);
            for (URL location : Collections.list(locations)) {
                names.addAll(namesAt(location));
            }
            return names.stream().map(MIGRATION::matcher).filter(Matcher::matches).map(m -> parse(m.group(1)))
                    .max(SchemaVersion::compare);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<String> namesAt(URL location) throws IOException, URISyntaxException {
        if ("file".equals(location.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
                return files.map(f -> f.getFileName().toString()).toList();
            }
        }
        if ("jar".equals(location.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) location.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = LOCATION + "/";
                return jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(prefix) && n.length() > prefix.length())
                        .map(n -> n.substring(prefix.length())).toList();
            }
        }
        throw new IOException("migrations at " + location + " cannot be listed");
    }

    /** "7.1", "7_1" → [7, 1]. */
    static List<Integer> parse(String version) {
        return Arrays.stream(version.split("[._]")).map(Integer::valueOf).toList();
    }

    /** Flyway's order: part by part, a missing part counting as 0 ("7" = "7.0", before "7.1"). */
    static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
