package fi.lupaus.engine.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.Feedback;

/**
 * One entry of the decision log: what was decided, for which input. The input is a customer's
 * feedback with its context (the customer's recent history), or, for a deadline sweep, a case
 * coming due (in the context) and no feedback.
 *
 * @param decisionId the log's identifier of the decision
 * @param key        the idempotency key: the feedback id, or a sweep's key of a case and its stages
 * @param customerId whose decision
 * @param feedback   the feedback decided, or {@code null} for a decision on a case coming due
 * @param context    the other facts the rules were given
 * @param decision   the decision
 */
public record DecisionRecord(String decisionId, String key, String customerId, Feedback feedback,
                             DecisionContext context, Decision decision) {

    public DecisionRecord {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(decision, "decision");
        if (feedback == null && context.caseDue() == null) {
            throw new IllegalArgumentException("a decision is made for a feedback or for a case coming due");
        }
    }

    /** A decision on feedback given no other facts. */
    public DecisionRecord(String decisionId, Feedback feedback, Decision decision) {
        this(decisionId, feedback, DecisionContext.NONE, decision);
    }

    /** A decision on feedback with its context. */
    public DecisionRecord(String decisionId, Feedback feedback, DecisionContext context, Decision decision) {
        this(decisionId, feedback.id(), feedback.customerId(), feedback, context, decision);
    }

    /** Every fact the rules were given, the feedback first: what a replay gives them again. */
    public List<Object> facts() {
        List<Object> facts = new ArrayList<>();
        if (feedback != null) {
            facts.add(feedback);
        }
        facts.addAll(context.facts());
        return facts;
    }
}
