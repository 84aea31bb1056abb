package fi.lupaus.engine.log;

import java.util.Objects;

import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.fact.Feedback;

/**
 * A feedback and what was decided for it: one entry of the decision log.
 *
 * @param decisionId the log's identifier of the decision
 * @param feedback   the input fact
 * @param decision   the decision
 */
public record DecisionRecord(String decisionId, Feedback feedback, Decision decision) {

    public DecisionRecord {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(decision, "decision");
    }
}
