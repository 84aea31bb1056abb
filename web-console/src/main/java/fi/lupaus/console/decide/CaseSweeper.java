package fi.lupaus.console.decide;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.engine.casework.CaseFile;
import fi.lupaus.engine.casework.CaseStore;
import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.CaseDue;
import fi.lupaus.engine.log.Appended;
import fi.lupaus.engine.log.DecisionLog;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.ruleset.RuleSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;

/**
 * The deadline sweep: gives the live rules every open case as a {@link CaseDue} at the sweep's
 * time, and records each decision that asks for something (a reminder, an escalation) like any
 * other decision. A decision that asks for nothing is not recorded: the case is looked at again at
 * the next sweep. Each stage is decided once per case: the rules see the stages already done,
 * and the decision's key names the case and its stages, so that a second sweep with the same
 * view records nothing.
 */
public final class CaseSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(CaseSweeper.class);
    /** Decisions of a sweep written per transaction. */
    private static final int APPEND_CHUNK = 100;

    /** What one sweep did. */
    public record Sweep(Instant at, int casesSeen, int decisionsRecorded) {
    }

    private final Vertx vertx;
    private final DecisionLog log;
    private final CaseStore cases;
    private final LiveRuleSet ruleSet;
    private final Clock clock;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final Timer lag;
    private final Timer duration;
    private final Counter overtaken;
    private long timer = -1;

    public CaseSweeper(Vertx vertx, DecisionLog log, CaseStore cases, LiveRuleSet ruleSet, Clock clock,
                       MeterRegistry meters) {
        this.lag = Timer.builder("lupaus.sweep.lag").description("how long a due sweep waited for a worker thread")
                .register(meters);
        this.duration = Timer.builder("lupaus.sweep.duration").description("how long a periodic sweep took")
                .register(meters);
        this.overtaken = Counter.builder("lupaus.sweep.skipped")
                .description("sweeps not run because the one before was still running").register(meters);
        this.vertx = vertx;
        this.log = log;
        this.cases = cases;
        this.ruleSet = ruleSet;
        this.clock = clock;
    }

    /** Sweeps every {@code interval} on a worker thread, never on the event loop; zero sweeps never. */
    public void start(Duration interval) {
        if (interval.isZero()) {
            return;
        }
        timer = vertx.setPeriodic(interval.toMillis(), id -> {
            long due = System.nanoTime();
            vertx.executeBlocking(() -> {
                    long start = System.nanoTime();
                    lag.record(start - due, TimeUnit.NANOSECONDS);
                    // A sweep that takes longer than the interval is not overtaken by the next one.
                    if (sweeping.compareAndSet(false, true)) {
                        try {
                            return sweep(clock.instant());
                        } finally {
                            sweeping.set(false);
                            duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        }
                    }
                    overtaken.increment();
                    return null;
                }, false)
                .onFailure(failure -> LOG.error("the deadline sweep failed; it runs again at the next interval",
                        failure));
        });
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Sweeps the open cases at {@code now} and returns once its decisions are durable. Blocking:
     * call it on a worker thread (tests call it directly, with the time they simulate).
     */
    public Sweep sweep(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        RuleSet rules = ruleSet.current();
        List<CaseFile> active = cases.active();
        List<DecisionRecord> records = new ArrayList<>();
        for (CaseFile file : active) {
            CaseDue due = new CaseDue(file.caseId(), file.customerId(), file.promise(), file.owner(),
                    file.priority(), file.state(), file.receivedAt(), file.dueAt(), at, file.stages());
            Decision decision = rules.decide(List.of(due), at);
            if (decision.actions().isEmpty()) {
                continue;
            }
            TreeSet<String> stages = new TreeSet<>();
            decision.actions().stream().map(Action::stage).filter(stage -> stage != null).forEach(stages::add);
            String key = "case-due:" + file.caseId() + ":" + String.join("+", stages);
            records.add(new DecisionRecord(log.newDecisionId(at), key, file.customerId(), null,
                    DecisionContext.ofCaseDue(due), decision));
        }
        // In chunks: one append is one transaction, and thousands of escalations in one (a backlog
        // coming due at once) held up the feedback waiting behind them for 5–8 seconds.
        int recorded = 0;
        for (int from = 0; from < records.size(); from += APPEND_CHUNK) {
            List<Appended> appended = log.append(records.subList(from, Math.min(from + APPEND_CHUNK, records.size())))
                    .toCompletableFuture().join();
            recorded += (int) appended.stream().filter(Appended::created).count();
        }
        return new Sweep(at, active.size(), recorded);
    }
}
