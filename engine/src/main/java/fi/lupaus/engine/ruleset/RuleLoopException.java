package fi.lupaus.engine.ruleset;

import java.util.List;

/** Rules that keep firing: a decision was stopped after too many firings. */
public class RuleLoopException extends RuntimeException {

    public RuleLoopException(String ruleSetVersion, int maxFirings, List<String> firstFired) {
        super("rule set " + ruleSetVersion + " fired more than " + maxFirings
                + " rules for one decision and was stopped; the first were " + firstFired);
    }
}
