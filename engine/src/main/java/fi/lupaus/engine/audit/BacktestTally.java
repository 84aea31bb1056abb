package fi.lupaus.engine.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

import fi.lupaus.engine.decision.Decision;

/** What a backtest counts, of one chunk of records or of all of them; not thread-safe. */
final class BacktestTally {

    private final int sampleSize;
    private final Map<String, Long> actionsBefore = new TreeMap<>();
    private final Map<String, Long> actionsAfter = new TreeMap<>();
    private final Map<String, Long> rulesBefore = new TreeMap<>();
    private final Map<String, Long> rulesAfter = new TreeMap<>();
    private final List<BacktestReport.Change> sample = new ArrayList<>();
    private long decided;
    private long changed;

    BacktestTally(int sampleSize) {
        this.sampleSize = sampleSize;
    }

    /** One record: what it was decided, and what the candidate decides. */
    void add(String decisionId, Decision before, Decision after) {
        decided++;
        count(before, actionsBefore, rulesBefore);
        count(after, actionsAfter, rulesAfter);
        if (!before.actions().equals(after.actions()) || !before.firedRules().equals(after.firedRules())) {
            changed++;
            if (sample.size() < sampleSize) {
                sample.add(new BacktestReport.Change(decisionId, before, after));
            }
        }
    }

    /** The next chunk's tally, in the log's order. */
    void add(BacktestTally chunk, LongConsumer progress) {
        decided += chunk.decided;
        changed += chunk.changed;
        chunk.actionsBefore.forEach((key, n) -> actionsBefore.merge(key, n, Long::sum));
        chunk.actionsAfter.forEach((key, n) -> actionsAfter.merge(key, n, Long::sum));
        chunk.rulesBefore.forEach((key, n) -> rulesBefore.merge(key, n, Long::sum));
        chunk.rulesAfter.forEach((key, n) -> rulesAfter.merge(key, n, Long::sum));
        chunk.sample.stream().limit(Math.max(0, sampleSize - sample.size())).forEach(sample::add);
        progress.accept(decided);
    }

    long decided() {
        return decided;
    }

    BacktestReport report(String candidateVersion) {
        return new BacktestReport(candidateVersion, decided, changed, actionsBefore, actionsAfter, rulesBefore,
                rulesAfter, sample);
    }

    private static void count(Decision decision, Map<String, Long> actions, Map<String, Long> rules) {
        decision.actions().forEach(action -> actions.merge(action.type().name(), 1L, Long::sum));
        decision.firedRules().forEach(rule -> rules.merge(rule, 1L, Long::sum));
    }
}
