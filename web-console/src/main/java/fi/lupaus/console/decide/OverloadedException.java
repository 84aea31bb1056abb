package fi.lupaus.console.decide;

/** The server has as much work in hand as it accepts; the caller should retry shortly. */
public class OverloadedException extends RuntimeException {

    public OverloadedException(int limit) {
        super("the server is deciding " + limit + " feedback already; try again shortly", null, false, false);
    }
}
