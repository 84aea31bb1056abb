package fi.lupaus.engine.jdbc;

/** The database cannot be opened: its message is one plain line naming the problem. */
public final class StoreUnreachableException extends RuntimeException {

    public StoreUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
