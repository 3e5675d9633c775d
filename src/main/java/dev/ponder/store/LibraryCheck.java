package dev.ponder.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an existing library file whole, without writing to it, before H2 opens it for writing.
 *
 * <p>Why: measured with H2 2.5.252, a {@code ponder.mv.db} cut in half, or with 4 KB of flipped
 * bytes in the middle, opens without an error at an <em>older</em> version of the store — an
 * empty library — and the writable open then shrinks the file, destroying what was left. So the
 * check (1) opens the store read-only and compares the version it reached with the newest version
 * the file's header names, (2) reads every row of every table through a read-only connection,
 * which finds damaged pages ("Block not found"), and (3) reads every secondary index whole. The
 * writable open finds the same newest chunk as this read-only one (both run H2's
 * {@code RandomAccessStore.readStoreHeader}); what the rows alone did not read was the indexes: a
 * damaged page of the {@code pages} table's index passed the check and failed the first question
 * (ADR 0011). Cost: about 0.3 s for a 1.3 MB library.
 */
final class LibraryCheck {

    private static final Logger log = LoggerFactory.getLogger(LibraryCheck.class);
    /** An MVStore header block: {@code H:2,block:…,version:6d,…,fletcher:…}, at offsets 0 and 4096. */
    private static final Pattern HEADER_VERSION = Pattern.compile("^H:\\d+,.*?\\bversion:([0-9a-f]+),");
    private static final int BLOCK = 4096;

    private LibraryCheck() {
    }

    /**
     * Reads the file whole.
     *
     * @param base   the H2 database name ({@code dataDir/ponder}), absolute
     * @param mvFile {@code base + ".mv.db"}, which exists
     * @return what was read; empty when another process holds the file (the writable open then
     *         reports that), so nothing was checked
     * @throws StoreException.Damaged naming the file and the newest backup
     */
    static Optional<Checked> verify(Path base, Path mvFile) {
        return verify(base, mvFile, documents -> { });
    }

