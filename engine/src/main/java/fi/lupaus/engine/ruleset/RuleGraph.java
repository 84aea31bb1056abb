package fi.lupaus.engine.ruleset;

import static fi.lupaus.engine.ruleset.RuleAllowList.QUERY_RECURSION;
import static fi.lupaus.engine.ruleset.RuleAllowList.SELF_FEEDING;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;

import fi.lupaus.engine.ruleset.DrlTokenizer.Kind;
import fi.lupaus.engine.ruleset.DrlTokenizer.Token;

/**
 * What the rules of a rule set read and write, to refuse the two ways DRL repeats without a loop
 * keyword.
 *
 * <p><b>Recursive queries.</b> A query calls another when a pattern names it. A query that can
 * reach itself through such calls is refused; so is every query in such a cycle.
 *
 * <p><b>Rules that feed themselves.</b> A rule <em>reads</em> the types of the patterns it matches in
 * working memory (also under {@code not}, {@code exists}, {@code forall}, the inputs of
 * {@code accumulate}, and the patterns of the queries it calls; a pattern on {@code Object} reads
 * every type). It <em>writes</em> the types it inserts, modifies, updates or deletes: {@code new T(…)},
 * a fact type's factory ({@code Action.thank()} writes {@code Action}), or a bound fact
 * ({@code modify($u)} writes the type {@code $u} was bound to). What the guard cannot tell (a
 * local variable) writes every type. Rule A feeds rule B when A writes a type B reads (or a declared
 * subtype of it). A rule on a cycle of feeding, itself included, is refused. This refuses more
 * than what loops (a rule that modifies a fact it matches, with {@code no-loop}), but it is simple
 * to state and sound: every loop among rules is such a cycle.
 */
final class RuleGraph {

    /** A rule or query the graph refuses, in the file it is written in. */
    record Refusal(int file, BaseDescr where, String construct, String reason) {
    }

    /** One file's parsed rules, with the bound types the guard knows of. */
    record File(int index, List<RuleDescr> rules) {
    }

    private static final Set<String> WRITES = Set.of("insert", "insertLogical", "update", "modify", "delete",
            "retract");
    private static final String ANY = "*";
    private static final String OBJECT = "Object";

    private final Map<String, Set<String>> supertypes;
    private final Map<String, String> staticImportOwners;

    /**
     * @param supertypes         each declared type's declared super types, by simple name
     * @param staticImportOwners each statically imported member's owner type, by simple name
     */
    RuleGraph(Map<String, Set<String>> supertypes, Map<String, String> staticImportOwners) {
        this.supertypes = supertypes;
        this.staticImportOwners = staticImportOwners;
    }

    private record Node(int file, RuleDescr rule, Set<String> reads, Set<String> writes, Set<String> calls) {
    }

    List<Refusal> check(List<File> files) {
        Map<String, Node> queries = new LinkedHashMap<>();
        List<Node> rules = new ArrayList<>();
        Set<String> queryNames = new HashSet<>();
        files.forEach(file -> file.rules().stream().filter(RuleDescr::isQuery).map(RuleDescr::getName)
                .forEach(queryNames::add));
        for (File file : files) {
            for (RuleDescr rule : file.rules()) {
                Set<String> reads = new TreeSet<>();
                Set<String> calls = new TreeSet<>();
                Map<String, String> bindings = new HashMap<>();
                walk(rule.getLhs(), reads, calls, bindings, queryNames);
                if (rule instanceof QueryDescr) {
                    queries.put(rule.getName(), new Node(file.index(), rule, reads, Set.of(), calls));
                } else {
                    rules.add(new Node(file.index(), rule, reads, writes(rule, bindings), calls));
                }
            }
        }
        List<Refusal> refusals = new ArrayList<>();
        for (Node query : queries.values()) {
            if (reaches(query.rule().getName(), query.calls(), queries)) {
                refusals.add(new Refusal(query.file(), query.rule(), "query " + query.rule().getName(),
                        QUERY_RECURSION));
            }
        }
        List<Set<String>> reads = rules.stream().map(rule -> readsThroughQueries(rule, queries)).toList();
        for (int i = 0; i < rules.size(); i++) {
            if (feedsItself(i, rules, reads)) {
                Node rule = rules.get(i);
                refusals.add(new Refusal(rule.file(), rule.rule(), "rule \"" + rule.rule().getName() + "\"",
                        SELF_FEEDING + " (it writes " + String.join(", ", rule.writes()).replace(ANY, "what a variable holds")
                                + ")"));
            }
        }
        return refusals;
    }

