package fi.lupaus.console.ops;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.engine.delivery.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * Gauges of the outbox's deliveries by state, counted on a worker every so often (a scrape never
 * waits for the database). The pool's gauges are the store adapter's: {@code PoolGauges}.
 */
public final class OutboxGauges {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxGauges.class);

    private final Vertx vertx;
    private final Outbox outbox;
    private final Map<Outbox.State, AtomicLong> deliveries = new EnumMap<>(Outbox.State.class);
    private long timer = -1;

    public OutboxGauges(Vertx vertx, MeterRegistry meters, Outbox outbox) {
        this.vertx = vertx;
        this.outbox = outbox;
        for (Outbox.State state : Outbox.State.values()) {
            AtomicLong count = new AtomicLong();
            deliveries.put(state, count);
            Gauge.builder("lupaus.outbox.deliveries", count, AtomicLong::get).tag("state", state.wireName())
                    .description("deliveries of actions in the outbox, by state, as last counted").register(meters);
        }
    }

    /** Counts the outbox now and then every {@code every}. */
    public void start(Duration every) {
        count();
        timer = vertx.setPeriodic(every.toMillis(), id -> count());
    }

    private void count() {
        vertx.executeBlocking(outbox::counts, false)
                .onSuccess(counts -> counts.forEach((state, count) -> deliveries.get(state).set(count)))
                .onFailure(failure -> LOG.debug("the outbox could not be counted: {}", failure.toString()));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
