package fi.lupaus.engine.casework;

import java.time.Instant;

/**
 * One step of a case's history.
 *
 * @param at         when
 * @param kind       what happened: opened, answer-added, reminded, escalated, recovered,
 *                   acknowledged, resolved, reassigned, cancelled
 * @param actor      who: a rule (by the decision) or a person
 * @param detail     in plain words, or {@code null}
 * @param decisionId the decision that did it, or {@code null} when a person did
 */
public record CaseEvent(Instant at, String kind, String actor, String detail, String decisionId) {
}
