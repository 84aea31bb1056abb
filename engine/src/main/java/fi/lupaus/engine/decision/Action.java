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
 * @param caseId         the case a case action is about, or {@code null}
 * @param stage          the escalation stage a reminder or escalation is, or {@code null}
 */
public record Action(
        ActionType type,
        String promise,
        String owner,
        Priority priority,
        Instant dueAt,
        Instant scheduledAt,
        boolean loyaltyBenefit,
        String caseId,
        String stage) {

    public Action {
        Objects.requireNonNull(type, "type");
    }

    public Action(ActionType type, String promise, String owner, Priority priority, Instant dueAt,
                  Instant scheduledAt, boolean loyaltyBenefit) {
        this(type, promise, owner, priority, dueAt, scheduledAt, loyaltyBenefit, null, null);
    }

    public static Action thank() {
        return new Action(ActionType.THANK, null, null, null, null, null, false);
    }

    public static Action thankWithLoyaltyBenefit() {
        return new Action(ActionType.THANK, null, null, null, null, null, true);
    }

    /** A thank-you to be given at a time (outside the quiet hours). */
    public static Action thank(Instant at) {
        Objects.requireNonNull(at, "at");
        return new Action(ActionType.THANK, null, null, null, null, at, false);
    }

    public static Action thankWithLoyaltyBenefit(Instant at) {
        Objects.requireNonNull(at, "at");
        return new Action(ActionType.THANK, null, null, null, null, at, true);
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

    /** Adds the feedback to the customer's open case {@code caseId}. */
    public static Action addToCase(String caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return new Action(ActionType.ADD_TO_CASE, null, null, null, null, null, false, caseId, null);
    }

    /** Reminds the owner of a case that its deadline is near; {@code stage} names this step. */
    public static Action remind(String caseId, String stage, String owner) {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(owner, "owner");
        return new Action(ActionType.REMIND, null, owner, null, null, null, false, caseId, stage);
    }

    /** Hands a case to {@code owner}; {@code stage} names this step of the escalation chain. */
    public static Action escalate(String caseId, String stage, String owner) {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(owner, "owner");
        return new Action(ActionType.ESCALATE, null, owner, Priority.HIGH, null, null, false, caseId, stage);
    }

    /** Hands the case this decision opens or adds to to {@code owner}. */
    public static Action escalate(String stage, String owner) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(owner, "owner");
        return new Action(ActionType.ESCALATE, null, owner, Priority.HIGH, null, null, false, null, stage);
    }

    /** The customer of the resolved case {@code caseId} (which kept {@code promise}) is recovered. */
    public static Action recovered(String caseId, String promise) {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(promise, "promise");
        return new Action(ActionType.RECOVERED, promise, null, null, null, null, false, caseId, null);
    }

    /** Asks the customer for a review or a referral, at a time. */
    public static Action askForReview(Instant at) {
        Objects.requireNonNull(at, "at");
        return new Action(ActionType.ASK_FOR_REVIEW, null, null, null, null, at, false);
    }
}
