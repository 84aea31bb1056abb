package fi.lupaus.engine.decision;

import java.time.Instant;

/**
 * The moment a decision is made, given to the rules as a fact so that no rule ever reads the
 * wall clock: {@code DecisionTime( $now : now )}.
 */
public record DecisionTime(Instant now) {
}
