package fi.lupaus.engine.pack;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import fi.lupaus.engine.ruleset.RuleSource;

/** Finds the rule packs contributed on a class path. */
public final class RulePacks {

    private RulePacks() {
    }

    /** Every pack visible to the class loader, ordered by id. */
    public static List<RulePack> discover(ClassLoader classLoader) {
        return ServiceLoader.load(RulePack.class, classLoader).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(RulePack::id))
                .toList();
    }

    /** All sources of the packs, in pack order. */
    public static List<RuleSource> sourcesOf(List<RulePack> packs) {
        return packs.stream().flatMap(pack -> pack.sources().stream()).toList();
    }
}
