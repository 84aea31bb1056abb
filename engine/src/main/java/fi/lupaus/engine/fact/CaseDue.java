package fi.lupaus.engine.fact;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import fi.lupaus.engine.decision.Priority;

/**
 * An open case as the deadline sweep sees it at a moment: how much of its promise's time is used,
 * and which escalation stages were decided for it already. Rules decide what it needs:
 * {@code CaseDue( percentUsed >= 100, stagesDone not contains "team-lead" )}.
 *
 * @param caseId      the case
 * @param customerId  whose case
 * @param promise     the promise the case keeps
 * @param owner       who follows it up now
 * @param priority    how urgent it is
 * @param state       open or acknowledged
 * @param receivedAt  when the feedback was given: the promise's time runs from here
 * @param dueAt       the deadline
 * @param at          the moment of the sweep
 * @param stagesDone  the escalation stages already decided for the case
 */
public record CaseDue(String caseId, String customerId, String promise, String owner, Priority priority,
                      CaseState state, Instant receivedAt, Instant dueAt, Instant at, Set<String> stagesDone) {

    public CaseDue {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(promise, "promise");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(at, "at");
        stagesDone = Set.copyOf(stagesDone);
    }

    /** How much of the promise's time is used at the sweep, in whole percent: 100 at the deadline. */
    public int getPercentUsed() {
        long promised = Math.max(1, Duration.between(receivedAt, dueAt).toMillis());
        long used = Duration.between(receivedAt, at).toMillis();
        return (int) Math.floorDiv(used * 100, promised);
    }

    /** Past the deadline. */
    public boolean isOverdue() {
        return at.isAfter(dueAt);
    }
}
