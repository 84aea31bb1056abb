package fi.lupaus.engine.log;

/** The decision log could not be read or written. */
public class LogAccessException extends RuntimeException {

    public LogAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
