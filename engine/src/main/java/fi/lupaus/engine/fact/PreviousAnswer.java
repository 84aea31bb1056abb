package fi.lupaus.engine.fact;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An earlier answer of the customer (of the last 90 days), given to the rules with a new one:
 * {@code PreviousAnswer( detractor, withinDaysOf($received, 90) )}. No comment: the rules need
 * the score, not the words.
 */
public record PreviousAnswer(String feedbackId, Instant receivedAt, Survey survey, int score, boolean complaint) {

    public PreviousAnswer {
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(survey, "survey");
    }

    public static PreviousAnswer of(Feedback feedback) {
        return new PreviousAnswer(feedback.id(), feedback.receivedAt(), feedback.survey(), feedback.score(),
                feedback.complaint());
    }

    public boolean isPromoter() {
        return survey == Survey.NPS && score >= 9;
    }

    public boolean isDetractor() {
        return survey == Survey.NPS && score <= 6;
    }

    /** Whether this answer was given at most {@code days} days before {@code time}. */
    public boolean withinDaysOf(Instant time, int days) {
        return !receivedAt.isAfter(time) && Duration.between(receivedAt, time).compareTo(Duration.ofDays(days)) <= 0;
    }
}
