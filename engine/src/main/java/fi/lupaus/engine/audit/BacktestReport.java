package fi.lupaus.engine.audit;

import java.util.List;
import java.util.Map;

import fi.lupaus.engine.decision.Decision;

/**
 * What a candidate rule set would have decided for recorded feedback, against what was decided.
 *
 * @param candidateVersion the candidate rule set's version
 * @param decided          how many recorded feedback were decided again
 * @param changed          how many of those the candidate decides differently
 * @param actionsBefore    count of each action type as recorded
 * @param actionsAfter     count of each action type as the candidate decides
 * @param rulesBefore      how often each rule fired as recorded
 * @param rulesAfter       how often each rule fires under the candidate
 * @param sample           the first changed decisions, with both outcomes
 */
public record BacktestReport(String candidateVersion, long decided, long changed, Map<String, Long> actionsBefore,
                             Map<String, Long> actionsAfter, Map<String, Long> rulesBefore,
                             Map<String, Long> rulesAfter, List<Change> sample) {

    /** One feedback the candidate decides differently. */
    public record Change(String decisionId, Decision before, Decision after) {
    }

    public BacktestReport {
        actionsBefore = Map.copyOf(actionsBefore);
        actionsAfter = Map.copyOf(actionsAfter);
        rulesBefore = Map.copyOf(rulesBefore);
        rulesAfter = Map.copyOf(rulesAfter);
        sample = List.copyOf(sample);
    }
}
