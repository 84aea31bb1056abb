package fi.lupaus.console.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import fi.lupaus.engine.delivery.ActionDelivery;
import fi.lupaus.engine.delivery.ActionHandler;
import fi.lupaus.engine.delivery.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Drives the outbox: every poll interval, one sweep creates the deliveries of new decisions
 * (at most {@value #DISPATCH_LIMIT} decisions) and tries them at once with the actions read for
 * them, then tries the deliveries due again (at most {@value #DELIVER_LIMIT}: retries, and those
 * of a server that died), {@value #THREADS} at a time, on delivery threads of its own; when
 * it found more than that, the next sweep follows at once. The work of a sweep is bounded and it
 * never runs beside another, so delivery never holds up deciding; what a sweep leaves, the next
 * takes up, and after a restart the first sweep goes on where the stored outbox stands.
 *
 * <p>The deliveries a sweep works on are claimed for a lease, which the sweep extends every third
 * of a lease until their outcomes are written: slow handlers make a sweep outlast any lease, and
 * another server sharing the store would otherwise take its deliveries and send them again. An
 * attempt whose claim was lost meanwhile (this server stalled past its lease) is not made.
 */
public final class Deliverer {

    static final int DISPATCH_LIMIT = 256;
    static final int DELIVER_LIMIT = 256;
    /**
     * How long a delivery this server took stays its own: longer than a sweep's attempts (they run
     * side by side; the webhook and mail time out in 5 and 10 s). A server killed mid-delivery leaves
     * them to any server, itself restarted included, this long after.
     */
    static final Duration CLAIM_LEASE = Duration.ofSeconds(30);
    static final int THREADS = 4;
    static final int FORGET_LIMIT = 10_000;
    private static final long FORGET_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    private final Vertx vertx;
    private final Outbox outbox;
    private final List<ActionHandler> handlers;
    private final Map<String, ActionHandler> byId = new LinkedHashMap<>();
    private final Duration poll;
    private final Duration keepDelivered;
    private final Duration lease;
    /** The running sweep's deliveries whose outcome is not yet written, by id, as last claimed. */
    private final Map<Long, Outbox.Delivery> held = new ConcurrentHashMap<>();
    private final AtomicBoolean extending = new AtomicBoolean();
    private long extendTimer = -1;
    private volatile long lastForget = System.nanoTime() - FORGET_EVERY_NANOS;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private WorkerExecutor executor;
    private long timer = -1;
    private Future<Void> current = Future.succeededFuture();
    private volatile boolean stopped;
    /** By handler: how long its attempts took, delivered and failed. */
    private final Map<String, Timer[]> latency = new HashMap<>();

    /** What one sweep found: new decisions' deliveries and deliveries due again. */
    private record Sweep(Outbox.Dispatched dispatched, List<Outbox.Delivery> due) {
        boolean full() {
            return dispatched.decisions() == DISPATCH_LIMIT || due.size() == DELIVER_LIMIT;
        }
    }

    /** @param keepDelivered how long delivered deliveries stay listed; older ones are forgotten a minute's batch at a time */
    public Deliverer(Vertx vertx, Outbox outbox, List<ActionHandler> handlers, Duration poll, Duration keepDelivered,
                     MeterRegistry meters) {
        this(vertx, outbox, handlers, poll, keepDelivered, CLAIM_LEASE, meters);
    }

    Deliverer(Vertx vertx, Outbox outbox, List<ActionHandler> handlers, Duration poll, Duration keepDelivered,
              Duration lease, MeterRegistry meters) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.handlers = List.copyOf(handlers);
        this.handlers.forEach(handler -> byId.put(handler.id(), handler));
        this.handlers.forEach(handler -> latency.put(handler.id(), new Timer[] {
                latency(meters, handler.id(), "delivered"), latency(meters, handler.id(), "failed")}));
        this.poll = poll;
        this.keepDelivered = keepDelivered;
        this.lease = lease;
    }

    /** Starts sweeping; call on the verticle's event loop. */
    public void start() {
        executor = vertx.createSharedWorkerExecutor("lupaus-delivery", THREADS);
        timer = vertx.setPeriodic(poll.toMillis(), id -> sweep());
        extendTimer = vertx.setPeriodic(Math.max(1, lease.toMillis() / 3), id -> extendClaims());
    }

    public List<ActionHandler> handlers() {
        return handlers;
    }

    /** One sweep, unless one is running; completes when it is done. */
    Future<Void> sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return current;
        }
        current = executor.<Sweep>executeBlocking(() -> {
                    if (System.nanoTime() - lastForget >= FORGET_EVERY_NANOS) {
                        lastForget = System.nanoTime();
                        outbox.forgetDeliveredOlderThan(keepDelivered, FORGET_LIMIT);
                    }
                    Outbox.Dispatched dispatched = outbox.dispatch(handlers, DISPATCH_LIMIT, lease);
                    dispatched.deliveries().forEach(fresh -> held.put(fresh.delivery().id(), fresh.delivery()));
                    List<Outbox.Delivery> due = outbox.claim(DELIVER_LIMIT, lease);
                    due.forEach(again -> held.put(again.id(), again));
                    return new Sweep(dispatched, due);
                }, false)
                .compose(sweep -> {
                    List<Future<Outbox.Outcome>> attempts = new ArrayList<>();
                    for (Outbox.Claimed fresh : sweep.dispatched().deliveries()) {
                        attempts.add(executor.executeBlocking(
                                () -> attempt(fresh.delivery(), () -> Optional.of(fresh.action())), false));
                    }
                    for (Outbox.Delivery again : sweep.due()) {
                        attempts.add(executor.executeBlocking(() -> attempt(again, () -> outbox.prepare(again)), false));
                    }
                    return Future.join(attempts)
                            .transform(done -> executor.executeBlocking(() -> {
                                // Written at once: no claim needs extending any more.
                                held.clear();
                                // One commit for the sweep's outcomes; an attempt that broke is tried again.
                                outbox.record(attempts.stream().filter(Future::succeeded).map(Future::result)
                                        .filter(Objects::nonNull).toList());
                                return sweep;
                            }, false));
                })
                .onFailure(failure -> LOG.warn("an outbox sweep failed: {}", failure.toString()))
                .andThen(done -> {
                    held.clear();
                    sweeping.set(false);
                    // More waiting than one sweep takes: go on at once rather than after the poll interval.
                    if (done.succeeded() && done.result().full() && !stopped) {
                        vertx.runOnContext(v -> sweep());
                    }
                })
                .mapEmpty();
        return current;
    }

    /**
     * Extends the claim on the running sweep's deliveries, on a worker of Vert.x's own: the delivery
     * threads may all be waiting on slow handlers. Those another server has taken are let go.
     */
    private void extendClaims() {
        if (held.isEmpty() || !extending.compareAndSet(false, true)) {
            return;
        }
        List<Outbox.Delivery> claimed = List.copyOf(held.values());
        vertx.<List<Outbox.Delivery>>executeBlocking(() -> outbox.extend(claimed, lease), false)
                .onSuccess(kept -> {
                    Map<Long, Outbox.Delivery> byId = new HashMap<>();
                    kept.forEach(delivery -> byId.put(delivery.id(), delivery));
                    int lost = 0;
                    // Only entries as they were when read: meanwhile, their outcome may have been
                    // written (they are gone) or a later sweep may have claimed them again.
                    for (Outbox.Delivery delivery : claimed) {
                        Outbox.Delivery extended = byId.get(delivery.id());
                        if (extended != null) {
                            held.replace(delivery.id(), delivery, extended);
                        } else if (held.remove(delivery.id(), delivery)) {
                            lost++;
                        }
                    }
                    if (lost > 0) {
                        LOG.warn("{} deliveries were taken by another server after their claim ended; "
                                + "those not yet tried are left to it", lost);
                    }
                })
                .onFailure(failure -> LOG.warn("extending the claim on deliveries failed: {}", failure.toString()))
                .onComplete(done -> extending.set(false));
    }

    /** One attempt, or none ({@code null}) when this server no longer holds the delivery. */
    private Outbox.Outcome attempt(Outbox.Delivery delivery, Supplier<Optional<ActionDelivery>> action) {
        return held.containsKey(delivery.id()) ? deliver(delivery, action.get()) : null;
    }

    private Outbox.Outcome deliver(Outbox.Delivery delivery, Optional<ActionDelivery> action) {
        ActionHandler handler = byId.get(delivery.handler());
        if (handler == null) {
            return Outbox.Outcome.failed(delivery, "no handler '" + delivery.handler() + "' is installed");
        }
        if (action.isEmpty()) {
            return Outbox.Outcome.dead(delivery, "the decision's personal data was erased");
        }
        long start = System.nanoTime();
        Timer[] timers = latency.get(handler.id());
        try {
            handler.deliver(action.get());
            timers[0].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return Outbox.Outcome.delivered(delivery);
        } catch (Exception | LinkageError failure) {
            timers[1].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            try (var decision = MDC.putCloseable("decisionId", delivery.decisionId())) {
                LOG.info("delivery {} attempt {} failed: {}", delivery.deliveryId(), delivery.attempts() + 1,
                        failure.toString());
            }
            return Outbox.Outcome.failed(delivery, failure.toString());
        }
    }

    private static Timer latency(MeterRegistry meters, String handler, String outcome) {
        return Timer.builder("lupaus.delivery.latency").tag("handler", handler).tag("outcome", outcome)
                .description("how long a handler took to deliver an action, by how the attempt ended")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters);
    }

    /** Stops sweeping and waits for the sweep under way; deliveries it had not finished stay pending. */
    public Future<Void> stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        // Not the claims' timer: the sweep under way keeps its deliveries until it is done.
        Future<Void> last = current.recover(failure -> Future.succeededFuture());
        return (executor == null ? last : last.compose(v -> executor.close())).andThen(done -> {
            if (extendTimer >= 0) {
                vertx.cancelTimer(extendTimer);
            }
        });
    }
}
