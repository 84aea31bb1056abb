package fi.lupaus.engine.audit;

import java.util.List;

/**
 * Why a decision came out as it did: for every rule of its rule set, whether it fired, and
 * condition by condition, which held; for a rule that did not fire, the first that failed.
 *
 * @param decisionId     which decision
 * @param ruleSetVersion the rule set it was decided with
 * @param rules          one explanation per rule, in the order of the sources
 */
public record Explanation(String decisionId, String ruleSetVersion, List<RuleExplanation> rules) {

    public Explanation {
        rules = List.copyOf(rules);
    }

    /**
     * @param rule       the rule's name
     * @param fired      whether it fired for this decision
     * @param conditions its conditions in order, each with whether it held; conditions after the
     *                   first that failed are not evaluated and say so
     * @param detailed   false when the rule's conditions could not be read from its source
     */
    public record RuleExplanation(String rule, boolean fired, List<Condition> conditions, boolean detailed) {

        public RuleExplanation {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * @param pattern    the fact type the condition is about, or the construct (not, exists…)
     * @param expression the condition as written in the rule
     * @param held       true or false, or {@code null} when it was not reached
     */
    public record Condition(String pattern, String expression, Boolean held) {
    }
}
