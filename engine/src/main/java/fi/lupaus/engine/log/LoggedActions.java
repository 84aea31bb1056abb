package fi.lupaus.engine.log;

import java.time.Instant;
import java.util.List;

import fi.lupaus.engine.decision.Action;

/**
 * The actions of one record of the log, with what their delivery tells about the decision, for
 * readers that follow the log to deliver them: read without parsing the feedback and context.
 *
 * @param seq            its place in the chain, from 1
 * @param decisionId     the decision that gave them
 * @param key            the decision's idempotency key (the feedback id, or a sweep's key)
 * @param customerId     whose decision; empty when their personal data was erased
 * @param ruleSetVersion the rule set that decided
 * @param decidedAt      the decision time
 * @param actions        its actions; none when the customer's personal data was erased
 */
public record LoggedActions(long seq, String decisionId, String key, String customerId, String ruleSetVersion,
                            Instant decidedAt, List<Action> actions) {

    public LoggedActions {
        actions = List.copyOf(actions);
    }
}
