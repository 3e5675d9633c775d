package dev.ponder.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ponder's embedded H2 database ({@code ponder.mv.db} in the data directory), migrated by Flyway
 * from {@code db/migration}. Before a pending migration runs on an existing file, the file is
 * copied to {@code ponder.mv.db.before-vN.bak}; a failed migration puts that copy back.
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
     * @throws StoreException.InUse   when another Ponder holds the file
     * @throws StoreException.Damaged when the file cannot be read whole; it is left untouched
     * @throws StoreException         with a sentence for the user when a migration failed (and the
     *                                backup was restored) or the folder cannot be created
     */
    public static Database open(Path dataDir) throws StoreException {
        return open(dataDir, List.of());
    }

    /** As {@link #open(Path)}, with Flyway also reading migrations from {@code extraLocations} (tests). */
    static Database open(Path dataDir, List<String> extraLocations) throws StoreException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("Ponder cannot create its data folder " + dataDir + ": " + e.getMessage(), e);
        }
        Path base = dataDir.resolve(FILE_NAME).toAbsolutePath();
        Path mvFile = base.resolveSibling(FILE_NAME + ".mv.db");
        if (Files.exists(mvFile)) {
            LibraryCheck.verify(base, mvFile);
            keepLastGood(mvFile);
        }
        // FILE_LOCK=FILE (H2's default) makes a second process fail fast with 90020.
        // WRITE_DELAY=0: a commit is on disk when it returns. H2's default (up to a second later)
        // lost committed answers and imports when the process was killed or the machine went down.
        String url = "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        locations.addAll(extraLocations);
        JdbcConnectionPool pool = connect(url, mvFile);
        Flyway flyway = flyway(pool, locations);
        MigrationInfo[] pending = flyway.info().pending();
        Path backup = null;
        if (pending.length > 0 && flyway.info().applied().length > 0) {
            // copied while nobody has the file open, so the copy is exactly what the last Ponder left
            pool.dispose();
            backup = mvFile.resolveSibling(mvFile.getFileName() + ".before-v" + pending[0].getVersion() + ".bak");
            copyAside(mvFile, backup);
            pool = connect(url, mvFile);
            flyway = flyway(pool, locations);
        }
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            if (backup != null) {
                if (restore(backup, mvFile)) {
                    throw new StoreException("Updating the library to Ponder's new format failed, so Ponder put back the "
                            + "copy it made just before (" + backup + "); your documents and chats are as they were.", e);
                }
                throw new StoreException("Updating the library to Ponder's new format failed, and Ponder could not put "
                        + "back the copy it made just before: copy " + backup + " to " + mvFile + " yourself.", e);
            }
            throw new StoreException("Ponder could not set up its library in " + mvFile + ": " + e.getMessage(), e);
        }
        return new Database(mvFile, pool);
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
        if (Files.exists(backup)) {
            // an earlier start was stopped in the middle of this migration: that copy is from before it
            // began, while the file may now be half-migrated; keep the copy
            log.info("Keeping {}, made before an earlier attempt at this migration", backup);
            return;
        }
        try {
            LibraryFiles.copyAtomically(mvFile, backup);
            log.info("Copied {} to {} before migrating", mvFile, backup);
        } catch (IOException e) {
            throw new StoreException("Ponder could not copy its library aside before updating it (" + e.getMessage()
                    + "); nothing was changed.", e);
        }
    }

    private static boolean restore(Path backup, Path mvFile) {
        try {
            LibraryFiles.copyAtomically(backup, mvFile);
            log.warn("A migration failed; restored {} from {}", mvFile, backup);
            return true;
        } catch (IOException e) {
            log.error("Could not restore {} from {}", mvFile, backup, e);
            return false;
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
        return pool.getConnection();
    }

    /** Path of the database file ({@code .mv.db}). */
    public Path file() {
        return file;
    }

    /** Closes every pooled connection; H2 closes the file with the last one. Idempotent. */
    @Override
    public void close() {
        pool.dispose();
    }
}
