package fi.lupaus.console.ops;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import fi.lupaus.engine.delivery.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * Gauges of the store: its connection pool, read when scraped, and the outbox's deliveries by
 * state, counted on a worker every so often (a scrape never waits for the database).
 */
public final class StoreGauges {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGauges.class);

    private final Vertx vertx;
    private final Outbox outbox;
    private final Map<Outbox.State, AtomicLong> deliveries = new EnumMap<>(Outbox.State.class);
    private long timer = -1;

    public StoreGauges(Vertx vertx, MeterRegistry meters, DataSource store, Outbox outbox) {
        this.vertx = vertx;
        this.outbox = outbox;
        for (Outbox.State state : Outbox.State.values()) {
            AtomicLong count = new AtomicLong();
            deliveries.put(state, count);
            Gauge.builder("lupaus.outbox.deliveries", count, AtomicLong::get).tag("state", state.wireName())
                    .description("deliveries of actions in the outbox, by state, as last counted").register(meters);
        }
        if (store instanceof HikariDataSource pool) {
            poolGauge(meters, pool, "active", HikariPoolMXBean::getActiveConnections);
            poolGauge(meters, pool, "idle", HikariPoolMXBean::getIdleConnections);
            poolGauge(meters, pool, "pending", HikariPoolMXBean::getThreadsAwaitingConnection);
            Gauge.builder("lupaus.store.connections.max", pool, HikariDataSource::getMaximumPoolSize)
                    .description("the most connections the store's pool opens").register(meters);
        }
    }

    private static void poolGauge(MeterRegistry meters, HikariDataSource pool, String state,
                                  ToIntFunction<HikariPoolMXBean> read) {
        Gauge.builder("lupaus.store.connections", pool, p -> {
                    HikariPoolMXBean bean = p.getHikariPoolMXBean();
                    return bean == null ? 0 : read.applyAsInt(bean);
                })
                .tag("state", state)
                .description("the store's pool: connections in use, idle, and threads waiting for one")
                .register(meters);
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
