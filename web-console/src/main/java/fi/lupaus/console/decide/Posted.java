package fi.lupaus.console.decide;

import java.util.Objects;

import fi.lupaus.engine.fact.Feedback;

/**
 * One feedback as a sender posted it, read and normalised: enums by name, times as instants,
 * absent optional fields at their defaults.
 *
 * @param feedback        the feedback to decide
 * @param receivedAtGiven whether the sender gave {@code receivedAt}; when not, the arrival time
 *                        stands in, and it is not the sender's to compare
 */
public record Posted(Feedback feedback, boolean receivedAtGiven) {

    public Posted {
        Objects.requireNonNull(feedback, "feedback");
    }

    /**
     * Whether {@code recorded}, the feedback decided before under this id, is this feedback
     * posted again: every field equal after normalisation, {@code receivedAt} too unless this
     * post left it to the server.
     */
    public boolean sameAs(Feedback recorded) {
        if (recorded == null) {
            return false;
        }
        Feedback mine = receivedAtGiven ? feedback : new Feedback(feedback.id(), feedback.customerId(),
                recorded.receivedAt(), feedback.touchpoint(), feedback.phase(), feedback.survey(), feedback.score(),
                feedback.comment(), feedback.complaint(), feedback.orderId(), feedback.loyaltyTier());
        return mine.equals(recorded);
    }
}
