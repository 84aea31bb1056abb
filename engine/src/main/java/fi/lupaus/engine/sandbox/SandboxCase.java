package fi.lupaus.engine.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.Feedback;

/**
 * One thing for rules in the sandbox to decide: a feedback (or none, for a case coming due) with
 * its context, at a decision time.
 *
 * @param feedback     the feedback, or {@code null} when the context holds a case coming due
 * @param context      the other facts
 * @param decisionTime the time the rules see
 */
public record SandboxCase(Feedback feedback, DecisionContext context, Instant decisionTime) {

    public SandboxCase {
        Objects.requireNonNull(decisionTime, "decisionTime");
        context = context == null ? DecisionContext.NONE : context;
    }

    /** Every fact, the feedback first, as a live decision inserts them. */
    public List<Object> facts() {
        List<Object> facts = new ArrayList<>();
        if (feedback != null) {
            facts.add(feedback);
        }
        facts.addAll(context.facts());
        return facts;
    }
}
