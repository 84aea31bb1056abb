package fi.lupaus.examples.vipdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.delivery.ActionDelivery;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.ruleset.Compilation;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;

class VipDeskTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T10:15:00Z");

    private static Feedback complaint(Touchpoint touchpoint, LoyaltyTier tier) {
        return new Feedback("fb-1", "C-1", RECEIVED, touchpoint, Phase.AFTER, Survey.CSAT, 2, "Sovellus kaatuu",
                true, null, tier);
    }

    @Nested
    class ThePromise {

        /** Compiled as Lupaus compiles a plugin's pack: through the rule guard, on its own. */
        private final Compilation compilation = new RuleSetCompiler().compileUntrusted(new VipDeskRules().sources());

        @Test
        void passesTheRuleGuard() {
            assertThat(compilation.errors()).isEmpty();
        }

        @Test
        void aGoldTierCustomerWhoComplainsAboutTheAppIsCalledBackWithin4Hours() {
            RuleSet rules = compilation.orElseThrow();

            Decision decision = rules.decide(List.of(complaint(Touchpoint.APP, LoyaltyTier.GOLD)), RECEIVED);

            assertThat(decision.firedRules())
                    .containsExactly("Call back a gold-tier customer who complains about the app within 4 hours");
            assertThat(decision.actions()).containsExactly(Action.openCase("gold-app-callback-4h", "vip-desk",
                    Priority.HIGH, RECEIVED.plusSeconds(4 * 3600)));
        }

        @Test
        void aSilverCustomerOrAComplaintElsewhereIsNotTheDesksToCall() {
            RuleSet rules = compilation.orElseThrow();

            assertThat(rules.decide(List.of(complaint(Touchpoint.APP, LoyaltyTier.SILVER)), RECEIVED).actions()).isEmpty();
            assertThat(rules.decide(List.of(complaint(Touchpoint.WEB, LoyaltyTier.GOLD)), RECEIVED).actions()).isEmpty();
        }
    }

    @Nested
    class TheHandler {

        @TempDir
        Path dir;

        @AfterEach
        void forget() {
            System.clearProperty(VipDeskHandler.INBOX_PROPERTY);
        }

        @Test
        void takesOnlyTheDesksCases() {
            VipDeskHandler handler = new VipDeskHandler();

            assertThat(handler.accepts(Action.openCase("gold-app-callback-4h", "vip-desk", Priority.HIGH, RECEIVED))).isTrue();
            assertThat(handler.accepts(Action.openCase("complaint-answer-24h", "service-team", Priority.NORMAL, RECEIVED)))
                    .isFalse();
            assertThat(handler.accepts(Action.thank())).isFalse();
        }

        @Test
        void writesEachCallbackAsALineInTheDesksInbox() throws Exception {
            Path inbox = dir.resolve("inbox.tsv");
            System.setProperty(VipDeskHandler.INBOX_PROPERTY, inbox.toString());
            Action callback = Action.openCase("gold-app-callback-4h", "vip-desk", Priority.HIGH, RECEIVED.plusSeconds(14_400));

            new VipDeskHandler().deliver(new ActionDelivery("d-1/0/vip-desk", 1, "d-1", "fb-1", "C-1", "v1", RECEIVED, 0,
                    callback));

            assertThat(Files.readAllLines(inbox)).containsExactly("d-1/0/vip-desk\tC-1\t2026-11-20T14:15:00Z");
        }
    }
}
