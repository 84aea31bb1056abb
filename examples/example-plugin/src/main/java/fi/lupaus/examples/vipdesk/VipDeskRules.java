package fi.lupaus.examples.vipdesk;

import java.util.List;

import org.pf4j.Extension;

import fi.lupaus.engine.pack.RulePack;
import fi.lupaus.engine.ruleset.RuleSource;

/** The VIP desk's promise, contributed to the rule-pack extension point. */
@Extension
public final class VipDeskRules implements RulePack {

    static final String PROMISE = "gold-app-callback-4h";

    // Read once: the contract asks for the same sources every time.
    private final List<RuleSource> sources =
            List.of(RuleSource.fromClasspath(VipDeskRules.class, "fi/lupaus/rules/vipdesk/vip-desk.drl"));

    @Override
    public String id() {
        return "vip-desk";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public List<RuleSource> sources() {
        return sources;
    }
}
