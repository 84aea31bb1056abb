package fi.lupaus.console.testplugins;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.pack.RulePack;
import fi.lupaus.engine.plugin.FactEnricher;
import fi.lupaus.engine.plugin.FeedbackSink;
import fi.lupaus.engine.plugin.FeedbackSource;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * Contributions that plugin jars built in tests carry. Not annotated with {@code @Extension}:
 * the test class path must hold no extension index of its own.
 */
public final class TestPlugins {

    private TestPlugins() {
    }

    /** Hands one promoter's feedback in as soon as it starts. */
    public static final class OneFeedbackSource implements FeedbackSource {
        @Override
        public String id() {
            return "one-feedback";
        }

        @Override
        public void start(FeedbackSink sink) {
            sink.decide(List.of(new Feedback("source-1", "C-SOURCE", Instant.parse("2026-11-20T10:15:00Z"),
                    Touchpoint.EMAIL, Phase.AFTER, Survey.NPS, 10, null, false, null, LoyaltyTier.NONE)));
        }

        @Override
        public void stop() {
        }
    }

    /** A source whose system is not there. */
    public static final class UnreachableSource implements FeedbackSource {
        @Override
        public String id() {
            return "unreachable";
        }

        @Override
        public void start(FeedbackSink sink) {
            throw new IllegalStateException("the survey tool does not answer");
        }

        @Override
        public void stop() {
        }
    }

    /** Rules that reach for the server's process: the rule guard refuses them. */
    public static final class EscapingRules implements RulePack {
        @Override
        public String id() {
            return "escaping";
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public List<RuleSource> sources() {
            return List.of(new RuleSource("fi/lupaus/rules/escaping/escape.drl", """
                    package fi.lupaus.rules.escaping
                    import fi.lupaus.engine.fact.Feedback
                    rule "Leave"
                    when
                        Feedback()
                    then
                        System.exit(1);
                    end
                    """));
        }
    }

    /** A CRM that knows one gold customer, and answers one key outside its namespace. */
    public static final class CrmTier implements FactEnricher {
        @Override
        public String id() {
            return "crm";
        }

        @Override
        public Map<String, String> enrich(Feedback feedback) {
            return feedback.customerId().equals("C-GOLD")
                    ? Map.of("crm.tier", "gold", "tier", "not mine to answer")
                    : Map.of();
        }
    }

    /** A CRM that is down. */
    public static final class BrokenCrm implements FactEnricher {
        @Override
        public String id() {
            return "broken-crm";
        }

        @Override
        public Map<String, String> enrich(Feedback feedback) {
            throw new IllegalStateException("the CRM does not answer");
        }
    }

    /** The key-account promise, on what the CRM tells. */
    public static final class KeyAccountRules implements RulePack {
        @Override
        public String id() {
            return "key-accounts";
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public List<RuleSource> sources() {
            return List.of(new RuleSource("fi/lupaus/rules/keyaccounts/key-accounts.drl", """
                    package fi.lupaus.rules.keyaccounts
                    import fi.lupaus.engine.fact.Feedback
                    import fi.lupaus.engine.fact.CustomerAttribute
                    import fi.lupaus.engine.decision.Action
                    rule "Escalate a gold customer's detractor answer to the key-account team"
                    when
                        Feedback( score <= 6 )
                        CustomerAttribute( name == "crm.tier", value == "gold" )
                    then
                        insert(Action.escalate("key-account", "key-account-team"));
                    end
                    """));
        }
    }
}
