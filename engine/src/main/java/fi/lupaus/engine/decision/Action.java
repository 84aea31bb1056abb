package fi.lupaus.engine.decision;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing a decision asks to be done. Rules create actions with the factory methods, which
 * read like the policy: {@code Action.openCase("complaint-24h", "service-team", Priority.NORMAL, due)}.
 *
 * @param type           what kind of action
 * @param promise        the customer promise a case keeps, or {@code null}
 * @param owner          who follows up a case, or {@code null}
 * @param priority       how urgent a case is, or {@code null}
 * @param dueAt          when a case must be closed by, or {@code null}
 * @param scheduledAt    when aftercare is to happen, or {@code null}
 * @param loyaltyBenefit whether a thank-you carries a loyalty benefit
 */
public record Action(
        ActionType type,
        String promise,
        String owner,
        Priority priority,
        Instant dueAt,
        Instant scheduledAt,
        boolean loyaltyBenefit) {

    public Action {
        Objects.requireNonNull(type, "type");
    }

    public static Action thank() {
        return new Action(ActionType.THANK, null, null, null, null, null, false);
    }

    public static Action thankWithLoyaltyBenefit() {
        return new Action(ActionType.THANK, null, null, null, null, null, true);
    }

    public static Action openCase(String promise, String owner, Priority priority, Instant dueAt) {
        Objects.requireNonNull(promise, "promise");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(dueAt, "dueAt");
        return new Action(ActionType.OPEN_CASE, promise, owner, priority, dueAt, null, false);
    }

    public static Action recovery() {
        return new Action(ActionType.RECOVERY, null, null, null, null, null, false);
    }

    public static Action aftercare(Instant scheduledAt) {
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        return new Action(ActionType.AFTERCARE, null, null, null, null, scheduledAt, false);
    }
}
