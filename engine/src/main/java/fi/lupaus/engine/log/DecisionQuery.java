package fi.lupaus.engine.log;

import java.time.Instant;

import fi.lupaus.engine.decision.ActionType;

/**
 * Which decisions to list, oldest first, one page at a time.
 *
 * @param customerId only this customer's, or {@code null} for all
 * @param from       decided at or after, or {@code null}
 * @param to         decided before, or {@code null}
 * @param after      the cursor of the previous page, or {@code null} for the first page
 * @param limit      at most this many
 * @param rule       only decisions where a rule fired whose name contains this, in any case, or {@code null}
 * @param action     only decisions with an action of this type, or {@code null}
 */
public record DecisionQuery(String customerId, Instant from, Instant to, String after, int limit, String rule,
                            ActionType action) {

    public DecisionQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    public DecisionQuery(String customerId, Instant from, Instant to, String after, int limit) {
        this(customerId, from, to, after, limit, null, null);
    }
}
