package fi.lupaus.engine.fact;

import java.time.Instant;
import java.util.Objects;

/**
 * One of the customer's cases as the rules see it when deciding the customer's new feedback:
 * {@code CustomerCase( open, promise == "detractor-contact-48h" )}.
 *
 * @param caseId     the case
 * @param promise    the promise it keeps
 * @param owner      who follows it up
 * @param state      where it is
 * @param receivedAt when the feedback that opened it was given; its deadline runs from here
 * @param dueAt      its deadline
 * @param resolvedAt when it was resolved, or {@code null}
 */
public record CustomerCase(String caseId, String promise, String owner, CaseState state, Instant receivedAt,
                           Instant dueAt, Instant resolvedAt) {

    public CustomerCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(promise, "promise");
        Objects.requireNonNull(state, "state");
    }

    /** Open or acknowledged. */
    public boolean isOpen() {
        return state.isActive();
    }

    public boolean isResolved() {
        return state == CaseState.RESOLVED;
    }

    /** Resolved before the instant. */
    public boolean resolvedBefore(Instant instant) {
        return resolvedAt != null && resolvedAt.isBefore(instant);
    }
}
