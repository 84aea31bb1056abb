package fi.lupaus.engine.plugin;

import java.util.List;

import fi.lupaus.engine.delivery.ActionDelivery;
import fi.lupaus.engine.delivery.ActionHandler;
import fi.lupaus.engine.pack.RulePack;
import fi.lupaus.engine.ruleset.RuleSource;

/** Contributions that plugin jars built in tests carry. Not annotated: the class path must not list them. */
final class TestContributions {

    private TestContributions() {
    }

    public static final class Greeter implements ActionHandler {
        @Override
        public String id() {
            return "greeter";
        }

        @Override
        public void deliver(ActionDelivery delivery) {
        }
    }

    public static final class Pack implements RulePack {
        @Override
        public String id() {
            return "test-pack";
        }

        @Override
        public String version() {
            return "2.0.0";
        }

        @Override
        public List<RuleSource> sources() {
            return List.of();
        }
    }

    public static final class Unmakeable implements ActionHandler {
        public Unmakeable() {
            throw new IllegalStateException("no CRM address configured");
        }

        @Override
        public String id() {
            return "unmakeable";
        }

        @Override
        public void deliver(ActionDelivery delivery) {
        }
    }
}