    /**
     * As {@link #verify(Path, Path)}, telling {@code listed} the library's documents (oldest first) as
     * soon as they are read, before the rest of the file: the window lists them while the check and
     * the opening go on (issue #17). Told only when the schema is the current one (an older one is
     * migrated first) and the documents table could be read; a file found damaged later may have
     * been listed already.
     */
    static Optional<Checked> verify(Path base, Path mvFile, Consumer<List<DocumentEntry>> listed) {
        long started = System.nanoTime();
        long size = size(mvFile);
        if (size == 0) {
            throw damaged(mvFile, "it is empty", null);
        }
        OptionalLong headerVersion = headerVersion(mvFile);
        int chunksFillRate;
        try (MVStore store = new MVStore.Builder().fileName(mvFile.toString()).readOnly().open()) {
            long reached = store.getCurrentVersion();
            chunksFillRate = store.getFileStore().getChunksFillRate();
            if (headerVersion.isPresent() && reached < headerVersion.getAsLong()) {
                throw damaged(mvFile, "parts of it are missing: only an older state of it can be found, version " + reached
                        + " of " + headerVersion.getAsLong(), null);
            }
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                return Optional.empty();
            }
            throw damaged(mvFile, "it is not in a form Ponder can read", e);
        } catch (IllegalStateException e) {
            throw damaged(mvFile, "it is not in a form Ponder can read", e);
        }
        String url = "jdbc:h2:file:" + base + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;DB_CLOSE_ON_EXIT=FALSE";
        Map<String, Long> rows;
        SchemaVersion.Schema schema;
        try (Connection c = DriverManager.getConnection(url, "ponder", "")) {
            schema = SchemaVersion.of(c);
            if (schema.state() == SchemaVersion.State.CURRENT) {
                listed.accept(LibraryRepository.all(c));
            }
            rows = readEveryRow(c);
            readEveryIndex(c);
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return Optional.empty();
            }
            throw damaged(mvFile, "some of its pages cannot be read", e);
        } catch (RuntimeException e) {
            throw damaged(mvFile, "some of its pages cannot be read", e);
        }
        log.info("Checked {} ({} bytes, chunks {} % live) in {} ms", mvFile, size, chunksFillRate,
                (System.nanoTime() - started) / 1_000_000);
        return Optional.of(new Checked(size, chunksFillRate, rows, schema));
    }

    /**
     * What a check read.
     *
     * @param bytes          the file's size in bytes
     * @param chunksFillRate how much of the file's chunk data is still live, in percent (H2's
     *                       {@code FileStore.getChunksFillRate}); low when commits were appended
     *                       and later overwritten
     * @param rows           rows per table ({@code "SCHEMA"."TABLE"})
     * @param schema         where its schema stands against the migrations on the class path, read
     *                       on the same read-only connection (so a start needs Flyway only to migrate)
     */
    record Checked(long bytes, int chunksFillRate, Map<String, Long> rows, SchemaVersion.Schema schema) {
    }

    /**
     * Reads every secondary index whole: for each index, its columns in index order through
     * {@code USE INDEX}, which H2 answers from the index's own pages.
     */
    private static void readEveryIndex(Connection c) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, String> tableOf = new LinkedHashMap<>();
        String sql = "SELECT i.INDEX_SCHEMA, i.TABLE_NAME, i.INDEX_NAME, c.COLUMN_NAME FROM INFORMATION_SCHEMA.INDEXES i "
                + "JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME "
                + "AND c.TABLE_NAME = i.TABLE_NAME WHERE i.INDEX_SCHEMA <> 'INFORMATION_SCHEMA' "
                + "ORDER BY i.INDEX_SCHEMA, i.INDEX_NAME, c.ORDINAL_POSITION";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String index = quoted(rs.getString(1)) + "." + quoted(rs.getString(3));
                tableOf.put(index, quoted(rs.getString(1)) + "." + quoted(rs.getString(2)));
                columns.computeIfAbsent(index, k -> new ArrayList<>()).add(quoted(rs.getString(4)));
            }
        }
        try (Statement st = c.createStatement()) {
            for (Map.Entry<String, List<String>> index : columns.entrySet()) {
                String cols = String.join(", ", index.getValue());
                String name = index.getKey().substring(index.getKey().indexOf('.') + 1);
                try (ResultSet rs = st.executeQuery("SELECT " + cols + " FROM " + tableOf.get(index.getKey())
                        + " USE INDEX (" + name + ") ORDER BY " + cols)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            rs.getObject(i);
                        }
                    }
                }
            }
        }
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static Map<String, Long> readEveryRow(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                if (!"INFORMATION_SCHEMA".equals(rs.getString("TABLE_SCHEM"))) {
                    tables.add('"' + rs.getString("TABLE_SCHEM") + "\".\"" + rs.getString("TABLE_NAME") + '"');
                }
            }
        }
        Map<String, Long> rows = new TreeMap<>();
        try (Statement st = c.createStatement()) {
            for (String table : tables) {
                long n = 0;
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    boolean[] binary = binaryColumns(rs.getMetaData());
                    while (rs.next()) {
                        n++;
                        for (int i = 1; i <= binary.length; i++) {
                            // getString reads a CLOB whole, from H2's separate LOB pages; getBytes a
                            // binary value (an embedding) without spelling it out in hex
                            if (binary[i - 1]) {
                                rs.getBytes(i);
                            } else {
                                rs.getString(i);
                            }
                        }
                    }
                }
                rows.put(table, n);
            }
        }
        return rows;
    }

    /** Per column (0-based): whether it holds bytes (BINARY, VARBINARY, BLOB). */
    private static boolean[] binaryColumns(java.sql.ResultSetMetaData meta) throws SQLException {
        boolean[] binary = new boolean[meta.getColumnCount()];
        for (int i = 0; i < binary.length; i++) {
            int type = meta.getColumnType(i + 1);
            binary[i] = type == java.sql.Types.BINARY || type == java.sql.Types.VARBINARY
                    || type == java.sql.Types.LONGVARBINARY || type == java.sql.Types.BLOB;
        }
        return binary;
    }

    /** The newest store version either header block names, if either can be read. */
    static OptionalLong headerVersion(Path mvFile) {
        byte[] head = new byte[2 * BLOCK];
        int read;
        try (InputStream in = Files.newInputStream(mvFile)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        OptionalLong newest = OptionalLong.empty();
        for (int offset = 0; offset + 64 <= read; offset += BLOCK) {
            String text = new String(head, offset, Math.min(BLOCK, read - offset), StandardCharsets.ISO_8859_1);
            Matcher m = HEADER_VERSION.matcher(text);
            if (m.find()) {
                long v = Long.parseLong(m.group(1), 16);
                if (newest.isEmpty() || v > newest.getAsLong()) {
                    newest = OptionalLong.of(v);
                }
            }
        }
        return newest;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return -1;
        }
    }

    static StoreException.Damaged damaged(Path mvFile, String why, Throwable cause) {
        Optional<Path> backup = LibraryFiles.newestBackup(mvFile.getParent());
        String offer = backup.map(b -> " The newest backup is " + b + " (from " + modified(b)
                        + "): choose “Use the backup” in Ponder's window, or move the damaged file aside and copy the backup in its place.")
                .orElse(" There is no backup of it; Ponder can start an empty library and keep the damaged file.");
        String problem = "The library " + mvFile + " is damaged (" + why + "); the file was left as it is.";
        return new StoreException.Damaged(problem, problem + offer, mvFile, backup, cause);
    }

    private static String modified(Path f) {
        try {
            return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault())
                    .format(Files.getLastModifiedTime(f).toInstant());
        } catch (IOException e) {
            return "an unknown date";
        }
    }
}
