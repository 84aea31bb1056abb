package fi.lupaus.engine.casework;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.CaseState;

/**
 * A follow-up case: a promise made to one customer, with its deadline, owner and history. It is
 * kept when it is resolved by its deadline, broken when it is resolved later or still open past it.
 *
 * @param caseId      the case
 * @param customerId  whose
 * @param promise     the promise it keeps
 * @param owner       who follows it up
 * @param priority    how urgent
 * @param state       where it is
 * @param receivedAt  when the feedback was given; the deadline runs from here
 * @param openedAt    when the decision that opened it was made
 * @param dueAt       the deadline
 * @param closedAt    when it was resolved or cancelled, or {@code null}
 * @param outcome     how it was resolved, or {@code null}
 * @param note        the resolver's note, or {@code null}
 * @param stages      the escalation stages decided for it
 * @param recoveredAt when the customer answered as a promoter after it was resolved, or {@code null}
 * @param decisionId  the decision that opened it
 * @param history     its steps, oldest first (empty in listings)
 */
public record CaseFile(String caseId, String customerId, String promise, String owner, Priority priority,
                       CaseState state, Instant receivedAt, Instant openedAt, Instant dueAt, Instant closedAt,
                       Outcome outcome, String note, Set<String> stages, Instant recoveredAt, String decisionId,
                       List<CaseEvent> history) {

    public CaseFile {
        stages = Set.copyOf(stages);
        history = List.copyOf(history);
    }

    /** Resolved by its deadline. */
    public boolean isKept() {
        return state == CaseState.RESOLVED && !closedAt.isAfter(dueAt);
    }

    /**
     * Resolved or cancelled after its deadline, or still open past it at {@code now}: cancelling a case
     * that is already late does not unbreak its promise (else cancelling late cases would raise the kept rate).
     */
    public boolean isBroken(Instant now) {
        return switch (state) {
            case RESOLVED, CANCELLED -> closedAt.isAfter(dueAt);
            default -> state.isActive() && now.isAfter(dueAt);
        };
    }

    public boolean isOverdue(Instant now) {
        return state.isActive() && now.isAfter(dueAt);
    }

    /** Whether the text can be a case id at all (a UUID as the store writes them). */
    public static boolean isCaseId(String caseId) {
        return caseId != null && caseId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    public CaseFile withHistory(List<CaseEvent> events) {
        return new CaseFile(caseId, customerId, promise, owner, priority, state, receivedAt, openedAt, dueAt,
                closedAt, outcome, note, stages, recoveredAt, decisionId, events);
    }
}
