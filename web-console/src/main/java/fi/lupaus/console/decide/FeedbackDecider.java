package fi.lupaus.console.decide;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;

import fi.lupaus.console.ruleset.Shadow;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.log.Appended;
import fi.lupaus.engine.log.DecisionLog;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.ruleset.RuleSet;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Decides feedback with the live rule set on a worker thread and records each decision
 * durably before the returned future completes. Refuses work past a bound instead of queueing
 * it without end.
 */
public final class FeedbackDecider {

    private final Vertx vertx;
    private final DecisionLog log;
    private final LiveRuleSet ruleSet;
    private final Shadow shadow;
    private final CustomerContexts contexts;
    private final Enrichment enrichment;
    private final Clock clock;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    public FeedbackDecider(Vertx vertx, DecisionLog log, LiveRuleSet ruleSet, CustomerContexts contexts,
                           Enrichment enrichment, Shadow shadow, Clock clock, int maxInFlight) {
        this.vertx = vertx;
        this.log = log;
        this.ruleSet = ruleSet;
        this.shadow = shadow;
        this.contexts = contexts;
        this.enrichment = enrichment;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
    }

    /** The decision time for work arriving now, to the millisecond as the rules' clock counts. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The rule set deciding new work now. */
    public RuleSet ruleSet() {
        return ruleSet.current();
    }

    /**
     * Decides each feedback at the decision time and appends them all to the log at once.
     * Completes on the caller's context once the records are durable.
     */
    public Future<List<Appended>> decide(List<Feedback> feedback, Instant decisionTime) {
        int count = feedback.size();
        if (inFlight.addAndGet(count) > maxInFlight) {
            inFlight.addAndGet(-count);
            return Future.failedFuture(new OverloadedException(maxInFlight));
        }
        Context context = vertx.getOrCreateContext();
        // Appended from the worker: the log encodes its records on the appending thread.
        return vertx.executeBlocking(() -> log.append(decideAll(feedback, decisionTime)), false)
                .compose(appending -> Future.fromCompletionStage(appending, context))
                .andThen(done -> inFlight.addAndGet(-count))
                .onSuccess(this::showToShadow);
    }

    /**
     * The indexes of the posted feedback whose id is taken by other feedback: decided before, or
     * earlier in the same list. Reads the log on a worker; decides and stores nothing.
     */
    public Future<List<Integer>> conflicts(List<Posted> posted) {
        return vertx.executeBlocking(() -> {
            Map<String, Posted> first = new HashMap<>();
            Map<String, Optional<Feedback>> recorded = new HashMap<>();
            List<Integer> conflicts = new ArrayList<>();
            for (int i = 0; i < posted.size(); i++) {
                Posted one = posted.get(i);
                String id = one.feedback().id();
                Posted earlier = first.putIfAbsent(id, one);
                Optional<Feedback> before = recorded.computeIfAbsent(id,
                        seen -> log.findByFeedbackId(seen).map(DecisionRecord::feedback));
                Feedback original = before.isPresent() ? before.get() : earlier == null ? null : earlier.feedback();
                if (original != null && !one.sameAs(original)) {
                    conflicts.add(i);
                }
            }
            return conflicts;
        }, false);
    }

    /**
     * The indexes of the posted feedback that the log answered with the original record of
     * other feedback under the same id: nothing of those was stored.
     */
    public static List<Integer> conflicts(List<Posted> posted, List<Appended> appended) {
        List<Integer> conflicts = new ArrayList<>();
        for (int i = 0; i < posted.size(); i++) {
            Appended one = appended.get(i);
            if (!one.created() && !posted.get(i).sameAs(one.record().feedback())) {
                conflicts.add(i);
            }
        }
        return conflicts;
    }

    /** After the answer: a shadow never delays nor fails the live decisions. */
    private void showToShadow(List<Appended> appended) {
        if (shadow.isRunning()) {
            shadow.offer(vertx, appended.stream().filter(Appended::created).map(Appended::record).toList());
        }
    }

    private List<DecisionRecord> decideAll(List<Feedback> feedback, Instant decisionTime) {
        // One rule set for the whole batch, even when a deploy happens meanwhile.
        RuleSet ruleSet = this.ruleSet.current();
        // The customers' history as the store holds it now; it is recorded with each decision, so
        // that a replay decides on the same facts without asking the store again.
        CustomerContexts.Histories histories = contexts.load(
                feedback.stream().map(Feedback::customerId).collect(Collectors.toSet()), decisionTime);
        return feedback.stream()
                .map(one -> {
                    DecisionContext context = histories.of(one).withAttributes(enrichment.of(one));
                    List<Object> facts = new ArrayList<>();
                    facts.add(one);
                    facts.addAll(context.facts());
                    return new DecisionRecord(log.newDecisionId(decisionTime), one, context,
                            ruleSet.decide(facts, decisionTime));
                })
                .toList();
    }
}
