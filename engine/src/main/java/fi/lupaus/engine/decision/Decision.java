package fi.lupaus.engine.decision;

import java.time.Instant;
import java.util.List;

/**
 * What a rule set decided for some facts at a decision time: a pure function of those three.
 *
 * @param ruleSetVersion the SHA-256 of the rule set's sources
 * @param decidedAt      the decision time the rules saw
 * @param firedRules     the names of the rules that fired, in firing order
 * @param actions        the actions the rules emitted, in the order they were emitted
 */
public record Decision(String ruleSetVersion, Instant decidedAt, List<String> firedRules, List<Action> actions) {

    public Decision {
        firedRules = List.copyOf(firedRules);
        actions = List.copyOf(actions);
    }
}
