package fi.lupaus.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import fi.lupaus.engine.fact.CustomerAttribute;
import fi.lupaus.engine.fact.PreviousAnswer;
import fi.lupaus.engine.fact.Survey;

/**
 * The factories rules call, as the rules module's tests use them; here so that the engine's own
 * mutation run sees them (PIT found them unchecked within the engine).
 */
class ActionTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:15:00Z");

    @Test
    void eachFactoryMakesTheActionItNames() {
        assertThat(Action.thank()).isEqualTo(new Action(ActionType.THANK, null, null, null, null, null, false));
        assertThat(Action.thankWithLoyaltyBenefit())
                .isEqualTo(new Action(ActionType.THANK, null, null, null, null, null, true));
        assertThat(Action.thank(AT)).isEqualTo(new Action(ActionType.THANK, null, null, null, null, AT, false));
        assertThat(Action.thankWithLoyaltyBenefit(AT))
                .isEqualTo(new Action(ActionType.THANK, null, null, null, null, AT, true));
        assertThat(Action.recovery()).isEqualTo(new Action(ActionType.RECOVERY, null, null, null, null, null, false));
        assertThat(Action.escalate("case-1", "team-lead", "team-lead")).isEqualTo(new Action(ActionType.ESCALATE,
                null, "team-lead", Priority.HIGH, null, null, false, "case-1", "team-lead"));
        assertThat(Action.recovered("case-1", "detractor-contact-48h")).isEqualTo(new Action(ActionType.RECOVERED,
                "detractor-contact-48h", null, null, null, null, false, "case-1", null));
        assertThat(Action.askForReview(AT))
                .isEqualTo(new Action(ActionType.ASK_FOR_REVIEW, null, null, null, null, AT, false));
    }

    @Test
    void aContextIsEmptyOnlyWithoutAnyFact() {
        DecisionContext withAnAnswer = new DecisionContext(
                List.of(new PreviousAnswer("fb-0", AT, Survey.NPS, 3, false)), List.of(), null, null, null);

        assertThat(DecisionContext.NONE.isEmpty()).isTrue();
        assertThat(new DecisionContext(List.of(), List.of(), null, null, null).isEmpty()).isTrue();
        assertThat(withAnAnswer.isEmpty()).isFalse();
    }

    @Test
    void attributesAreAddedToTheContextAndToItsFacts() {
        CustomerAttribute segment = new CustomerAttribute("segment", "vip");

        DecisionContext enriched = DecisionContext.NONE.withAttributes(List.of(segment));

        assertThat(enriched.attributes()).containsExactly(segment);
        assertThat(enriched.facts()).containsExactly(segment);
        assertThat(enriched.isEmpty()).isFalse();
    }
}
