package fi.lupaus.engine.log;

import java.time.Instant;

/**
 * Which decisions to list, oldest first, one page at a time.
 *
 * @param customerId only this customer's, or {@code null} for all
 * @param from       decided at or after, or {@code null}
 * @param to         decided before, or {@code null}
 * @param after      the cursor of the previous page, or {@code null} for the first page
 * @param limit      at most this many
 */
public record DecisionQuery(String customerId, Instant from, Instant to, String after, int limit) {

    public DecisionQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
