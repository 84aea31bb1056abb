package fi.lupaus.engine.audit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.log.Anchoring;
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

    /** Records decided again per task of a backtest. */
    private static final int BACKTEST_CHUNK = 1_000;

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
     * Checks the chain over the records decided in [from, to) (either bound may be null), the
     * columns stored beside each record, and the checkpoints of the chain's head; replays each
     * record.
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
        Anchoring anchoring = log.anchoring();
        anchoring.broken().forEach(broken -> problems.add(
                new VerifyReport.Problem(broken.seq(), broken.decisionId(), broken.reason())));
        if (anchoring.keyed() && anchoring.broken().isEmpty() && anchoring.anchoredSeq() < anchoring.head()) {
            problems.add(new VerifyReport.Problem(anchoring.head(), null, "records " + (anchoring.anchoredSeq() + 1)
                    + " to " + anchoring.head() + " are not signed with LUPAUS_CHAIN_KEY: written by a server "
                    + "without the key, or rewritten with their checkpoint removed"));
        }
        log.derivedMismatches().forEach(mismatch -> problems.add(
                new VerifyReport.Problem(mismatch.seq(), mismatch.decisionId(), mismatch.reason())));
        return new VerifyReport(checked[0], problems, anchoring.summary());
    }

    /**
     * Decides the recorded feedback of [from, to) again with a candidate rule set, at each
     * record's own decision time, and counts what would change.
     *
     * @param sampleSize how many changed decisions to return with both outcomes
     * @param progress   told the number of records decided so far, every thousand records
     */
    public BacktestReport backtest(Instant from, Instant to, RuleSet candidate, int sampleSize, LongConsumer progress) {
        return backtest(from, to, candidate.version(), records -> records.stream()
                        .map(record -> candidate.decide(record.facts(), record.decision().decidedAt())).toList(),
                Runtime.getRuntime().availableProcessors(), sampleSize, progress);
    }

    /**
     * Decides the recorded feedback of [from, to) again, a chunk of records at a time, with
     * rules that decide elsewhere (in a sandbox), and counts what would change.
     *
     * @param candidateVersion the version of the rules that decide
     * @param decider          decides a chunk of records, each at its own decision time, in order
     * @param parallelism      how many chunks are decided at once
     */
    public BacktestReport backtest(Instant from, Instant to, String candidateVersion,
                                   Function<List<DecisionRecord>, List<Decision>> decider, int parallelism,
                                   int sampleSize, LongConsumer progress) {
        // The log is read on this thread while the chunks already read are parsed and decided on
        // other threads: reading and deciding overlap. Chunks are tallied in the log's order, so the sample holds
        // the first changes, as when deciding one record after the other.
        int threads = parallelism;
        ExecutorService deciders = Executors.newFixedThreadPool(threads);
        Deque<Future<BacktestTally>> deciding = new ArrayDeque<>();
        BacktestTally total = new BacktestTally(sampleSize);
        try {
            List<Supplier<DecisionRecord>> chunk = new ArrayList<>(BACKTEST_CHUNK);
            log.walkRecords(from, to, record -> {
                chunk.add(record);
                if (chunk.size() == BACKTEST_CHUNK) {
                    deciding.add(decideLater(deciders, decider, List.copyOf(chunk), sampleSize));
                    chunk.clear();
                    // Bounded: the reader waits for the deciders rather than filling the heap.
                    while (deciding.size() > 2 * threads) {
                        total.add(done(deciding.poll()), progress);
                    }
                }
            });
            if (!chunk.isEmpty()) {
                deciding.add(decideLater(deciders, decider, List.copyOf(chunk), sampleSize));
            }
            while (!deciding.isEmpty()) {
                total.add(done(deciding.poll()), progress);
            }
        } finally {
            deciders.shutdownNow();
        }
        progress.accept(total.decided());
        return total.report(candidateVersion);
    }

    private static Future<BacktestTally> decideLater(ExecutorService deciders,
                                                     Function<List<DecisionRecord>, List<Decision>> decider,
                                                     List<Supplier<DecisionRecord>> stored, int sampleSize) {
        return deciders.submit(() -> {
            List<DecisionRecord> records = stored.stream().map(Supplier::get).toList();
            List<Decision> after = decider.apply(records);
            BacktestTally tally = new BacktestTally(sampleSize);
            for (int i = 0; i < records.size(); i++) {
                DecisionRecord record = records.get(i);
                tally.add(record.decisionId(), record.decision(), after.get(i));
            }
            return tally;
        });
    }

    private static BacktestTally done(Future<BacktestTally> chunk) {
        try {
            return chunk.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("deciding a chunk of the backtest failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the backtest was interrupted", e);
        }
    }

    /** Hands the readable records decided in [from, to) to the consumer, in the log's order. */
    public void export(Instant from, Instant to, Consumer<DecisionRecord> consumer) {
        // No chain check on the way: an export hands out what is stored; verify checks it.
        log.walkRecords(from, to, record -> consumer.accept(record.get()));
    }

    /** The kept sources of a rule-set version; empty when it is not kept. */
    public List<RuleSource> keptSources(String version) {
        return log.keptSources(version);
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
