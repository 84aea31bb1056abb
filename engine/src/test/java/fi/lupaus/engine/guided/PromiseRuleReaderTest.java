package fi.lupaus.engine.guided;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.ruleset.RuleSource;

class PromiseRuleReaderTest {

    static Stream<PromiseForm> forms() {
        return Stream.of(
                new PromiseForm("delivery-complaint-12h", "Delivery complaints are answered within 12 hours",
                        new PromiseForm.When(PromiseForm.Kind.COMPLAINT, Touchpoint.WEB, null, null, "delivery"),
                        new PromiseForm.Then(ActionType.OPEN_CASE, "service-team", Priority.HIGH, 12)),
                new PromiseForm("gold-detractor-call", "Gold detractors get a call",
                        new PromiseForm.When(PromiseForm.Kind.DETRACTOR, null, Phase.CORE, LoyaltyTier.GOLD, null),
                        new PromiseForm.Then(ActionType.OPEN_CASE, "team-lead", Priority.NORMAL, 48)),
                new PromiseForm("thank-app-promoters", "Promoters in the app are thanked",
                        new PromiseForm.When(PromiseForm.Kind.PROMOTER, Touchpoint.APP, null, null, null),
                        new PromiseForm.Then(ActionType.THANK, null, null, 0)),
                new PromiseForm("any-recovery", "Every answer mentioning a refund gets recovery",
                        new PromiseForm.When(PromiseForm.Kind.ANY, null, null, null, "refund please"),
                        new PromiseForm.Then(ActionType.RECOVERY, null, null, 0)));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void theRuleOfAFormReadsBackAsThatForm(PromiseForm form) {
        RuleSource written = PromiseRuleWriter.write(form);

        assertThat(PromiseRuleReader.read(written)).hasValue(form);
    }

    @Test
    void aRuleChangedByHandIsNotReadAsAForm() {
        RuleSource written = PromiseRuleWriter.write(forms().findFirst().orElseThrow());
        RuleSource edited = new RuleSource(written.name(), written.drl().replace("then\n", "then\n    // a note\n"));

        assertThat(PromiseRuleReader.read(edited)).isEmpty();
        assertThat(PromiseRuleReader.read(new RuleSource("fi/lupaus/rules/complaints.drl", written.drl()))).isEmpty();
    }
}
