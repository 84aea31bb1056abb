package fi.lupaus.rules;

import java.time.Instant;

import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;

// Builds the feedback a test talks about. The default (no loyalty tier, passive NPS 8, core
// phase, no order, no complaint) triggers no policy, so each test states only what matters to it.
final class FeedbackBuilder {

    static final Instant RECEIVED = Instant.parse("2026-11-20T10:15:00Z");

    private Instant receivedAt = RECEIVED;
    private Phase phase = Phase.CORE;
    private Survey survey = Survey.NPS;
    private int score = 8;
    private boolean complaint;
    private String orderId;
    private LoyaltyTier loyaltyTier = LoyaltyTier.NONE;

    private FeedbackBuilder() {
    }

    static FeedbackBuilder aCustomer() {
        return new FeedbackBuilder();
    }

    FeedbackBuilder withNps(int score) {
        this.survey = Survey.NPS;
        this.score = score;
        return this;
    }

    FeedbackBuilder withCsat(int score) {
        this.survey = Survey.CSAT;
        this.score = score;
        return this;
    }

    FeedbackBuilder withComplaint() {
        this.complaint = true;
        return this;
    }

    FeedbackBuilder withOrder(String orderId) {
        this.orderId = orderId;
        return this;
    }

    FeedbackBuilder inPhase(Phase phase) {
        this.phase = phase;
        return this;
    }

    FeedbackBuilder receivedAt(Instant receivedAt) {
        this.receivedAt = receivedAt;
        return this;
    }

    FeedbackBuilder bronze() {
        return tier(LoyaltyTier.BRONZE);
    }

    FeedbackBuilder silver() {
        return tier(LoyaltyTier.SILVER);
    }

    FeedbackBuilder gold() {
        return tier(LoyaltyTier.GOLD);
    }

    private FeedbackBuilder tier(LoyaltyTier loyaltyTier) {
        this.loyaltyTier = loyaltyTier;
        return this;
    }

    Feedback build() {
        return new Feedback("fb-1", "C-1", receivedAt, Touchpoint.STORE, phase, survey, score,
                null, complaint, orderId, loyaltyTier);
    }
}
