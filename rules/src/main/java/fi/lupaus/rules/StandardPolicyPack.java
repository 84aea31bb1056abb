package fi.lupaus.rules;

import java.util.List;

import fi.lupaus.engine.pack.RulePack;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * The standard customer-experience policies: thank promoters, contact detractors, answer
 * complaints, offer recovery after low satisfaction and schedule aftercare. One DRL file per
 * policy area under {@code fi/lupaus/rules/standard/}, contributed through ServiceLoader.
 */
public final class StandardPolicyPack implements RulePack {

    private static final String PACKAGE_PATH = "fi/lupaus/rules/standard/";
    private static final List<String> POLICY_AREAS =
            List.of("promoters", "detractors", "complaints", "satisfaction", "aftercare", "escalation");

    // Read once, so that sources() returns the same sources every time, as the contract asks.
    private final List<RuleSource> sources = POLICY_AREAS.stream()
            .map(area -> RuleSource.fromClasspath(StandardPolicyPack.class, PACKAGE_PATH + area + ".drl"))
            .toList();

    @Override
    public String id() {
        return "standard";
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
