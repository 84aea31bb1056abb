package fi.lupaus.console.ruleset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.console.api.decision.DecisionJson;
import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.ruleset.RuleSet;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;

/**
 * A version deciding live feedback in the shadow of the live one: only the live decision is
 * recorded and acts; where the shadow would have decided otherwise, the difference is recorded.
 * A shadow that fails never fails the live decision.
 */
public final class Shadow {

    private static final Logger LOG = LoggerFactory.getLogger(Shadow.class);

    /** Decisions waiting for the shadow beyond this are not shadowed, so that it never holds up the workers. */
    static final int MAX_BACKLOG = 10_000;

    /**
     * A running shadow with what it has counted since this server started it; {@code skipped}
     * counts the live decisions it had no time for.
     */
    record Running(RuleSetStore.ShadowRun run, RuleSet ruleSet, Instant countingSince, AtomicLong decided,
                   AtomicLong failed, AtomicLong skipped, AtomicLongArray liveActions, AtomicLongArray shadowActions) {

        Running(RuleSetStore.ShadowRun run, RuleSet ruleSet, Instant countingSince) {
            this(run, ruleSet, countingSince, new AtomicLong(), new AtomicLong(), new AtomicLong(),
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
    private final AtomicReference<Running> running = new AtomicReference<>();
    private final AtomicInteger backlog = new AtomicInteger();

    Shadow(RuleSetStore store) {
        this.store = store;
    }

    void start(RuleSetStore.ShadowRun run, RuleSet ruleSet, Instant now) {
        running.set(new Running(run, ruleSet, now));
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

    /** Decides recorded live decisions again with the shadow version on a worker, later. */
    public void offer(Vertx vertx, List<DecisionRecord> records) {
        Running shadow = running.get();
        if (shadow == null || records.isEmpty()) {
            return;
        }
        if (backlog.addAndGet(records.size()) > MAX_BACKLOG) {
            backlog.addAndGet(-records.size());
            shadow.skipped().addAndGet(records.size());
            return;
        }
        vertx.executeBlocking(() -> {
            compare(records);
            return null;
        }, false).onComplete(done -> backlog.addAndGet(-records.size()));
    }

    /** Decides recorded live decisions again with the shadow version. Blocking. */
    void compare(List<DecisionRecord> records) {
        Running shadow = running.get();
        if (shadow == null) {
            return;
        }
        try {
            List<RuleSetStore.ShadowDifference> differences = new ArrayList<>();
            List<Decision> shadowed = new ArrayList<>();
            for (DecisionRecord record : records) {
                Decision live = record.decision();
                Decision decided = shadow.ruleSet().decide(record.facts(), live.decidedAt());
                shadowed.add(decided);
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
        JsonArray json = new JsonArray();
        actions.forEach(action -> json.add(DecisionJson.action(action)));
        return json.encode();
    }
}
