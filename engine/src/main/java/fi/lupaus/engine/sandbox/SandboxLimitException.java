package fi.lupaus.engine.sandbox;

/**
 * Rules in the sandbox hit one of its limits, or failed: the message says which, in words a
 * CX manager reads ("the rules used more than 192 MB of memory").
 */
public class SandboxLimitException extends RuntimeException {

    /** Which limit was hit. */
    public enum Limit {
        /** the worker's heap */
        MEMORY,
        /** the deadline of one request */
        TIME,
        /** the firings of one decision, or its CPU budget */
        FIRINGS,
        /** the size of the answer */
        OUTPUT,
        /** the rules threw, or the worker stopped for another reason */
        FAILURE,
        /** no worker was free in time */
        BUSY
    }

    private final Limit limit;

    public SandboxLimitException(Limit limit, String message) {
        super(message, null, false, false);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
