package fi.lupaus.engine.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

/**
 * What changed between two rule sets, source by source, as unified diffs.
 *
 * @param files every source of either rule set, in name order
 */
public record RuleSetDiff(List<FileDiff> files) {

    private static final int CONTEXT_LINES = 3;

    public enum Status { ADDED, REMOVED, CHANGED, SAME }

    /** @param diff the unified diff, empty when the source is the same in both */
    public record FileDiff(String name, Status status, String diff) {
    }

    public static RuleSetDiff between(List<RuleSource> from, List<RuleSource> to) {
        Map<String, String> before = byName(from);
        Map<String, String> after = byName(to);
        Map<String, Status> names = new TreeMap<>();
        before.keySet().forEach(name -> names.put(name, Status.REMOVED));
        after.keySet().forEach(name -> names.merge(name, Status.ADDED,
                (removed, added) -> before.get(name).equals(after.get(name)) ? Status.SAME : Status.CHANGED));
        List<FileDiff> files = new ArrayList<>();
        names.forEach((name, status) -> files.add(new FileDiff(name, status,
                status == Status.SAME ? "" : unified(name, before.getOrDefault(name, ""), after.getOrDefault(name, "")))));
        return new RuleSetDiff(files);
    }

    private static String unified(String name, String before, String after) {
        List<String> original = before.lines().toList();
        List<String> revised = after.lines().toList();
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, original,
                DiffUtils.diff(original, revised), CONTEXT_LINES)) + "\n";
    }

    private static Map<String, String> byName(List<RuleSource> sources) {
        return sources.stream().collect(Collectors.toMap(RuleSource::name, RuleSource::drl, (a, b) -> a, TreeMap::new));
    }
}
