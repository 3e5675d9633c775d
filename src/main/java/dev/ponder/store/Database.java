package dev.ponder.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ponder's embedded H2 database ({@code ponder.mv.db} in the data directory), migrated by Flyway
 * from {@code db/migration}. Before a pending migration runs on an existing file, the file is
 * copied to {@code ponder.mv.db.before-vN.bak}; migrations run on a copy renamed into place only
 * when they all succeeded, so a failed or killed migration leaves the library as it was.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final String FILE_NAME = "ponder";

    private final Path file;
    private final JdbcConnectionPool pool;

    private Database(Path file, JdbcConnectionPool pool) {
        this.file = file;
        this.pool = pool;
    }

    /**
     * Opens (creating if needed) and migrates the database in {@code dataDir}. An existing file is
     * first read whole without writing to it ({@link LibraryCheck}).
     *
     * <p>Migrations never run on the library itself: H2 commits each DDL statement at once, so a
     * process killed in the middle of a migration (measured: by the reliability test) left a
     * half-migrated file that no later start could migrate. They run on a copy
     * ({@code ponder-migrating.mv.db}) that replaces the library in one atomic rename when every
     * migration succeeded; before that, an existing library is also copied to
     * {@code ponder.mv.db.before-vN.bak}.
     *
     * @throws StoreException.InUse   when another Ponder holds the file
     * @throws StoreException.Damaged when the file cannot be read whole; it is left untouched
     * @throws StoreException         with a sentence for the user when a migration failed (the
     *                                library is left as it was) or the folder cannot be created
     */
    public static Database open(Path dataDir) throws StoreException {
        return open(dataDir, documents -> { });
    }

    /**
     * As {@link #open(Path)}, telling {@code listed} the library's documents, oldest first, as soon as
     * a start has read them and before the library is open for writing (issue #17: the window lists
     * them while the check and the opening go on): an empty list for a new library, the documents
     * table read by the check ({@link LibraryCheck}) for an existing one with the current schema. Not
     * told when another process holds the file or the schema is migrated first: the opened library
     * lists them then. Called on this thread, at most once per call.
     */
    public static Database open(Path dataDir, Consumer<List<DocumentEntry>> listed) throws StoreException {
        return open(dataDir, List.of(), listed);
    }

    /** As {@link #open(Path)}, with Flyway also reading migrations from {@code extraLocations} (tests). */
    static Database open(Path dataDir, List<String> extraLocations) throws StoreException {
        return open(dataDir, extraLocations, documents -> { });
    }

    private static Database open(Path dataDir, List<String> extraLocations, Consumer<List<DocumentEntry>> listed) {
        DataFolder.prepare(dataDir);
        StorageFault.watch(dataDir);
        Path base = dataDir.resolve(FILE_NAME).toAbsolutePath();
        Path mvFile = base.resolveSibling(FILE_NAME + ".mv.db");
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        locations.addAll(extraLocations);
        if (Files.exists(mvFile)) {
            Optional<LibraryCheck.Checked> checked = LibraryCheck.verify(base, mvFile,
                    extraLocations.isEmpty() ? listed : documents -> { });
            // told by the check's read-only connection, without Flyway, when it can be (SchemaVersion)
            SchemaVersion.Schema schema = extraLocations.isEmpty()
                    ? checked.map(LibraryCheck.Checked::schema).orElse(SchemaVersion.Schema.UNKNOWN)
                    : SchemaVersion.Schema.UNKNOWN;
            if (schema.state() == SchemaVersion.State.NEWER) {
                throw tooNew(schema.applied(), mvFile);
            } else if (schema.state() == SchemaVersion.State.UNKNOWN) {
                refuseNewer(base, mvFile, locations);
            }
            // only a library that passed the check is a backup worth offering, or worth compacting
            checked.ifPresent(c -> {
                keepLastGood(mvFile);
                Compaction.ifSparse(base, mvFile, c);
            });
            JdbcConnectionPool pool = connect(url(base), mvFile);
            if (schema.state() == SchemaVersion.State.CURRENT) {
                keepPrivate(mvFile);
                return new Database(mvFile, pool);
            }
            MigrationInfoService info = flyway(pool, locations).info();
            if (info.pending().length == 0) {
                keepPrivate(mvFile);
                return new Database(mvFile, pool);
            }
            // copied while nobody has the file open, so the copy is exactly what the last Ponder left
            pool.dispose();
            Path backup = mvFile.resolveSibling(mvFile.getFileName() + ".before-v" + info.pending()[0].getVersion() + ".bak");
            if (info.applied().length > 0) {
                copyAside(mvFile, backup);
            }
            migrateACopy(base, mvFile, locations, Optional.of(backup).filter(Files::exists));
        } else {
            listed.accept(List.of());
            migrateACopy(base, mvFile, locations, Optional.empty());
        }
        Database db = new Database(mvFile, connect(url(base), mvFile));
        keepPrivate(mvFile);
        return db;
    }

    /** The library and everything beside it that holds its content: 0600 (see {@link PrivateFiles}). */
    private static void keepPrivate(Path mvFile) {
        PrivateFiles.restrict(mvFile);
        PrivateFiles.restrict(mvFile.resolveSibling(FILE_NAME + ".trace.db"));
        try (var files = Files.list(mvFile.getParent())) {
            files.filter(f -> f.getFileName().toString().startsWith(FILE_NAME + ".mv.db.")).forEach(PrivateFiles::restrict);
        } catch (IOException e) {
            log.warn("Could not list {}", mvFile.getParent(), e);
        }
    }

    /**
     * FILE_LOCK=FILE (H2's default) makes a second process fail fast with 90020. WRITE_DELAY=0: a
     * commit is on disk when it returns; H2's default (up to a second later) lost committed answers
     * and imports when the process was killed or the machine went down.
     *
     * <p>REUSE_SPACE=FALSE: every commit's chunk is written after the last chunk in use, at the
     * end of the file, where H2's open after a kill finds it by reading the file backwards from its
     * end. With free space reused (H2's default), a chunk written inside the file is found only
     * through the file header or the previous chunk's predicted {@code next} position; when that
     * prediction misses, H2 2.5.252 rewrites the header, but with the <em>previous</em> chunk in
     * it ({@code RandomAccessStore.writeChunk} runs before {@code FileStore.storeBuffer} sets
     * {@code lastChunk}), so after a kill the open stops at the previous chunk and the commit is
     * gone, together with every commit chained after it (ADR 0011). The file grows instead; the
     * start compacts it into a checked copy when most of it is dead ({@link Compaction}).
     */
    static String url(Path base) {
        return "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;REUSE_SPACE=FALSE";
    }

    /** Migrates a copy of the library (or a new one) beside it, then renames it over the library. */
    private static void migrateACopy(Path base, Path mvFile, List<String> locations, Optional<Path> backup) {
        Path workBase = base.resolveSibling(FILE_NAME + "-migrating");
        Path work = workBase.resolveSibling(FILE_NAME + "-migrating.mv.db");
        try {
            // left by a process killed while migrating: the library itself was not touched
            Files.deleteIfExists(work);
            Files.deleteIfExists(workBase.resolveSibling(FILE_NAME + "-migrating.trace.db"));
            if (Files.exists(mvFile)) {
                Files.copy(mvFile, work);
            }
        } catch (IOException e) {
            throw new StoreException("Ponder could not prepare the update of its library (" + e.getMessage()
                    + "); nothing was changed.", e);
        }
        JdbcConnectionPool pool = connect(url(workBase), work);
        try {
            flyway(pool, locations).migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            deleteQuietly(work);
            if (!Files.exists(mvFile)) {
                throw new StoreException("Ponder could not set up its library in " + mvFile + ": " + e.getMessage(), e);
            }
            throw new StoreException("Updating the library to Ponder's new format failed; your library " + mvFile
                    + " was left as it was" + backup.map(b -> ", and a copy of it is at " + b).orElse("") + ".", e);
        }
        pool.dispose();
        try {
            Files.move(work, mvFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("Migrated {} (on a copy, renamed into place)", mvFile);
        } catch (IOException e) {
            deleteQuietly(work);
            throw new StoreException("Ponder could not put the updated library in place (" + e.getMessage()
                    + "); your library " + mvFile + " was left as it was.", e);
        }
    }

    /**
     * Throws when the library was migrated by a newer Ponder (Flyway finds applied versions it
     * does not know), before anything opens it for writing: its schema may have changed in ways
     * this version would misread, and writing to it could spoil it for the newer one.
     *
     * @throws StoreException.TooNew naming the schema version
     */
    private static void refuseNewer(Path base, Path mvFile, List<String> locations) {
        org.h2.jdbcx.JdbcDataSource readOnly = new org.h2.jdbcx.JdbcDataSource();
        readOnly.setURL("jdbc:h2:file:" + base + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;DB_CLOSE_ON_EXIT=FALSE");
        readOnly.setUser("ponder");
        readOnly.setPassword("");
        org.flywaydb.core.api.MigrationInfo[] applied;
        try {
            applied = Flyway.configure().dataSource(readOnly).locations(locations.toArray(String[]::new)).load()
                    .info().applied();
        } catch (RuntimeException e) {
            log.warn("Could not read the schema version of {}", mvFile, e);
            return; // the writable open and its migration say what is wrong
        }
        Arrays.stream(applied).filter(m -> m.getState().name().startsWith("FUTURE") && m.getVersion() != null)
                .map(m -> m.getVersion().getVersion()).reduce((a, b) -> b).ifPresent(version -> {
                    throw tooNew(version, mvFile);
                });
    }

    private static StoreException.TooNew tooNew(String version, Path mvFile) {
        return new StoreException.TooNew("This library was written by a newer version of Ponder (schema "
                + version + "); update Ponder. The library " + mvFile + " was not changed.", mvFile);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }

    /**
     * Copies a library that was just read whole to {@code ponder.mv.db.last-good.bak}, unless that
     * copy is already of this file (same size and time); the backup a damaged library is offered.
     */
    private static void keepLastGood(Path mvFile) {
        Path copy = mvFile.resolveSibling(mvFile.getFileName() + ".last-good.bak");
        try {
            if (Files.exists(copy) && Files.size(copy) == Files.size(mvFile)
                    && Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(mvFile))) {
                return;
            }
            LibraryFiles.copyAtomically(mvFile, copy);
        } catch (IOException e) {
            log.warn("Could not copy {} to {}; a damaged library would have no recent backup", mvFile, copy, e);
        }
    }

    private static JdbcConnectionPool connect(String url, Path mvFile) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "ponder", "");
        pool.setMaxConnections(16);
        try (Connection probe = pool.getConnection()) {
            probe.isValid(1);
            return pool;
        } catch (SQLException e) {
            pool.dispose();
            throw openFailure(mvFile, e);
        }
    }

    private static Flyway flyway(JdbcConnectionPool pool, List<String> locations) {
        return Flyway.configure().dataSource(pool).locations(locations.toArray(String[]::new)).load();
    }

    private static StoreException openFailure(Path mvFile, SQLException e) {
        if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new StoreException.InUse("The library " + mvFile
                    + " is open in another Ponder window; close that window first, or drop the files on it.", e);
        }
        return LibraryCheck.damaged(mvFile, "it cannot be opened: " + e.getMessage(), e);
    }

    private static void copyAside(Path mvFile, Path backup) {
        try {
            LibraryFiles.copyAtomically(mvFile, backup);
            log.info("Copied {} to {} before migrating", mvFile, backup);
        } catch (IOException e) {
            throw new StoreException("Ponder could not copy its library aside before updating it (" + e.getMessage()
                    + "); nothing was changed.", e);
        }
    }

    /** Work done on one connection inside a transaction. */
    @FunctionalInterface
    public interface Transaction<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws,
     * so a crash or an error leaves all of it or none of it.
     *
     * @throws StoreException with {@code failureSentence} when the database fails
     */
    public <T> T inTransaction(String failureSentence, Transaction<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(failureSentence, e);
        }
    }

    /** Sets the parameters of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    interface Rows {
        void row(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a query, handing each row to {@code rows}.
     *
     * @throws StoreException with {@code failureSentence} when the database fails
     */
    void query(String failureSentence, String sql, Binder binder, Rows rows) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException(failureSentence, e);
        }
    }

    /** A pooled connection; close it after use. */
    public Connection connection() throws SQLException {
        Optional<Throwable> stopped = StorageFault.stopped(file.getParent());
        if (stopped.isPresent()) {
            // the store closed itself after a failed write: every later call fails with that write's fault
            throw new SQLException("The library stopped after a failed write", stopped.get());
        }
        return pool.getConnection();
    }

    /**
     * Why this library cannot be written, as the end of a sentence ("the disk it is on is mounted
     * read-only", "your account may not write to FILE"); empty when it can be. H2 then opened it
     * read-only: it can be read and asked about, and every write fails with that sentence.
     */
    public Optional<String> readOnly() {
        return StorageFault.readOnly(file.getParent());
    }

    /**
     * The sentence for a read-only library, {@code why} from {@link #readOnly()}: "Your library is
     * read-only (the disk it is on is mounted read-only): you can read it and ask questions, but
     * answers and documents are not saved, and Ponder does not think about your documents."
     */
    public static String readOnlySentence(String why) {
        return "Your library is read-only (" + why + "): you can read it and ask questions, but answers and "
                + "documents are not saved, and Ponder does not think about your documents.";
    }

    /** Path of the database file ({@code .mv.db}). */
    public Path file() {
        return file;
    }

    /** Closes every pooled connection; H2 closes the file with the last one. Idempotent. */
    @Override
    public void close() {
        if (StorageFault.stopped(file.getParent()).isPresent()) {
            // disposing the pool would roll back on the closed store, which spins (see connection());
            // H2 closed the store already, and the process ends or opens the library anew
            log.warn("Not closing the connections of {}: its store stopped after a failed write", file);
            return;
        }
        pool.dispose();
    }
}
