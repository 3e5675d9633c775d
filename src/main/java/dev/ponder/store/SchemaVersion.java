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
 * Whether a library already has every migration in {@code db/migration}, told without starting
 * Flyway: the newest {@code V<version>__*.sql} on the class path against the newest version in
 * Flyway's own history table. Starting Flyway to ask the same costs a start about 260 classes and
 * a few hundred ms of processor time (measured for issue #17); a library that needs a migration,
 * or anything this cannot read, still goes to Flyway.
 */
final class SchemaVersion {

    static final String LOCATION = "db/migration";
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    private SchemaVersion() {
    }

    /** True when the library on {@code c} has applied the newest migration on the class path and none failed. */
    static boolean upToDate(Connection c) {
        Optional<List<Integer>> newest = newestOnClassPath();
        if (newest.isEmpty()) {
            return false;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
            List<Integer> applied = List.of();
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                List<Integer> version = parse(rs.getString(1));
                if (compare(version, applied) > 0) {
                    applied = version;
                }
            }
            return compare(applied, newest.get()) >= 0;
        } catch (SQLException e) {
            return false;  // no history table (a new library), or another layout: Flyway decides
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
