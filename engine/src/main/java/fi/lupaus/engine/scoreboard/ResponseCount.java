package fi.lupaus.engine.scoreboard;

import java.time.Instant;

import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;

/**
 * Recorded answers as the scoreboard counts them, summed by the store: no customer, no comment.
 *
 * @param hour  the hour (UTC) the answers were given in
 * @param count how many answers of that hour gave this score, at this touchpoint and phase
 */
public record ResponseCount(Touchpoint touchpoint, Phase phase, Instant hour, Survey survey, int score, long count) {
}
