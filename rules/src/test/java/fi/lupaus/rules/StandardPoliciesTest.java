package fi.lupaus.rules;

import static fi.lupaus.rules.FeedbackBuilder.RECEIVED;
import static fi.lupaus.rules.FeedbackBuilder.aCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.CompanyCalendar;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;

// The standard policies, one nested group per policy area.
// Drools fires rules of equal salience in an order that is an engine detail, not a policy: where
// more than one rule fires, these tests assert the fired rules and the actions in any order.
// One test instance for all tests, so that the pack is compiled once (a compile costs 1-2 s).
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandardPoliciesTest {

    private static final Instant NOW = RECEIVED.plus(Duration.ofMinutes(1));

    private static final Action DETRACTOR_CASE = Action.openCase(
            "detractor-contact-48h", "service-team", Priority.NORMAL, RECEIVED.plus(Duration.ofHours(48)));
    private static final Action GOLD_DETRACTOR_CASE = Action.openCase(
            "detractor-contact-48h", "team-lead", Priority.HIGH, RECEIVED.plus(Duration.ofHours(48)));
    private static final Action COMPLAINT_CASE = Action.openCase(
            "complaint-answer-24h", "service-team", Priority.NORMAL, RECEIVED.plus(Duration.ofHours(24)));
    private static final Action GOLD_DETRACTOR_COMPLAINT_CASE = Action.openCase(
            "complaint-answer-24h", "team-lead", Priority.HIGH, RECEIVED.plus(Duration.ofHours(24)));

    static final CompanyCalendar HELSINKI = new CompanyCalendar("Europe/Helsinki");

    private final RuleSet standard = new RuleSetCompiler().compile(new StandardPolicyPack().sources()).orElseThrow();

    private Decision decide(FeedbackBuilder feedback) {
        return decide(feedback, NOW);
    }

    private Decision decide(FeedbackBuilder feedback, Instant now) {
        return standard.decide(List.of(feedback.build(), HELSINKI), now);
    }

    @Nested
    class Promoters {

        @Test
        void promoterWithoutLoyaltyTierIsThanked() {
            Decision decision = decide(aCustomer().withNps(10));

            assertThat(decision.firedRules()).containsExactlyInAnyOrder("Thank a promoter", "Ask a promoter for a review");
            assertThat(decision.actions()).containsExactlyInAnyOrder(Action.thank(NOW), Action.askForReview(NOW));
        }

        @Test
        void nineIsAlreadyAPromoterScore() {
            Decision decision = decide(aCustomer().withNps(9));

            assertThat(decision.firedRules()).containsExactlyInAnyOrder("Thank a promoter", "Ask a promoter for a review");
            assertThat(decision.actions()).containsExactlyInAnyOrder(Action.thank(NOW), Action.askForReview(NOW));
        }

        @Test
        void eightIsNotYetAPromoterScore() {
            Decision decision = decide(aCustomer().withNps(8));

            assertThat(decision.firedRules()).isEmpty();
            assertThat(decision.actions()).isEmpty();
        }

        @Test
        void bronzeTierPromoterIsThankedWithoutABenefit() {
            Decision decision = decide(aCustomer().withNps(10).bronze());

            assertThat(decision.firedRules()).containsExactlyInAnyOrder("Thank a promoter", "Ask a promoter for a review");
            assertThat(decision.actions()).containsExactlyInAnyOrder(Action.thank(NOW), Action.askForReview(NOW));
        }

        @Test
        void silverTierPromoterIsThankedOnceWithALoyaltyBenefit() {
            Decision decision = decide(aCustomer().withNps(9).silver());

            assertThat(decision.firedRules()).containsExactlyInAnyOrder("Recognise a loyal promoter with a benefit", "Ask a promoter for a review");
            assertThat(decision.actions()).containsExactlyInAnyOrder(Action.thankWithLoyaltyBenefit(NOW), Action.askForReview(NOW));
        }

        @Test
        void goldTierPromoterIsThankedOnceWithALoyaltyBenefit() {
            Decision decision = decide(aCustomer().withNps(10).gold());

            assertThat(decision.firedRules()).containsExactlyInAnyOrder("Recognise a loyal promoter with a benefit", "Ask a promoter for a review");
            assertThat(decision.actions()).containsExactlyInAnyOrder(Action.thankWithLoyaltyBenefit(NOW), Action.askForReview(NOW));
        }
    }

    @Nested
    class Detractors {

        @Test
        void detractorIsContactedByTheServiceTeamWithin48Hours() {
            Decision decision = decide(aCustomer().withNps(6));

            assertThat(decision.firedRules()).containsExactly("Contact every detractor within 48 hours");
            assertThat(decision.actions()).containsExactly(DETRACTOR_CASE);
        }

        @Test
        void zeroIsADetractorScore() {
            Decision decision = decide(aCustomer().withNps(0));

            assertThat(decision.firedRules()).containsExactly("Contact every detractor within 48 hours");
            assertThat(decision.actions()).containsExactly(DETRACTOR_CASE);
        }

        @Test
        void sevenIsNotADetractorScore() {
            Decision decision = decide(aCustomer().withNps(7));

            assertThat(decision.firedRules()).isEmpty();
            assertThat(decision.actions()).isEmpty();
        }

        @Test
        void silverTierDetractorIsContactedByTheServiceTeam() {
            Decision decision = decide(aCustomer().withNps(4).silver());

            assertThat(decision.firedRules()).containsExactly("Contact every detractor within 48 hours");
            assertThat(decision.actions()).containsExactly(DETRACTOR_CASE);
        }

        @Test
        void goldTierDetractorIsEscalatedToTheTeamLeadWithHighPriority() {
            Decision decision = decide(aCustomer().withNps(3).gold());

            assertThat(decision.firedRules()).containsExactly("Escalate a gold-tier detractor to the team lead");
            assertThat(decision.actions()).containsExactly(GOLD_DETRACTOR_CASE);
        }

        @Test
        void theDeadlineRunsFromWhenTheFeedbackWasReceivedNotFromWhenItIsDecided() {
            Decision decision = decide(aCustomer().withNps(2), RECEIVED.plus(Duration.ofDays(3)));

            assertThat(decision.actions()).extracting(Action::dueAt)
                    .containsExactly(RECEIVED.plus(Duration.ofHours(48)));
        }
    }

    @Nested
    class Complaints {

        @Test
        void complaintIsAnsweredByTheServiceTeamWithin24Hours() {
            Decision decision = decide(aCustomer().withNps(8).withComplaint());

            assertThat(decision.firedRules()).containsExactly("Answer every complaint within 24 hours");
            assertThat(decision.actions()).containsExactly(COMPLAINT_CASE);
        }

        @Test
        void complaintWithASatisfactionRatingIsAnsweredWithin24Hours() {
            Decision decision = decide(aCustomer().withCsat(4).withComplaint());

            assertThat(decision.firedRules()).containsExactly("Answer every complaint within 24 hours");
            assertThat(decision.actions()).containsExactly(COMPLAINT_CASE);
        }

        @Test
        void detractorWithComplaintOpensOneCaseDueIn24Hours() {
            Decision decision = decide(aCustomer().withNps(3).withComplaint());

            assertThat(decision.firedRules()).containsExactly("Answer every complaint within 24 hours");
            assertThat(decision.actions()).containsExactly(COMPLAINT_CASE);
        }

        @Test
        void goldTierDetractorWithComplaintOpensOneCaseDueIn24HoursForTheTeamLead() {
            Decision decision = decide(aCustomer().withNps(3).gold().withComplaint());

            assertThat(decision.firedRules())
                    .containsExactly("Escalate a gold-tier detractor's complaint to the team lead");
            assertThat(decision.actions()).containsExactly(GOLD_DETRACTOR_COMPLAINT_CASE);
        }

        @Test
        void goldTierPassiveWithComplaintIsAnsweredByTheServiceTeam() {
            Decision decision = decide(aCustomer().withNps(7).gold().withComplaint());

            assertThat(decision.firedRules()).containsExactly("Answer every complaint within 24 hours");
            assertThat(decision.actions()).containsExactly(COMPLAINT_CASE);
        }

        @Test
        void promoterWithComplaintIsThankedAndHasTheComplaintAnswered() {
            Decision decision = decide(aCustomer().withNps(9).withComplaint());

            assertThat(decision.firedRules())
                    .containsExactlyInAnyOrder("Thank a promoter", "Answer every complaint within 24 hours");
            assertThat(decision.actions()).containsExactlyInAnyOrder(Action.thank(NOW), COMPLAINT_CASE);
        }
    }

    @Nested
    class Satisfaction {

        @ParameterizedTest(name = "CSAT {0}")
        @ValueSource(ints = {1, 2})
        void lowRatingIsOfferedRecovery(int csat) {
            Decision decision = decide(aCustomer().withCsat(csat));

            assertThat(decision.firedRules()).containsExactly("Offer recovery after a low satisfaction rating");
            assertThat(decision.actions()).containsExactly(Action.recovery());
        }

        @ParameterizedTest(name = "CSAT {0}")
        @ValueSource(ints = {3, 4, 5})
        void ratingOfThreeOrMoreTriggersNothing(int csat) {
            Decision decision = decide(aCustomer().withCsat(csat));

            assertThat(decision.firedRules()).isEmpty();
            assertThat(decision.actions()).isEmpty();
        }

        @Test
        void lowRatingWithComplaintIsOfferedRecoveryAndAnsweredWithin24Hours() {
            Decision decision = decide(aCustomer().withCsat(1).withComplaint());

            assertThat(decision.firedRules()).containsExactlyInAnyOrder(
                    "Offer recovery after a low satisfaction rating", "Answer every complaint within 24 hours");
            assertThat(decision.actions()).containsExactlyInAnyOrder(Action.recovery(), COMPLAINT_CASE);
        }
    }

    @Nested
    class Aftercare {

        @Test
        void purchaseInTheCorePhaseGetsAftercareAWeekLater() {
            Decision decision = decide(aCustomer().withNps(8).inPhase(Phase.CORE).withOrder("O-1"));

            assertThat(decision.firedRules()).containsExactly("Schedule aftercare a week after a purchase");
            assertThat(decision.actions()).containsExactly(Action.aftercare(RECEIVED.plus(Duration.ofDays(7))));
        }

        @Test
        void corePhaseFeedbackWithoutAnOrderGetsNoAftercare() {
            Decision decision = decide(aCustomer().withNps(8).inPhase(Phase.CORE));

            assertThat(decision.firedRules()).isEmpty();
            assertThat(decision.actions()).isEmpty();
        }

        @Test
        void orderOutsideTheCorePhaseGetsNoAftercareAWeekLater() {
            Decision decision = decide(aCustomer().withNps(8).inPhase(Phase.PRE).withOrder("O-1"));

            assertThat(decision.firedRules()).isEmpty();
            assertThat(decision.actions()).isEmpty();
        }

        @Test
        void corePhaseDetractorWithAnOrderGetsACaseAndAftercareAWeekLater() {
            Decision decision = decide(aCustomer().withNps(5).inPhase(Phase.CORE).withOrder("O-1"));

            assertThat(decision.firedRules()).containsExactlyInAnyOrder(
                    "Contact every detractor within 48 hours", "Schedule aftercare a week after a purchase");
            assertThat(decision.actions()).containsExactlyInAnyOrder(
                    DETRACTOR_CASE, Action.aftercare(RECEIVED.plus(Duration.ofDays(7))));
        }

        @Test
        void afterPhaseDetractorGetsAftercareAndACaseAndNeverAThankYou() {
            Decision decision = decide(aCustomer().withNps(2).inPhase(Phase.AFTER));

            assertThat(decision.firedRules()).containsExactlyInAnyOrder(
                    "Contact every detractor within 48 hours", "Give a detractor in the after phase aftercare");
            assertThat(decision.actions()).containsExactlyInAnyOrder(DETRACTOR_CASE, Action.aftercare(RECEIVED));
            assertThat(decision.actions()).extracting(Action::type).doesNotContain(ActionType.THANK);
        }

        @Test
        void afterPhaseGoldTierDetractorWithComplaintGetsAftercareAndOneCaseForTheTeamLead() {
            Decision decision = decide(aCustomer().withNps(0).gold().withComplaint().inPhase(Phase.AFTER));

            assertThat(decision.firedRules()).containsExactlyInAnyOrder(
                    "Escalate a gold-tier detractor's complaint to the team lead",
                    "Give a detractor in the after phase aftercare");
            assertThat(decision.actions()).containsExactlyInAnyOrder(
                    GOLD_DETRACTOR_COMPLAINT_CASE, Action.aftercare(RECEIVED));
        }

        @Test
        void afterPhasePassiveGetsNoAftercare() {
            Decision decision = decide(aCustomer().withNps(7).inPhase(Phase.AFTER));

            assertThat(decision.firedRules()).isEmpty();
            assertThat(decision.actions()).isEmpty();
        }
    }

    @Nested
    class FeedbackThatNeedsNothing {

        @ParameterizedTest(name = "NPS {0}")
        @ValueSource(ints = {7, 8})
        void passiveFiresNoRuleAndAsksForNoAction(int nps) {
            Decision decision = decide(aCustomer().withNps(nps));

            assertThat(decision.firedRules()).isEmpty();
            assertThat(decision.actions()).isEmpty();
        }

        @Test
        void neutralSatisfactionRatingFiresNoRuleAndAsksForNoAction() {
            Decision decision = decide(aCustomer().withCsat(3));

            assertThat(decision.firedRules()).isEmpty();
            assertThat(decision.actions()).isEmpty();
        }
    }

    @Nested
    class Determinism {

        @Test
        void decidingTheSameFeedbackTwiceGivesAnEqualDecision() {
            Feedback feedback = aCustomer().withNps(1).gold().withComplaint().inPhase(Phase.AFTER).build();

            Decision first = standard.decide(List.of(feedback, HELSINKI), NOW);
            Decision second = standard.decide(List.of(feedback, HELSINKI), NOW);

            assertThat(second).isEqualTo(first);
            assertThat(first.ruleSetVersion()).isEqualTo(standard.version());
        }
    }
}
