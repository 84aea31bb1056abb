package fi.lupaus.engine.log;

import java.util.List;

import fi.lupaus.engine.decision.Action;

/**
 * The actions of one record of the log with its place in the chain, for readers that follow the
 * log to deliver them.
 *
 * @param seq        its place in the chain, from 1
 * @param decisionId the decision that gave them
 * @param actions    its actions; none when its personal data was erased
 */
public record LoggedActions(long seq, String decisionId, List<Action> actions) {

    public LoggedActions {
        actions = List.copyOf(actions);
    }
}
