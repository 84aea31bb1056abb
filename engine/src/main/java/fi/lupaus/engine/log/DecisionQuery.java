package fi.lupaus.engine.log;

import java.time.Instant;

import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;

/**
 * Which decisions to list, oldest first, one page at a time.
 *
 * @param customerId only this customer's, or {@code null} for all
 * @param from       decided at or after, or {@code null}
 * @param to         decided before, or {@code null}
 * @param after      the cursor of the previous page, or {@code null} for the first page
 * @param limit      at most this many
 * @param rule       only decisions where a rule fired whose name contains this, in any case, or {@code null}
 * @param action     only decisions with an action of this type, or {@code null}
 * @param answers    only decisions of answers like these: what a scoreboard number counts
 */
public record DecisionQuery(String customerId, Instant from, Instant to, String after, int limit, String rule,
                            ActionType action, Answers answers) {

    /**
     * The answers a scoreboard number counts; every part may be {@code null}.
     *
     * @param receivedFrom given at or after
     * @param receivedTo   given before
     * @param answered     only decisions of an answer to a survey (not the deadline sweep's)
     * @param survey       only answers to this survey
     * @param scoreMin     only answers scored at least this
     * @param scoreMax     only answers scored at most this
     * @param touchpoint   only answers given at this touchpoint
     * @param phase        only answers given in this phase of the journey
     */
    public record Answers(Instant receivedFrom, Instant receivedTo, boolean answered, Survey survey, Integer scoreMin,
                          Integer scoreMax, Touchpoint touchpoint, Phase phase) {

        /** Every decision. */
        public static final Answers ANY = new Answers(null, null, false, null, null, null, null, null);
    }

    public DecisionQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        answers = answers == null ? Answers.ANY : answers;
    }

    public DecisionQuery(String customerId, Instant from, Instant to, String after, int limit, String rule,
                         ActionType action) {
        this(customerId, from, to, after, limit, rule, action, Answers.ANY);
    }

    public DecisionQuery(String customerId, Instant from, Instant to, String after, int limit) {
        this(customerId, from, to, after, limit, null, null, Answers.ANY);
    }
}
