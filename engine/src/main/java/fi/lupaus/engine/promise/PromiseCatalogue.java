package fi.lupaus.engine.promise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fi.lupaus.engine.ruleset.RuleSet;

/**
 * The promises a rule set makes, read from its compiled rules' metadata: a promise written at run
 * time in the console is as first-class as one of the standard pack.
 */
public final class PromiseCatalogue {

    private PromiseCatalogue() {
    }

    public static List<Promise> of(RuleSet ruleSet) {
        Map<String, Map<String, String>> metadata = ruleSet.ruleMetadata();
        List<Promise.Stage> chain = new ArrayList<>();
        metadata.forEach((rule, values) -> {
            if (values.containsKey("escalation.stage")) {
                chain.add(new Promise.Stage(values.get("escalation.stage"), values.get("escalation.at"),
                        values.get("escalation.to"), rule));
            }
        });
        chain.sort(Comparator.comparingDouble(stage -> percent(stage.at())));
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> withins = new LinkedHashMap<>();
        Map<String, Set<String>> owners = new LinkedHashMap<>();
        Map<String, List<String>> rules = new LinkedHashMap<>();
        metadata.forEach((rule, values) -> {
            String id = values.get("promise.id");
            if (id == null) {
                return;
            }
            rules.computeIfAbsent(id, k -> new ArrayList<>()).add(rule);
            if (values.containsKey("promise.text")) {
                texts.putIfAbsent(id, values.get("promise.text"));
            }
            if (values.containsKey("promise.within")) {
                withins.putIfAbsent(id, values.get("promise.within"));
            }
            if (values.containsKey("promise.owner")) {
                owners.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(values.get("promise.owner"));
            }
        });
        return rules.keySet().stream().sorted()
                .map(id -> new Promise(id, texts.get(id), withins.get(id),
                        List.copyOf(owners.getOrDefault(id, Set.of())), rules.get(id), chain))
                .toList();
    }

    private static double percent(String at) {
        try {
            return Double.parseDouble(at == null ? "" : at.replace("%", "").strip());
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }
}
