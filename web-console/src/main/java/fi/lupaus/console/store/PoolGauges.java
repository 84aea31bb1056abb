package fi.lupaus.console.store;

import java.util.function.ToIntFunction;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import fi.lupaus.engine.jdbc.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Gauges of the store's connection pool, read when scraped (here, where the pool's type may be known). */
public final class PoolGauges {

    private PoolGauges() {
    }

    /** Registers the pool's gauges, when its pool is Hikari's (it is on H2 and PostgreSQL alike). */
    public static void register(MeterRegistry meters, Database database) {
        if (!(database.dataSource() instanceof HikariDataSource pool)) {
            return;
        }
        gauge(meters, pool, "active", HikariPoolMXBean::getActiveConnections);
        gauge(meters, pool, "idle", HikariPoolMXBean::getIdleConnections);
        gauge(meters, pool, "pending", HikariPoolMXBean::getThreadsAwaitingConnection);
        Gauge.builder("lupaus.store.connections.max", pool, HikariDataSource::getMaximumPoolSize)
                .description("the most connections the store's pool opens").register(meters);
    }

    private static void gauge(MeterRegistry meters, HikariDataSource pool, String state,
                              ToIntFunction<HikariPoolMXBean> read) {
        Gauge.builder("lupaus.store.connections", pool, p -> {
                    HikariPoolMXBean bean = p.getHikariPoolMXBean();
                    return bean == null ? 0 : read.applyAsInt(bean);
                })
                .tag("state", state)
                .description("the store's pool: connections in use, idle, and threads waiting for one")
                .register(meters);
    }
}
