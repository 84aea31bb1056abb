package fi.lupaus.engine.ruleset;

import java.time.Duration;

/**
 * Rules that take too long: a decision was stopped because its firings ran longer than the time
 * budget of a decision. A kind of {@link RuleLoopException}, because a rule set that keeps firing
 * slowly meets this bound before the bound on firings.
 */
public class RuleTimeoutException extends RuleLoopException {

    public RuleTimeoutException(String ruleSetVersion, Duration budget, int firings, String lastFired) {
        super("rule set " + ruleSetVersion + " ran longer than " + budget.toMillis() + " ms for one decision and was"
                + " stopped after " + firings + " firings; the last rule fired was '" + lastFired + "'");
    }
}
