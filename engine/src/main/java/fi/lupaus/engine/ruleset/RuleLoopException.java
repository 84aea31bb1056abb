package fi.lupaus.engine.ruleset;

import java.util.List;

/**
 * Rules that keep firing: a decision was stopped after too many firings or, as a
 * {@link RuleTimeoutException}, after its firings ran too long. Which bound stops a loop first
 * depends on how fast the firings run, so callers handle both as this one.
 */
public class RuleLoopException extends RuntimeException {

    public RuleLoopException(String ruleSetVersion, int maxFirings, List<String> firstFired) {
        this("rule set " + ruleSetVersion + " fired more than " + maxFirings
                + " rules for one decision and was stopped; the first were " + firstFired);
    }

    protected RuleLoopException(String message) {
        super(message);
    }
}
