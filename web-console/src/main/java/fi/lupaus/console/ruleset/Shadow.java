package fi.lupaus.console.ruleset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.decision.DecisionAnswers;
import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.ruleset.RuleSource;
import fi.lupaus.engine.sandbox.Sandbox;
import fi.lupaus.engine.sandbox.SandboxCase;
import io.vertx.core.json.JsonArray;

/**
 * A version deciding live feedback in the shadow of the live one: only the live decision is
 * recorded and acts; where the shadow would have decided otherwise, the difference is recorded.
 * The shadow decides in the sandbox, one batch at a time on a thread of its own: a shadow that
 * fails or hits a limit never fails nor delays the live decision.
 */
public final class Shadow {

    private static final Logger LOG = LoggerFactory.getLogger(Shadow.class);

    /** Decisions waiting for the shadow beyond this are not shadowed, so that it never holds up the workers. */
    static final int MAX_BACKLOG = 10_000;
    /** Live decisions decided again in one sandbox request. */
    static final int BATCH = 1_000;

    /**
     * A running shadow with what it has counted since this server started it; {@code skipped}
     * counts the live decisions it had no time for.
     */
    record Running(RuleSetStore.ShadowRun run, List<RuleSource> sources, Instant countingSince, AtomicLong decided,
                   AtomicLong failed, AtomicLong skipped, AtomicLongArray liveActions, AtomicLongArray shadowActions) {

        Running(RuleSetStore.ShadowRun run, List<RuleSource> sources, Instant countingSince) {
            this(run, sources, countingSince, new AtomicLong(), new AtomicLong(), new AtomicLong(),
                    new AtomicLongArray(ActionType.values().length), new AtomicLongArray(ActionType.values().length));
        }

        Map<ActionType, Long> counts(AtomicLongArray counts) {
            Map<ActionType, Long> byType = new EnumMap<>(ActionType.class);
            for (ActionType type : ActionType.values()) {
                byType.put(type, counts.get(type.ordinal()));
            }
            return byType;
        }
    }

    private final RuleSetStore store;
    private final Sandbox sandbox;
    private final AtomicReference<Running> running = new AtomicReference<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final Queue<DecisionRecord> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** One batch at a time: the shadow takes at most one sandbox worker, and no thread of the server's pools. */
    private final ExecutorService comparing = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "lupaus-shadow");
        thread.setDaemon(true);
        return thread;
    });

    Shadow(RuleSetStore store, Sandbox sandbox) {
        this.store = store;
        this.sandbox = sandbox;
    }

    void start(RuleSetStore.ShadowRun run, List<RuleSource> sources, Instant now) {
        running.set(new Running(run, sources, now));
    }

    /** Stops comparing; batches not yet compared are dropped. */
    void close() {
        comparing.shutdownNow();
    }

    void stop() {
        running.set(null);
    }

    public boolean isRunning() {
        return running.get() != null;
    }

    Optional<Running> running() {
        return Optional.ofNullable(running.get());
    }

    /** Decides recorded live decisions again with the shadow version, later. */
    public void offer(List<DecisionRecord> records) {
        Running shadow = running.get();
        if (shadow == null || records.isEmpty()) {
            return;
        }
        if (backlog.addAndGet(records.size()) > MAX_BACKLOG) {
            backlog.addAndGet(-records.size());
            shadow.skipped().addAndGet(records.size());
            return;
        }
        pending.addAll(records);
        if (draining.compareAndSet(false, true)) {
            try {
                comparing.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
            }
        }
    }

    /** Compares what is pending in batches: one sandbox request for many live decisions. */
    private void drain() {
        while (true) {
            List<DecisionRecord> batch = new ArrayList<>();
            DecisionRecord next;
            while (batch.size() < BATCH && (next = pending.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                draining.set(false);
                // Offered after the last poll but before the flag dropped: drain again rather than leave it.
                if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                compare(batch);
            } finally {
                backlog.addAndGet(-batch.size());
            }
        }
    }

    /** Decides recorded live decisions again with the shadow version. Blocking. */
    void compare(List<DecisionRecord> records) {
        Running shadow = running.get();
        if (shadow == null) {
            return;
        }
        try {
            List<RuleSetStore.ShadowDifference> differences = new ArrayList<>();
            List<Decision> shadowed = sandbox.decide(shadow.sources(), records.stream()
                    .map(record -> new SandboxCase(record.feedback(), record.context(), record.decision().decidedAt()))
                    .toList());
            for (int i = 0; i < records.size(); i++) {
                DecisionRecord record = records.get(i);
                Decision live = record.decision();
                Decision decided = shadowed.get(i);
                if (!decided.actions().equals(live.actions())) {
                    differences.add(new RuleSetStore.ShadowDifference(record.decisionId(), actions(live.actions()),
                            actions(decided.actions()), new JsonArray(decided.firedRules()).encode()));
                }
            }
            if (!differences.isEmpty()) {
                store.recordDifferences(shadow.run().runId(), differences);
            }
            // Counted once recorded, so that a summary never counts a difference it cannot show.
            records.forEach(record -> record.decision().actions()
                    .forEach(action -> shadow.liveActions().incrementAndGet(action.type().ordinal())));
            shadowed.forEach(decision -> decision.actions()
                    .forEach(action -> shadow.shadowActions().incrementAndGet(action.type().ordinal())));
            shadow.decided().addAndGet(records.size());
        } catch (RuntimeException e) {
            shadow.failed().addAndGet(records.size());
            LOG.warn("shadow rule set {} failed; the live decisions stand: {}", shadow.run().version(), e.toString());
        }
    }

    private static String actions(List<Action> actions) {
        return Answers.encode(DecisionAnswers.actions(actions)).toString();
    }
}