    /** Whether a query, through the queries it calls, calls {@code name}. */
    private static boolean reaches(String name, Set<String> calls, Map<String, Node> queries) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(calls);
        while (!next.isEmpty()) {
            String call = next.pop();
            if (call.equals(name)) {
                return true;
            }
            if (seen.add(call) && queries.containsKey(call)) {
                next.addAll(queries.get(call).calls());
            }
        }
        return false;
    }

    private static Set<String> readsThroughQueries(Node rule, Map<String, Node> queries) {
        Set<String> reads = new TreeSet<>(rule.reads());
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(rule.calls());
        while (!next.isEmpty()) {
            String call = next.pop();
            if (seen.add(call) && queries.containsKey(call)) {
                reads.addAll(queries.get(call).reads());
                next.addAll(queries.get(call).calls());
            }
        }
        return reads;
    }

    private boolean feedsItself(int start, List<Node> rules, List<Set<String>> reads) {
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> next = new ArrayDeque<>(List.of(start));
        while (!next.isEmpty()) {
            int from = next.pop();
            for (int to = 0; to < rules.size(); to++) {
                if (feeds(rules.get(from).writes(), reads.get(to))) {
                    if (to == start) {
                        return true;
                    }
                    if (seen.add(to)) {
                        next.push(to);
                    }
                }
            }
        }
        return false;
    }

    private boolean feeds(Set<String> writes, Set<String> reads) {
        if (writes.isEmpty() || reads.isEmpty()) {
            return false;
        }
        if (writes.contains(ANY) || reads.contains(OBJECT)) {
            return true;
        }
        for (String write : writes) {
            for (String type : withSupertypes(write)) {
                if (reads.contains(type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Set<String> withSupertypes(String type) {
        Set<String> all = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(type));
        while (!next.isEmpty()) {
            String current = next.pop();
            if (all.add(current)) {
                next.addAll(supertypes.getOrDefault(current, Set.of()));
            }
        }
        return all;
    }

    /** The variables a rule binds to whole facts of the types, anywhere in its conditions. */
    static Set<String> bindingsOf(RuleDescr rule, Set<String> types) {
        Map<String, String> bindings = new HashMap<>();
        walk(rule.getLhs(), new HashSet<>(), new HashSet<>(), bindings, Set.of());
        Set<String> found = new TreeSet<>();
        bindings.forEach((binding, type) -> {
            if (types.contains(type)) {
                found.add(binding);
            }
        });
        return found;
    }

    /** Collects the working-memory patterns (and query calls) under a part of a rule's conditions. */
    private static void walk(BaseDescr descr, Set<String> reads, Set<String> calls, Map<String, String> bindings,
            Set<String> queryNames) {
        if (descr instanceof PatternDescr pattern) {
            String type = simpleName(pattern.getObjectType());
            if (pattern.getIdentifier() != null && type != null) {
                bindings.put(pattern.getIdentifier(), type);
            }
            if (pattern.getSource() instanceof AccumulateDescr accumulate) {
                walk(accumulate.getInput(), reads, calls, bindings, queryNames);
            } else if (pattern.getSource() instanceof CollectDescr collect) {
                walk(collect.getInputPattern(), reads, calls, bindings, queryNames);
            } else if (pattern.getSource() == null && type != null) {
                if (pattern.isQuery() || queryNames.contains(type)) {
                    calls.add(type);
                } else {
                    reads.add(type);
                }
            }
        } else if (descr instanceof ConditionalElementDescr element) {
            for (Object child : element.getDescrs()) {
                if (child instanceof BaseDescr base) {
                    walk(base, reads, calls, bindings, queryNames);
                }
            }
        }
    }

    /** The types a rule's consequences insert, modify, update or delete. */
    private Set<String> writes(RuleDescr rule, Map<String, String> bindings) {
        Set<String> writes = new TreeSet<>();
        List<Object> consequences = new ArrayList<>();
        consequences.add(rule.getConsequence());
        consequences.addAll(rule.getNamedConsequences().values());
        for (Object consequence : consequences) {
            if (consequence instanceof String code) {
                List<Token> tokens = DrlTokenizer.tokenize(SourceText.whole(code), new Findings(""));
                for (int i = 0; i + 1 < tokens.size(); i++) {
                    if (tokens.get(i).kind() == Kind.IDENTIFIER && WRITES.contains(tokens.get(i).text())
                            && tokens.get(i + 1).isSymbol("(") && (i == 0 || !tokens.get(i - 1).isSymbol("."))) {
                        writes.addAll(written(tokens, i + 2, bindings));
                    }
                }
            }
        }
        return writes;
    }

    private Set<String> written(List<Token> tokens, int at, Map<String, String> bindings) {
        Token first = at < tokens.size() ? tokens.get(at) : null;
        Token second = at + 1 < tokens.size() ? tokens.get(at + 1) : null;
        Token third = at + 2 < tokens.size() ? tokens.get(at + 2) : null;
        if (first == null || first.kind() != Kind.IDENTIFIER) {
            return Set.of(ANY);
        }
        if (first.text().equals("new") && second != null && second.kind() == Kind.IDENTIFIER) {
            return Set.of(second.text());
        }
        if (first.text().startsWith("$") && second != null && (second.isSymbol(")") || second.isSymbol(","))) {
            return Set.of(bindings.getOrDefault(first.text(), ANY));
        }
        if (second != null && second.isSymbol(".") && third != null && CodeScan.isTypeLike(first.text())) {
            Set<String> types = RuleMembers.staticReturnTypes(first.text(), third.text());
            return types.isEmpty() ? Set.of(ANY) : types;
        }
        if (second != null && second.isSymbol("(") && staticImportOwners.containsKey(first.text())) {
            Set<String> types = RuleMembers.staticReturnTypes(staticImportOwners.get(first.text()), first.text());
            return types.isEmpty() ? Set.of(ANY) : types;
        }
        return Set.of(ANY);
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }
}
