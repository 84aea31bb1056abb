package fi.lupaus.console.api.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import fi.lupaus.console.api.Answers;
import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.CaseState;
import fi.lupaus.engine.fact.CompanyCalendar;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LastContact;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.PreviousAnswer;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.DecisionRecord;

/**
 * Decisions written by the one mapper exactly as the hand-built JSON wrote them before: the same
 * members in the same order, what is not there left out (integrators and the console read these).
 */
class DecisionAnswersTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:15:00Z");
    private static final Feedback DETRACTOR = new Feedback("fb-1", "C-1", AT, Touchpoint.WEB, Phase.AFTER, Survey.NPS, 3,
            "late", true, null, LoyaltyTier.GOLD);
    private static final Decision DECISION = new Decision("3f2a", AT.plusSeconds(1), List.of("Escalate a detractor"),
            List.of(new Action(ActionType.OPEN_CASE, "detractor-contact-48h", "service-team", Priority.HIGH,
                            AT.plusSeconds(172_800), null, false, null, null),
                    new Action(ActionType.THANK, null, null, null, null, AT.plusSeconds(60), true, null, null)));

    @Test
    void aDecisionAsTheFeedbackApiAnswersItLeavesOutWhatItDoesNotHave() {
        String json = Answers.encode(DecisionAnswers.decision(new DecisionRecord("d-1", DETRACTOR, DECISION))).toString();

        assertThat(json).isEqualTo("{\"decisionId\":\"d-1\",\"feedbackId\":\"fb-1\",\"customerId\":\"C-1\","
                + "\"ruleSetVersion\":\"3f2a\",\"decidedAt\":\"2026-11-20T10:15:01Z\","
                + "\"firedRules\":[\"Escalate a detractor\"],\"actions\":["
                + "{\"type\":\"OPEN_CASE\",\"promise\":\"detractor-contact-48h\",\"owner\":\"service-team\","
                + "\"priority\":\"high\",\"dueAt\":\"2026-11-22T10:15:00Z\"},"
                + "{\"type\":\"THANK\",\"scheduledAt\":\"2026-11-20T10:16:00Z\",\"loyaltyBenefit\":true}]}");
    }

    @Test
    void aDecisionAsTheDecisionsApiAnswersItHasItsFeedbackAndItsContext() {
        DecisionContext context = new DecisionContext(
                List.of(new PreviousAnswer("fb-0", AT.minusSeconds(86_400), Survey.CSAT, 2, false)),
                List.of(new CustomerCase("c-1", "detractor-contact-48h", "service-team", CaseState.OPEN, AT.minusSeconds(3_600),
                        AT.plusSeconds(3_600), null)),
                new LastContact(ActionType.THANK, AT.minusSeconds(7_200)), new CompanyCalendar("Europe/Helsinki"), null);

        String json = Answers.encode(DecisionAnswers.decisionWithFeedback(
                new DecisionRecord("d-1", DETRACTOR, context, DECISION))).toString();

        assertThat(json).contains("\"loyaltyBenefit\":true}],\"feedback\":{\"id\":\"fb-1\",\"customerId\":\"C-1\","
                + "\"receivedAt\":\"2026-11-20T10:15:00Z\",\"touchpoint\":\"web\",\"phase\":\"after\",\"survey\":\"NPS\","
                + "\"score\":3,\"comment\":\"late\",\"complaint\":true,\"loyaltyTier\":\"gold\"},"
                + "\"context\":{\"previousAnswers\":[{\"feedbackId\":\"fb-0\",\"receivedAt\":\"2026-11-19T10:15:00Z\","
                + "\"survey\":\"CSAT\",\"score\":2,\"complaint\":false}],"
                + "\"cases\":[{\"caseId\":\"c-1\",\"promise\":\"detractor-contact-48h\",\"owner\":\"service-team\","
                + "\"state\":\"open\",\"receivedAt\":\"2026-11-20T09:15:00Z\",\"dueAt\":\"2026-11-20T11:15:00Z\"}],"
                + "\"lastContact\":{\"type\":\"THANK\",\"at\":\"2026-11-20T08:15:00Z\"},\"timeZone\":\"Europe/Helsinki\"}}");
    }
}
