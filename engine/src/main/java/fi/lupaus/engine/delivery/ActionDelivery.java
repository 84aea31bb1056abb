package fi.lupaus.engine.delivery;

import java.time.Instant;

import fi.lupaus.engine.decision.Action;

/**
 * One action to deliver through one handler, with the decision it came from.
 *
 * @param deliveryId     stable across attempts: {@code <decisionId>/<actionIndex>/<handler>}; the
 *                       idempotency key for the receiver
 * @param attempt        1 on the first try
 * @param decisionId     the decision that asked for the action
 * @param feedbackId     the feedback it decided, or for a decision on a case coming due, the
 *                       decision's key
 * @param customerId     whose feedback it was
 * @param ruleSetVersion the rules that decided
 * @param decidedAt      the decision time
 * @param actionIndex    the action's place among the decision's actions, from 0
 * @param action         what to do
 */
public record ActionDelivery(String deliveryId, int attempt, String decisionId, String feedbackId,
                             String customerId, String ruleSetVersion, Instant decidedAt, int actionIndex,
                             Action action) {
}
