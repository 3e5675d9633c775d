package dev.ponder.store;

/**
 * The library could not be opened, read or written. The message is a sentence for the user; the
 * cause (usually an {@link java.sql.SQLException}) holds the detail for the log.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The database file is held by another running Ponder (H2 error 90020). */
    public static final class InUse extends StoreException {
        public InUse(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
