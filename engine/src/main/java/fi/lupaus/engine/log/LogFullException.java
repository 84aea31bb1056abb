package fi.lupaus.engine.log;

/** The log's write queue is full: storage is behind, and the caller should try again shortly. */
public class LogFullException extends RuntimeException {

    public LogFullException(int capacity) {
        super("the decision log has " + capacity + " appends waiting to be written; try again shortly");
    }
}
