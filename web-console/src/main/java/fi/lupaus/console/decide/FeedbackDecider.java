package fi.lupaus.console.decide;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Decides feedback with the live rule set on a thread of its own and records each decision
 * durably before the returned future completes. Refuses work past a bound instead of queueing
 * it without end.
 *
 * <p>The live rules were proven bounded on the deploy sample, and each decision has its bounds on
 * firings and CPU time ({@link RuleSet#decide}), but those are checked between firings: a thread
 * stuck inside one firing past the deadline is abandoned (its request answered 503, the thread
 * reported in the log and replaced in the pool), never waited on.
 */
public final class FeedbackDecider implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackDecider.class);
    /** Threads deciding at once, as many as Vert.x's worker pool had. */
    private static final int THREADS = 20;
    private static final long WATCH_EVERY_MS = 250;
    /** Feedback decided as one group at most, unless one request alone brings more. */
    private static final int GROUP = 32;

    /** A group being decided, watched for its deadline. */
    private record Deciding(Thread thread, long since, String ruleSetVersion, int feedback, List<Request> group,
                            AtomicBoolean abandoned) {
    }

    /** Feedback to decide, and where its records will be once they are durable. */
    private record Request(List<Feedback> feedback, Instant decisionTime,
                           CompletableFuture<CompletionStage<List<Appended>>> appending) {
    }

    private final Vertx vertx;
    private final DecisionLog log;
    private final LiveRuleSet ruleSet;
    private final Shadow shadow;
    private final CustomerContexts contexts;
    private final Enrichment enrichment;
    private final Clock clock;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Duration deadline;
    private final ThreadPoolExecutor deciders;
    private final Set<Deciding> deciding = ConcurrentHashMap.newKeySet();
    private final Queue<Request> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong abandoned = new AtomicLong();
    private final long watch;
    private final DecisionMeters meters;

    /** @param deadline how long one batch may decide before its thread is abandoned */
    public FeedbackDecider(Vertx vertx, DecisionLog log, LiveRuleSet ruleSet, CustomerContexts contexts,
                           Enrichment enrichment, Shadow shadow, Clock clock, int maxInFlight, Duration deadline) {
        this(vertx, log, ruleSet, contexts, enrichment, shadow, clock, maxInFlight, deadline, DecisionMeters.none());
    }

    /** @param meters where deciding reports its outcomes and latencies */
    public FeedbackDecider(Vertx vertx, DecisionLog log, LiveRuleSet ruleSet, CustomerContexts contexts,
                           Enrichment enrichment, Shadow shadow, Clock clock, int maxInFlight, Duration deadline,
                           DecisionMeters meters) {
        this.meters = meters;
        this.vertx = vertx;
        this.log = log;
        this.ruleSet = ruleSet;
        this.shadow = shadow;
        this.contexts = contexts;
        this.enrichment = enrichment;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.deadline = deadline;
        AtomicInteger threads = new AtomicInteger();
        this.deciders = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "lupaus-decider-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.watch = vertx.setPeriodic(WATCH_EVERY_MS, id -> abandonOverdue());
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
     * Decides each feedback and appends them all to the log at once. Completes on the caller's
     * context once the records are durable.
     *
     * <p>Work that arrives while the deciding threads are busy waits, and is then decided as one
     * group with whatever else waits: the customers' histories are read once for the group, and
     * the group is appended at once. Every decision of a group is made at the group's decision
     * time, the latest of its requests' {@code decisionTime}s (a request is never decided before
     * it arrived, and the recorded time is the one its history was read for).
     */
    public Future<List<Appended>> decide(List<Feedback> feedback, Instant decisionTime) {
        long start = System.nanoTime();
        int count = feedback.size();
        if (inFlight.addAndGet(count) > maxInFlight) {
            inFlight.addAndGet(-count);
            OverloadedException overloaded = new OverloadedException(maxInFlight);
            meters.refusedOrFailed(overloaded, count);
            return Future.failedFuture(overloaded);
        }
        Context context = vertx.getOrCreateContext();
        Request request = new Request(feedback, decisionTime, new CompletableFuture<>());
        waiting.add(request);
        try {
            // One task per request: a task that finds the queue emptied by another returns at once.
            deciders.execute(this::decideWaiting);
        } catch (RuntimeException e) {
            waiting.remove(request);
            request.appending().completeExceptionally(e);
        }
        return Future.fromCompletionStage(request.appending(), context)
                .compose(durable -> Future.fromCompletionStage(durable, context))
                .andThen(done -> {
                    inFlight.addAndGet(-count);
                    meters.answered(done, count, start);
                })
                .onSuccess(this::showToShadow);
    }

    /**
     * The indexes of the posted feedback whose id is taken by other feedback: decided before, or
     * earlier in the same list. Reads the log on a worker; decides and stores nothing.
     */
    public Future<List<Integer>> conflicts(List<Posted> posted) {
        return vertx.executeBlocking(() -> {
            Map<String, Posted> first = new HashMap<>();
            // One read for the whole batch's ids.
            Map<String, DecisionRecord> recorded = log.findByFeedbackIds(
                    posted.stream().map(one -> one.feedback().id()).toList());
            List<Integer> conflicts = new ArrayList<>();
            for (int i = 0; i < posted.size(); i++) {
                Posted one = posted.get(i);
                String id = one.feedback().id();
                Posted earlier = first.putIfAbsent(id, one);
                DecisionRecord before = recorded.get(id);
                Feedback original = before != null ? before.feedback() : earlier == null ? null : earlier.feedback();
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

    private void decideWaiting() {
        List<Request> group = new ArrayList<>();
        int feedback = 0;
        Request next;
        while (feedback < GROUP && (next = waiting.poll()) != null) {
            group.add(next);
            feedback += next.feedback().size();
        }
        if (!group.isEmpty()) {
            meters.grouped(feedback);
            decideAndAppend(group);
        }
    }

    private void decideAndAppend(List<Request> group) {
        try {
            AtomicBoolean abandonedHere = new AtomicBoolean();
            long started = System.nanoTime();
            Map<Request, List<DecisionRecord>> decided = decideAll(group, abandonedHere);
            long stored = System.nanoTime();
            meters.deciding(stored - started);
            // Told it failed already: what the callers will send again is not recorded now.
            if (abandonedHere.get() || decided.isEmpty()) {
                return;
            }
            CompletionStage<List<Appended>> durable = log.append(
                            decided.values().stream().flatMap(List::stream).toList())
                    .whenComplete((appended, failure) -> meters.storing(System.nanoTime() - stored));
            int from = 0;
            for (Map.Entry<Request, List<DecisionRecord>> request : decided.entrySet()) {
                int first = from;
                int to = from + request.getValue().size();
                request.getKey().appending().complete(durable.thenApply(appended -> appended.subList(first, to)));
                from = to;
            }
        } catch (Throwable failure) {
            group.forEach(request -> request.appending().completeExceptionally(failure));
        }
    }

    /** Answers the batches deciding past the deadline, reports their threads and replaces them. */
    private void abandonOverdue() {
        long now = System.nanoTime();
        for (Deciding batch : deciding) {
            if (now - batch.since() > deadline.toNanos() && batch.abandoned().compareAndSet(false, true)) {
                deciding.remove(batch);
                abandoned.incrementAndGet();
                // The thread cannot be stopped; the pool gets one more so that it decides as many at once as before.
                deciders.setMaximumPoolSize(deciders.getMaximumPoolSize() + 1);
                deciders.setCorePoolSize(deciders.getCorePoolSize() + 1);
                DecisionAbandonedException failure = new DecisionAbandonedException(batch.ruleSetVersion(), deadline);
                batch.group().forEach(request -> request.appending().completeExceptionally(failure));
                LOG.error("rule set {} decided {} feedback for longer than {} ms; thread {} is abandoned, still at {}",
                        batch.ruleSetVersion(), batch.feedback(), deadline.toMillis(), batch.thread().getName(),
                        Arrays.stream(batch.thread().getStackTrace()).limit(8).map(String::valueOf)
                                .collect(Collectors.joining(" < ")));
            }
        }
    }

    /** How many deciding threads were abandoned since the start. */
    public long abandoned() {
        return abandoned.get();
    }

    @Override
    public void close() {
        vertx.cancelTimer(watch);
        deciders.shutdownNow();
    }

    /** After the answer: a shadow never delays nor fails the live decisions. */
    private void showToShadow(List<Appended> appended) {
        if (shadow.isRunning()) {
            shadow.offer(appended.stream().filter(Appended::created).map(Appended::record).toList());
        }
    }

    /** The records of each request of the group that could be decided; the others are failed. */
    private Map<Request, List<DecisionRecord>> decideAll(List<Request> group, AtomicBoolean abandonedHere) {
        // One rule set for the whole group, even when a deploy happens meanwhile.
        RuleSet ruleSet = this.ruleSet.current();
        Instant decisionTime = group.stream().map(Request::decisionTime).max(Instant::compareTo).orElseThrow();
        // The customers' history as the store holds it now; it is recorded with each decision, so
        // that a replay decides on the same facts without asking the store again.
        CustomerContexts.Histories histories = contexts.load(group.stream()
                .flatMap(request -> request.feedback().stream()).map(Feedback::customerId)
                .collect(Collectors.toSet()), decisionTime);
        // Watched from here: reading the store has bounds of its own.
        Deciding batch = new Deciding(Thread.currentThread(), System.nanoTime(), ruleSet.version(),
                group.stream().mapToInt(request -> request.feedback().size()).sum(), group, abandonedHere);
        deciding.add(batch);
        try {
            Map<Request, List<DecisionRecord>> decided = new LinkedHashMap<>();
            for (Request request : group) {
                try {
                    decided.put(request, decideWith(ruleSet, histories, request.feedback(), decisionTime));
                } catch (RuntimeException failure) {
                    // One request's rules failing (a bound reached) fails that request alone.
                    request.appending().completeExceptionally(failure);
                }
            }
            return decided;
        } finally {
            deciding.remove(batch);
        }
    }

    private List<DecisionRecord> decideWith(RuleSet ruleSet, CustomerContexts.Histories histories,
                                            List<Feedback> feedback, Instant decisionTime) {
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
