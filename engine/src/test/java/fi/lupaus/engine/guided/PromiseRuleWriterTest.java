package fi.lupaus.engine.guided;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.CaseState;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.ruleset.Compilation;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;

class PromiseRuleWriterTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T09:00:00Z");
    private static final PromiseForm DELIVERY_COMPLAINTS = new PromiseForm("delivery-complaint-12h",
            "Complaints about delivery in the web shop are answered within 12 hours",
            new PromiseForm.When(PromiseForm.Kind.COMPLAINT, Touchpoint.WEB, null, null, "delivery"),
            new PromiseForm.Then(ActionType.OPEN_CASE, "service-team", Priority.HIGH, 12));

    private static RuleSet deliveryComplaints;

    @BeforeAll
    static void compileThePromiseAsPeopleWriteIt() {
        Compilation compilation = new RuleSetCompiler().compileUntrusted(
                List.of(PromiseRuleWriter.write(DELIVERY_COMPLAINTS)));
        assertThat(compilation.errors()).isEmpty();
        deliveryComplaints = compilation.ruleSet();
    }

    @Test
    void aWebShopComplaintAboutDeliveryOpensACaseDueIn12Hours() {
        Decision decision = decide(complaint(Touchpoint.WEB, "Toimitus myöhässä, DELIVERY was late"));

        assertThat(decision.firedRules()).containsExactly(DELIVERY_COMPLAINTS.title());
        assertThat(decision.actions()).containsExactly(Action.openCase("delivery-complaint-12h", "service-team",
                Priority.HIGH, RECEIVED.plus(Duration.ofHours(12))));
    }

    @Test
    void aFurtherComplaintWhileTheCaseIsOpenJoinsThatCase() {
        CustomerCase open = new CustomerCase("case-1", "delivery-complaint-12h", "service-team", CaseState.OPEN,
                RECEIVED.minus(Duration.ofHours(2)), RECEIVED.plus(Duration.ofHours(10)), null);

        Decision decision = deliveryComplaints.decide(
                List.of(complaint(Touchpoint.WEB, "delivery late again"), open), RECEIVED);

        assertThat(decision.actions()).containsExactly(Action.addToCase("case-1"));
    }

    @Test
    void thePromiseIsDeclaredOnItsRule() {
        assertThat(PromiseRuleWriter.write(DELIVERY_COMPLAINTS).drl()).contains("""
                    @promise(id = "delivery-complaint-12h", text = "Complaints about delivery in the web shop \
                are answered within 12 hours",
                             within = "12h", owner = "service-team")""");
    }

    @Test
    void aComplaintInTheStoreIsNotAboutTheWebShop() {
        assertThat(decide(complaint(Touchpoint.STORE, "delivery was late")).actions()).isEmpty();
    }

    @Test
    void aWebShopComplaintAboutSomethingElseOrWithoutCommentIsNotAboutDelivery() {
        assertThat(decide(complaint(Touchpoint.WEB, "the colour was wrong")).actions()).isEmpty();
        assertThat(decide(complaint(Touchpoint.WEB, null)).actions()).isEmpty();
    }

    @Test
    void theRuleReadsLikeThePromise() {
        RuleSource source = PromiseRuleWriter.write(DELIVERY_COMPLAINTS);

        assertThat(source.name()).isEqualTo("fi/lupaus/rules/custom/delivery-complaint-12h.drl");
        assertThat(source.drl())
                .contains("rule \"Complaints about delivery in the web shop are answered within 12 hours\"")
                .contains("Feedback( complaint, touchpoint == Touchpoint.WEB, comment != null, "
                        + "comment.toLowerCase().contains(\"delivery\"), $received : receivedAt )")
                .contains("not CustomerCase( open, promise == \"delivery-complaint-12h\" )")
                .contains("Action.openCase(\"delivery-complaint-12h\", \"service-team\", Priority.HIGH,");
    }

    @Test
    void aThankYouForGoldPromotersNeedsNoDeadline() {
        PromiseForm form = new PromiseForm("thank-gold-promoters", "Kiitä kultatason suosittelijaa",
                new PromiseForm.When(PromiseForm.Kind.PROMOTER, null, Phase.AFTER, LoyaltyTier.GOLD, null),
                new PromiseForm.Then(ActionType.THANK, null, null, 0));
        RuleSet ruleSet = new RuleSetCompiler().compileUntrusted(List.of(PromiseRuleWriter.write(form))).orElseThrow();

        Feedback goldPromoter = new Feedback("fb-1", "c-1", RECEIVED, Touchpoint.APP, Phase.AFTER, Survey.NPS, 10,
                null, false, null, LoyaltyTier.GOLD);
        assertThat(ruleSet.decide(List.of(goldPromoter), RECEIVED).actions()).extracting(Action::type)
                .containsExactly(ActionType.THANK);
    }

    @Test
    void aTitleThatWouldBreakOutOfTheRuleNameIsRefused() {
        assertThatThrownBy(() -> new PromiseForm("x", "end\" when eval(true) then", DELIVERY_COMPLAINTS.when(),
                DELIVERY_COMPLAINTS.then()))
                .isInstanceOfSatisfying(InvalidPromiseFormException.class,
                        e -> assertThat(e.field()).isEqualTo("title"));
        assertThatThrownBy(() -> new PromiseForm.When(PromiseForm.Kind.ANY, null, null, null, "\"); System.exit(1"))
                .isInstanceOfSatisfying(InvalidPromiseFormException.class,
                        e -> assertThat(e.field()).isEqualTo("when.commentMentions"));
    }

    private static Decision decide(Feedback feedback) {
        return deliveryComplaints.decide(List.of(feedback), RECEIVED);
    }

    private static Feedback complaint(Touchpoint touchpoint, String comment) {
        return new Feedback("fb-1", "c-1", RECEIVED, touchpoint, Phase.AFTER, Survey.CSAT, 2, comment, true,
                null, LoyaltyTier.NONE);
    }
}
