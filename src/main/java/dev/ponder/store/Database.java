package dev.ponder.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
     * Opens (creating if needed) and migrates the database in {@code dataDir}.
     *
     * @throws StoreException with a sentence for the user: the file is in use by another Ponder,
     *                        it is damaged, or a migration failed (and the backup was restored)
     */
    public static Database open(Path dataDir) throws StoreException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("Ponder cannot create its data folder " + dataDir + ": " + e.getMessage(), e);
        }
        Path base = dataDir.resolve(FILE_NAME).toAbsolutePath();
        Path mvFile = base.resolveSibling(FILE_NAME + ".mv.db");
        // FILE_LOCK=FILE (H2's default) makes a second process fail fast with 90020.
        // WRITE_DELAY=0: a commit is on disk when it returns. H2's default (up to a second later)
        // lost committed answers and imports when the process was killed or the machine went down.
        String url = "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "ponder", "");
        pool.setMaxConnections(16);
        try (Connection probe = pool.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            pool.dispose();
            throw openFailure(mvFile, e);
        }
        Database db = new Database(mvFile, pool);
        db.migrate();
        return db;
    }

    private static StoreException openFailure(Path mvFile, SQLException e) {
        if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new StoreException.InUse("The library " + mvFile
                    + " is open in another Ponder window; close that window first, or drop the files on it.", e);
        }
        return new StoreException("Ponder cannot open its library " + mvFile
                + " — the file may be damaged. Move it aside to start a new library. (" + e.getMessage() + ")", e);
    }

    private void migrate() throws StoreException {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load();
        MigrationInfo[] pending = flyway.info().pending();
        Path backup = null;
        boolean hasApplied = flyway.info().applied().length > 0;
        if (pending.length > 0 && hasApplied) {
            backup = file.resolveSibling(file.getFileName() + ".before-v" + pending[0].getVersion() + ".bak");
            copyAside(backup);
        }
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            if (backup != null) {
                restore(backup);
                throw new StoreException("Updating the library format failed; Ponder restored the copy it made first ("
                        + backup + "). Your documents and chats are as they were.", e);
            }
            throw new StoreException("Ponder could not set up its library in " + file + ": " + e.getMessage(), e);
        }
    }

    private void copyAside(Path backup) throws StoreException {
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            // an online backup is consistent even though the pool holds the file open
            st.execute("CHECKPOINT SYNC");
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
            log.info("Copied {} to {} before migrating", file, backup);
        } catch (SQLException | IOException e) {
            throw new StoreException("Ponder could not copy its library aside before updating it: " + e.getMessage(), e);
        }
    }

    private void restore(Path backup) {
        try {
            Files.copy(backup, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.error("Could not restore {} from {}", file, backup, e);
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
