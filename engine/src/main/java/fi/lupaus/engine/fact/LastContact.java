package fi.lupaus.engine.fact;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import fi.lupaus.engine.decision.ActionType;

/**
 * The last time the company contacted the customer on its own (a thank-you or aftercare), given
 * to the rules with the customer's new feedback: {@code LastContact( withinDaysOf($now, 7) )}.
 */
public record LastContact(ActionType type, Instant at) {

    public LastContact {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }

    /** Whether the contact happened at most {@code days} days before {@code time} (and not after it). */
    public boolean withinDaysOf(Instant time, int days) {
        return !at.isAfter(time) && Duration.between(at, time).compareTo(Duration.ofDays(days)) <= 0;
    }
}
