package fi.lupaus.engine.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.log.DecisionLog;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.ruleset.Compilation;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * Explains decisions condition by condition. For each rule made of plain patterns it adds probe
 * rules that hold the rule's conditions up to each one in turn; deciding the recorded facts
 * again with them shows how far each rule's conditions held, and so which one failed.
 */
public final class Explainer {

    private static final String PROBE = "__explain__";

    /** A rule as the explainer reads it: its conditions, or none when it cannot be probed. */
    private record ReadRule(String name, List<Explanation.Condition> conditions, List<String> probes,
                            boolean detailed) {
    }

    private record Probed(RuleSet ruleSet, List<ReadRule> rules) {
    }

    private final DecisionLog log;
    private final RuleSetCompiler compiler;
    private final Map<String, Optional<Probed>> probed = new ConcurrentHashMap<>();

    public Explainer(DecisionLog log, RuleSetCompiler compiler) {
        this.log = log;
        this.compiler = compiler;
    }

    /** Explains a decision; empty when it is not in the log or its rule set is not kept. */
    public Optional<Explanation> explain(String decisionId) {
        return log.find(decisionId).flatMap(this::explain);
    }

    Optional<Explanation> explain(DecisionRecord record) {
        String version = record.decision().ruleSetVersion();
        return probed.computeIfAbsent(version, v -> probe(log.keptSources(v)))
                .map(probes -> explain(probes, record.decisionId(), record.facts(), record.decision()));
    }

    /**
     * Explains a decision made just now, not recorded: for the console's test panel.
     *
     * @param decision what {@code ruleSet} decided for {@code facts} at the decision's time
     */
    public Explanation explain(RuleSet ruleSet, Collection<?> facts, Decision decision) {
        Probed probes = probed.computeIfAbsent(ruleSet.version(), v -> probe(ruleSet.sources()))
                .orElseThrow(() -> new IllegalStateException("rule set " + ruleSet.version() + " cannot be probed"));
        return explain(probes, null, facts, decision);
    }

    private static Explanation explain(Probed probes, String decisionId, Collection<?> facts, Decision decision) {
        Set<String> fired = Set.copyOf(probes.ruleSet().decide(facts, decision.decidedAt()).firedRules());
        List<Explanation.RuleExplanation> rules = new ArrayList<>();
        for (ReadRule rule : probes.rules()) {
            boolean ruleFired = decision.firedRules().contains(rule.name());
            List<Explanation.Condition> conditions = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < rule.conditions().size(); i++) {
                Explanation.Condition condition = rule.conditions().get(i);
                Boolean held = failed ? null : fired.contains(rule.probes().get(i));
                failed = failed || Boolean.FALSE.equals(held);
                conditions.add(new Explanation.Condition(condition.pattern(), condition.expression(), held));
            }
            rules.add(new Explanation.RuleExplanation(rule.name(), ruleFired, conditions, rule.detailed()));
        }
        return new Explanation(decisionId, decision.ruleSetVersion(), rules);
    }

    private Optional<Probed> probe(List<RuleSource> sources) {
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        List<RuleSource> withProbes = new ArrayList<>(sources);
        List<ReadRule> rules = new ArrayList<>();
        int file = 0;
        for (RuleSource source : sources) {
            PackageDescr descr = parse(source);
            StringBuilder drl = new StringBuilder("package " + descr.getName() + "\n");
            for (ImportDescr importDescr : descr.getImports()) {
                drl.append("import ").append(importDescr.getTarget()).append('\n');
            }
            for (RuleDescr rule : descr.getRules()) {
                rules.add(readRule(rule, source.drl(), rules.size(), drl));
            }
            withProbes.add(new RuleSource(source.name().replace(".drl", "") + PROBE + file++ + ".drl",
                    drl.toString()));
        }
        Compilation compilation = compiler.compile(withProbes);
        return compilation.succeeded() ? Optional.of(new Probed(compilation.ruleSet(), rules)) : Optional.empty();
    }

    /**
     * Reads a rule's conditions and writes one probe rule per condition into {@code probes}: a
     * plain pattern's constraints one by one; any other element ({@code not}, {@code exists},
     * {@code from}, {@code accumulate}, {@code eval}, {@code or}) as one condition, as written.
     */
    private static ReadRule readRule(RuleDescr rule, String drl, int index, StringBuilder probes) {
        List<Explanation.Condition> conditions = new ArrayList<>();
        List<String> probeNames = new ArrayList<>();
        List<BaseDescr> lhs = rule.getLhs() == null ? List.of() : rule.getLhs().getDescrs();
        StringBuilder before = new StringBuilder();
        for (BaseDescr descr : lhs) {
            if (descr instanceof PatternDescr pattern && pattern.getSource() == null
                    && pattern.getDescrs().stream().allMatch(ExprConstraintDescr.class::isInstance)) {
                String binding = pattern.getIdentifier() == null ? "" : pattern.getIdentifier() + " : ";
                List<String> held = new ArrayList<>();
                for (BaseDescr constraint : pattern.getDescrs()) {
                    String expression = ((ExprConstraintDescr) constraint).getExpression();
                    held.add(expression);
                    String element = binding + pattern.getObjectType() + "( " + String.join(", ", held) + " )";
                    probeNames.add(probe(index, conditions.size(), before, element, probes));
                    conditions.add(new Explanation.Condition(pattern.getObjectType(), expression, null));
                }
                if (held.isEmpty()) {
                    String element = binding + pattern.getObjectType() + "( )";
                    probeNames.add(probe(index, conditions.size(), before, element, probes));
                    conditions.add(new Explanation.Condition(pattern.getObjectType(), "exists", null));
                }
                before.append("    ").append(binding).append(pattern.getObjectType()).append("( ")
                        .append(String.join(", ", held)).append(" )\n");
            } else {
                String element = text(drl, descr);
                if (element == null) {
                    return new ReadRule(rule.getName(), List.of(), List.of(), false);
                }
                probeNames.add(probe(index, conditions.size(), before, element, probes));
                conditions.add(new Explanation.Condition(kind(descr), element, null));
                before.append("    ").append(element).append('\n');
            }
        }
        return new ReadRule(rule.getName(), conditions, probeNames, true);
    }

    private static String probe(int rule, int condition, CharSequence before, String element, StringBuilder probes) {
        String probe = PROBE + rule + "_" + condition;
        probes.append("rule \"").append(probe).append("\"\nwhen\n").append(before)
                .append("    ").append(element).append("\nthen\nend\n");
        return probe;
    }

    /** The element as written in the source, on one line; null when the parser kept no position. */
    private static String text(String drl, BaseDescr descr) {
        int start = descr.getStartCharacter();
        int end = descr.getEndCharacter();
        if (start < 0 || end <= start || end > drl.length()) {
            return null;
        }
        return drl.substring(start, end + (end < drl.length() && drl.charAt(end) == ')' ? 1 : 0))
                .replaceAll("\\s+", " ").strip();
    }

    private static String kind(BaseDescr descr) {
        if (descr instanceof NotDescr) {
            return "not";
        }
        if (descr instanceof ExistsDescr) {
            return "exists";
        }
        if (descr instanceof PatternDescr pattern) {
            return pattern.getObjectType();
        }
        return descr.getClass().getSimpleName().replace("Descr", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static PackageDescr parse(RuleSource source) {
        try {
            return new DrlParser().parse(false, source.drl());
        } catch (DroolsParserException e) {
            throw new IllegalStateException("kept rule source " + source.name() + " cannot be read", e);
        }
    }
}
