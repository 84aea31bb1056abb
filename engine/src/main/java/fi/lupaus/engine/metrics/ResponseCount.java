package fi.lupaus.engine.metrics;

import java.time.Instant;

import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;

/** One recorded answer as the scoreboard counts it: no customer, no comment. */
public record ResponseCount(Touchpoint touchpoint, Phase phase, Instant receivedAt, Survey survey, int score) {
}
