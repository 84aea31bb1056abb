package fi.lupaus.engine.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.log.DecisionLog;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.ruleset.Compilation;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * Answers an auditor's questions of the log: would the same rules decide the same again, and
 * does the log hold as it was written? Rule sets are compiled again from their kept sources.
 */
public final class Auditor {

    private final DecisionLog log;
    private final RuleSetCompiler compiler;
    private final Map<String, Optional<RuleSet>> ruleSets = new ConcurrentHashMap<>();

    public Auditor(DecisionLog log, RuleSetCompiler compiler) {
        this.log = log;
        this.compiler = compiler;
    }

    /** Replays one decision; empty when there is no such decision. */
    public Optional<Replay> replay(String decisionId) {
        return log.find(decisionId).map(this::replay)
                .or(() -> log.isErased(decisionId) ? Optional.of(Replay.ofErased(decisionId)) : Optional.empty());
    }

    Replay replay(DecisionRecord record) {
        Decision recorded = record.decision();
        Optional<RuleSet> ruleSet = ruleSet(recorded.ruleSetVersion());
        if (ruleSet.isEmpty()) {
            return new Replay(record.decisionId(), recorded, null, List.of(
                    "rule set " + recorded.ruleSetVersion() + " is not kept in the log or no longer compiles"), false);
        }
        Decision replayed = ruleSet.get().decide(record.facts(), recorded.decidedAt());
        List<String> differences = new ArrayList<>();
        if (!replayed.firedRules().equals(recorded.firedRules())) {
            differences.add("fired rules were " + recorded.firedRules() + ", now " + replayed.firedRules());
        }
        if (!replayed.actions().equals(recorded.actions())) {
            differences.add("actions were " + recorded.actions() + ", now " + replayed.actions());
        }
        return new Replay(record.decisionId(), recorded, replayed, differences, false);
    }

    /**
     * Checks the chain over the records decided in [from, to) (either bound may be null) and
     * replays each of them.
     *
     * @param progress told the number of records checked so far, every thousand records
     */
    public VerifyReport verify(Instant from, Instant to, LongConsumer progress) {
        List<VerifyReport.Problem> problems = new ArrayList<>();
        long[] checked = {0};
        log.walkChain(from, to, link -> {
            if (!link.intact()) {
                problems.add(new VerifyReport.Problem(link.seq(), link.decisionId(), link.broken()));
            }
            if (link.record() != null) {
                Replay replay = replay(link.record());
                if (!replay.identical()) {
                    problems.add(new VerifyReport.Problem(link.seq(), link.decisionId(),
                            "replay differs: " + String.join("; ", replay.differences())));
                }
            }
            if (++checked[0] % 1_000 == 0) {
                progress.accept(checked[0]);
            }
        });
        progress.accept(checked[0]);
        return new VerifyReport(checked[0], problems);
    }

    /**
     * Decides the recorded feedback of [from, to) again with a candidate rule set, at each
     * record's own decision time, and counts what would change.
     *
     * @param sampleSize how many changed decisions to return with both outcomes
     * @param progress   told the number of records decided so far, every thousand records
     */
    public BacktestReport backtest(Instant from, Instant to, RuleSet candidate, int sampleSize, LongConsumer progress) {
        Map<String, Long> actionsBefore = new TreeMap<>();
        Map<String, Long> actionsAfter = new TreeMap<>();
        Map<String, Long> rulesBefore = new TreeMap<>();
        Map<String, Long> rulesAfter = new TreeMap<>();
        List<BacktestReport.Change> sample = new ArrayList<>();
        long[] counts = {0, 0};
        log.walkChain(from, to, link -> {
            DecisionRecord record = link.record();
            if (record == null) {
                return;
            }
            Decision before = record.decision();
            Decision after = candidate.decide(record.facts(), before.decidedAt());
            count(before, actionsBefore, rulesBefore);
            count(after, actionsAfter, rulesAfter);
            if (!before.actions().equals(after.actions()) || !before.firedRules().equals(after.firedRules())) {
                counts[1]++;
                if (sample.size() < sampleSize) {
                    sample.add(new BacktestReport.Change(record.decisionId(), before, after));
                }
            }
            if (++counts[0] % 1_000 == 0) {
                progress.accept(counts[0]);
            }
        });
        progress.accept(counts[0]);
        return new BacktestReport(candidate.version(), counts[0], counts[1], actionsBefore, actionsAfter,
                rulesBefore, rulesAfter, sample);
    }

    private static void count(Decision decision, Map<String, Long> actions, Map<String, Long> rules) {
        decision.actions().forEach(action -> actions.merge(action.type().name(), 1L, Long::sum));
        decision.firedRules().forEach(rule -> rules.merge(rule, 1L, Long::sum));
    }

    /** Hands the readable records decided in [from, to) to the consumer, in the log's order. */
    public void export(Instant from, Instant to, Consumer<DecisionRecord> consumer) {
        log.walkChain(from, to, link -> {
            if (link.record() != null) {
                consumer.accept(link.record());
            }
        });
    }

    /** A kept rule set by version, compiled again; empty when it is not kept or no longer compiles. */
    public Optional<RuleSet> keptRuleSet(String version) {
        return ruleSet(version);
    }

    private Optional<RuleSet> ruleSet(String version) {
        return ruleSets.computeIfAbsent(version, v -> {
            List<RuleSource> sources = log.keptSources(v);
            if (sources.isEmpty()) {
                return Optional.empty();
            }
            Compilation compilation = compiler.compile(sources);
            return compilation.succeeded() && compilation.ruleSet().version().equals(v)
                    ? Optional.of(compilation.ruleSet()) : Optional.empty();
        });
    }
}
