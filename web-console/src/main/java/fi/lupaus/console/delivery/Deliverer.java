package fi.lupaus.console.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
        this.vertx = vertx;
        this.outbox = outbox;
        this.handlers = List.copyOf(handlers);
        this.handlers.forEach(handler -> byId.put(handler.id(), handler));
        this.handlers.forEach(handler -> latency.put(handler.id(), new Timer[] {
                latency(meters, handler.id(), "delivered"), latency(meters, handler.id(), "failed")}));
        this.poll = poll;
        this.keepDelivered = keepDelivered;
    }

    /** Starts sweeping; call on the verticle's event loop. */
    public void start() {
        executor = vertx.createSharedWorkerExecutor("lupaus-delivery", THREADS);
        timer = vertx.setPeriodic(poll.toMillis(), id -> sweep());
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
                    Outbox.Dispatched dispatched = outbox.dispatch(handlers, DISPATCH_LIMIT, CLAIM_LEASE);
                    return new Sweep(dispatched, outbox.claim(DELIVER_LIMIT, CLAIM_LEASE));
                }, false)
                .compose(sweep -> {
                    List<Future<Outbox.Outcome>> attempts = new ArrayList<>();
                    for (Outbox.Claimed fresh : sweep.dispatched().deliveries()) {
                        attempts.add(executor.executeBlocking(
                                () -> deliver(fresh.delivery(), Optional.of(fresh.action())), false));
                    }
                    for (Outbox.Delivery again : sweep.due()) {
                        attempts.add(executor.executeBlocking(() -> deliver(again, outbox.prepare(again)), false));
                    }
                    return Future.join(attempts)
                            .transform(done -> executor.executeBlocking(() -> {
                                // One commit for the sweep's outcomes; an attempt that broke is tried again.
                                outbox.record(attempts.stream().filter(Future::succeeded).map(Future::result).toList());
                                return sweep;
                            }, false));
                })
                .onFailure(failure -> LOG.warn("an outbox sweep failed: {}", failure.toString()))
                .andThen(done -> {
                    sweeping.set(false);
                    // More waiting than one sweep takes: go on at once rather than after the poll interval.
                    if (done.succeeded() && done.result().full() && !stopped) {
                        vertx.runOnContext(v -> sweep());
                    }
                })
                .mapEmpty();
        return current;
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
        Future<Void> last = current.recover(failure -> Future.succeededFuture());
        return executor == null ? last : last.compose(v -> executor.close());
    }
}
