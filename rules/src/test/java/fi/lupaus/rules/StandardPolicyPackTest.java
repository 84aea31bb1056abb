package fi.lupaus.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import fi.lupaus.engine.pack.RulePack;
import fi.lupaus.engine.pack.RulePacks;
import fi.lupaus.engine.ruleset.Compilation;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;

class StandardPolicyPackTest {

    private final RulePack pack = new StandardPolicyPack();

    @Test
    void isDiscoveredThroughServiceLoaderAsTheStandardPack() {
        List<RulePack> packs = RulePacks.discover(getClass().getClassLoader());

        assertThat(packs).filteredOn(discovered -> discovered.id().equals("standard"))
                .singleElement()
                .isInstanceOf(StandardPolicyPack.class)
                .extracting(RulePack::version).isEqualTo("1.0.0");
    }

    @Test
    void contributesOneDrlFilePerPolicyAreaNamedByItsResourcePath() {
        assertThat(pack.sources()).extracting(RuleSource::name).containsExactly(
                "fi/lupaus/rules/standard/promoters.drl",
                "fi/lupaus/rules/standard/detractors.drl",
                "fi/lupaus/rules/standard/complaints.drl",
                "fi/lupaus/rules/standard/satisfaction.drl",
                "fi/lupaus/rules/standard/aftercare.drl",
                "fi/lupaus/rules/standard/escalation.drl");
        assertThat(pack.sources()).isEqualTo(pack.sources());
    }

    @Test
    void itsRuleSetCompilesWithNoErrors() {
        Compilation compilation = new RuleSetCompiler().compile(pack.sources());

        assertThat(compilation.errors()).isEmpty();
        assertThat(compilation.succeeded()).isTrue();
    }
}
