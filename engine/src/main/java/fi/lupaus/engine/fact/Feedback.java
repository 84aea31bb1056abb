package fi.lupaus.engine.fact;

import java.time.Instant;
import java.util.Objects;

/**
 * One answer of a customer, as a backend system posted it: the fact every policy reads.
 *
 * <p>The classifications (promoter, detractor, low CSAT…) live here so that rules read like the
 * policy: {@code Feedback( detractor, loyaltyTier == LoyaltyTier.GOLD )}.
 *
 * @param id          the sender's idempotency key
 * @param customerId  who answered
 * @param receivedAt  when the customer gave the feedback; promise deadlines run from here
 * @param touchpoint  where the experience happened
 * @param phase       which phase of the customer journey
 * @param survey      which measure the score is on
 * @param score       NPS 0–10 or CSAT 1–5
 * @param comment     free text, or {@code null}
 * @param complaint   whether the customer complained
 * @param orderId     the order the feedback is about, or {@code null}
 * @param loyaltyTier the customer's loyalty tier
 */
public record Feedback(
        String id,
        String customerId,
        Instant receivedAt,
        Touchpoint touchpoint,
        Phase phase,
        Survey survey,
        int score,
        String comment,
        boolean complaint,
        String orderId,
        LoyaltyTier loyaltyTier) {

    public Feedback {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(touchpoint, "touchpoint");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(survey, "survey");
        Objects.requireNonNull(loyaltyTier, "loyaltyTier");
        if (!survey.accepts(score)) {
            throw new IllegalArgumentException(
                    "score " + score + " is outside " + survey + " range " + survey.min() + "–" + survey.max());
        }
    }

    /** NPS 9–10. */
    public boolean isPromoter() {
        return survey == Survey.NPS && score >= 9;
    }

    /** NPS 7–8. */
    public boolean isPassive() {
        return survey == Survey.NPS && score >= 7 && score <= 8;
    }

    /** NPS 0–6. */
    public boolean isDetractor() {
        return survey == Survey.NPS && score <= 6;
    }

    /** CSAT 1–2. */
    public boolean isLowCsat() {
        return survey == Survey.CSAT && score <= 2;
    }

    /** Silver and gold customers are the loyal ones. */
    public boolean isLoyal() {
        return loyaltyTier == LoyaltyTier.SILVER || loyaltyTier == LoyaltyTier.GOLD;
    }

    public boolean hasOrder() {
        return orderId != null;
    }
}
