package fi.lupaus.rules;

import static fi.lupaus.rules.FeedbackBuilder.RECEIVED;
import static fi.lupaus.rules.FeedbackBuilder.aCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.CaseDue;
import fi.lupaus.engine.fact.CaseState;
import fi.lupaus.engine.fact.CompanyCalendar;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.LastContact;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.PreviousAnswer;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;

// The policies that read the customer's history (given with the feedback) and the deadline
// sweep's cases coming due. RECEIVED is 2026-11-20 10:15 UTC, 12:15 in Helsinki.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowUpPoliciesTest {

    private static final Instant NOW = RECEIVED.plus(Duration.ofMinutes(1));
    private static final CompanyCalendar HELSINKI = new CompanyCalendar("Europe/Helsinki");
    private static final String DETRACTOR_PROMISE = "detractor-contact-48h";

    private final RuleSet standard = new RuleSetCompiler().compile(new StandardPolicyPack().sources()).orElseThrow();

    private Decision decide(FeedbackBuilder feedback, Object... history) {
        return decideAt(NOW, feedback, history);
    }

    private Decision decideAt(Instant now, FeedbackBuilder feedback, Object... history) {
        List<Object> facts = new ArrayList<>(List.of(feedback.build(), HELSINKI));
        facts.addAll(List.of(history));
        return standard.decide(facts, now);
    }

    private static CustomerCase openCase(String caseId, String promise) {
        return new CustomerCase(caseId, promise, "service-team", CaseState.OPEN, RECEIVED.minus(Duration.ofDays(1)),
                RECEIVED.plus(Duration.ofDays(1)), null);
    }

    private static PreviousAnswer detractorAnswerDaysAgo(int days) {
        return PreviousAnswer.of(aCustomer().withNps(3).receivedAt(RECEIVED.minus(Duration.ofDays(days))).build());
    }

    @Nested
    class OneOpenCasePerPromise {

        @Test
        void aDetractorWithAnOpenDetractorCaseHasTheAnswerAddedToItInsteadOfASecondCase() {
            Decision decision = decide(aCustomer().withNps(2), openCase("case-1", DETRACTOR_PROMISE));

            assertThat(decision.firedRules()).containsExactly("Add a detractor's new answer to their open case");
            assertThat(decision.actions()).containsExactly(Action.addToCase("case-1"));
        }

        @Test
        void aComplaintWithAnOpenComplaintCaseIsAddedToIt() {
            Decision decision = decide(aCustomer().withNps(8).withComplaint(),
                    openCase("case-2", "complaint-answer-24h"));

            assertThat(decision.actions()).containsExactly(Action.addToCase("case-2"));
        }

        @Test
        void anOpenCaseOfAnotherPromiseDoesNotStopANewCase() {
            Decision decision = decide(aCustomer().withNps(2), openCase("case-2", "complaint-answer-24h"));

            assertThat(decision.actions()).extracting(Action::type).containsExactly(ActionType.OPEN_CASE);
        }
    }

    @Nested
    class RepeatDetractors {

        @Test
        void aSecondDetractorAnswerWithin90DaysEscalatesToTheCxManager() {
            Decision decision = decide(aCustomer().withNps(4), detractorAnswerDaysAgo(89));

            assertThat(decision.firedRules()).containsExactlyInAnyOrder("Contact every detractor within 48 hours",
                    "Escalate a second detractor answer within 90 days to the CX manager");
            assertThat(decision.actions()).contains(Action.escalate("repeat-detractor", "cx-manager"));
        }

        @Test
        void aDetractorAnswerMoreThan90DaysAgoDoesNotCount() {
            Decision decision = decide(aCustomer().withNps(4), detractorAnswerDaysAgo(91));

            assertThat(decision.firedRules()).containsExactly("Contact every detractor within 48 hours");
        }
    }

    @Nested
    class ContactFrequencyCap {

        @Test
        void aPromoterContactedInTheLastSevenDaysIsNotThankedAgain() {
            Decision decision = decide(aCustomer().withNps(10),
                    new LastContact(ActionType.AFTERCARE, NOW.minus(Duration.ofDays(6))));

            assertThat(decision.actions()).extracting(Action::type).doesNotContain(ActionType.THANK);
        }

        @Test
        void aPromoterLastContactedEightDaysAgoIsThanked() {
            Decision decision = decide(aCustomer().withNps(10),
                    new LastContact(ActionType.THANK, NOW.minus(Duration.ofDays(8))));

            assertThat(decision.actions()).contains(Action.thank(NOW));
        }

        @Test
        void aCaseIsNeverSuppressedByTheCap() {
            Decision decision = decide(aCustomer().withNps(1),
                    new LastContact(ActionType.THANK, NOW.minus(Duration.ofDays(1))));

            assertThat(decision.actions()).extracting(Action::type).containsExactly(ActionType.OPEN_CASE);
        }
    }

    @Nested
    class ReviewsAndReferrals {

        @Test
        void aPromoterIsAskedForAReview() {
            assertThat(decide(aCustomer().withNps(9)).actions()).contains(Action.askForReview(NOW));
        }

        @Test
        void aDetractorIsNeverAskedForAReview() {
            assertThat(decide(aCustomer().withNps(6)).actions()).extracting(Action::type)
                    .doesNotContain(ActionType.ASK_FOR_REVIEW);
        }

        @Test
        void aPromoterWithAnOpenCaseIsNeverAskedForAReview() {
            Decision decision = decide(aCustomer().withNps(10), openCase("case-1", DETRACTOR_PROMISE));

            assertThat(decision.actions()).extracting(Action::type).doesNotContain(ActionType.ASK_FOR_REVIEW);
        }

        @Test
        void aPromoterWhoWasADetractorInTheLast90DaysIsNeverAskedForAReview() {
            Decision decision = decide(aCustomer().withNps(10), detractorAnswerDaysAgo(30));

            assertThat(decision.actions()).extracting(Action::type).doesNotContain(ActionType.ASK_FOR_REVIEW);
        }
    }

    @Nested
    class QuietHours {

        @Test
        void aThankYouDecidedAtHalfPastElevenInHelsinkiWaitsUntilEightInTheMorning() {
            Instant lateEvening = Instant.parse("2026-11-20T21:30:00Z");

            Decision decision = decideAt(lateEvening, aCustomer().withNps(10).receivedAt(lateEvening));

            assertThat(decision.actions()).contains(Action.thank(Instant.parse("2026-11-21T06:00:00Z")));
        }

        @Test
        void aThankYouDecidedAtSevenInTheMorningWaitsAnHour() {
            Instant early = Instant.parse("2026-11-20T05:00:00Z");

            Decision decision = decideAt(early, aCustomer().withNps(10).receivedAt(early));

            assertThat(decision.actions()).contains(Action.thank(Instant.parse("2026-11-20T06:00:00Z")));
        }

        @Test
        void aftercareThatWouldFallAtElevenInTheEveningIsScheduledForEightTheNextMorning() {
            Instant evening = Instant.parse("2026-11-20T21:00:00Z");

            Decision decision = decideAt(evening, aCustomer().withNps(8).inPhase(Phase.CORE).withOrder("O-1")
                    .receivedAt(evening));

            assertThat(decision.actions()).containsExactly(Action.aftercare(Instant.parse("2026-11-28T06:00:00Z")));
        }

        @Test
        void aContactInTheDaytimeIsNotMoved() {
            assertThat(decide(aCustomer().withNps(10)).actions()).contains(Action.thank(NOW));
        }
    }

    @Nested
    class Recovery {

        @Test
        void aPromoterAnswerAfterAResolvedCaseCountsTheCustomerAsRecovered() {
            CustomerCase resolved = new CustomerCase("case-9", DETRACTOR_PROMISE, "service-team", CaseState.RESOLVED,
                    RECEIVED.minus(Duration.ofDays(10)), RECEIVED.minus(Duration.ofDays(8)),
                    RECEIVED.minus(Duration.ofDays(9)));

            Decision decision = decide(aCustomer().withNps(9), resolved);

            assertThat(decision.actions()).contains(Action.recovered("case-9", DETRACTOR_PROMISE));
        }

        @Test
        void aPassiveAnswerAfterAResolvedCaseIsNotARecovery() {
            CustomerCase resolved = new CustomerCase("case-9", DETRACTOR_PROMISE, "service-team", CaseState.RESOLVED,
                    RECEIVED.minus(Duration.ofDays(10)), RECEIVED.minus(Duration.ofDays(8)),
                    RECEIVED.minus(Duration.ofDays(9)));

            assertThat(decide(aCustomer().withNps(8), resolved).actions()).isEmpty();
        }
    }

    @Nested
    class EscalationChain {

        private static final Instant DUE = RECEIVED.plus(Duration.ofHours(48));

        private Decision sweepAt(Duration sinceFeedback, String... stagesDone) {
            Instant at = RECEIVED.plus(sinceFeedback);
            CaseDue due = new CaseDue("case-1", "C-1", DETRACTOR_PROMISE, "service-team", Priority.NORMAL,
                    CaseState.OPEN, RECEIVED, DUE, at, Set.of(stagesDone));
            return standard.decide(List.of(due), at);
        }

        @Test
        void halfwayThroughNothingIsDone() {
            assertThat(sweepAt(Duration.ofHours(24)).actions()).isEmpty();
        }

        @Test
        void atThreeQuartersOfTheTimeTheOwnerIsReminded() {
            Decision decision = sweepAt(Duration.ofHours(36));

            assertThat(decision.firedRules())
                    .containsExactly("Remind the owner when three quarters of the promised time is used");
            assertThat(decision.actions()).containsExactly(Action.remind("case-1", "reminder", "service-team"));
        }

        @Test
        void theOwnerIsRemindedOnlyOnce() {
            assertThat(sweepAt(Duration.ofHours(40), "reminder").actions()).isEmpty();
        }

        @Test
        void atTheDeadlineTheTeamLeadTakesTheCaseOver() {
            Decision decision = sweepAt(Duration.ofHours(48), "reminder");

            assertThat(decision.firedRules()).containsExactly("Escalate a broken promise to the team lead");
            assertThat(decision.actions()).containsExactly(Action.escalate("case-1", "team-lead", "team-lead"));
        }

        @Test
        void atTwiceThePromisedTimeTheCxManagerTakesTheCaseOver() {
            Decision decision = sweepAt(Duration.ofHours(96), "reminder", "team-lead");

            assertThat(decision.actions()).containsExactly(Action.escalate("case-1", "cx-manager", "cx-manager"));
        }

        @Test
        void aCaseFirstSeenLongPastItsDeadlineGoesUpBothStagesAtOnceWithoutAReminder() {
            Decision decision = sweepAt(Duration.ofHours(100));

            assertThat(decision.actions()).containsExactlyInAnyOrder(
                    Action.escalate("case-1", "team-lead", "team-lead"),
                    Action.escalate("case-1", "cx-manager", "cx-manager"));
        }
    }
}
