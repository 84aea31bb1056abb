package fi.lupaus.console.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.vertx.core.Vertx;

/** The store watch reports a store that takes no writes, notices when it does again, and gives up in time. */
@Timeout(30)
class StoreWatchTest {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicBoolean writable = new AtomicBoolean(true);
    private final AtomicInteger lost = new AtomicInteger();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    /** A store whose every statement fails while it is not writable. */
    private DataSource store() {
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("executeUpdate") && !writable.get()) {
                        throw new SQLException("Writing to the file failed: File too large");
                    }
                    return method.getReturnType() == int.class ? 1 : null;
                });
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("prepareStatement") ? statement : null);
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> connection;
                    case "unwrap" -> throw new SQLException("not a pool");
                    default -> null;
                });
    }

    @Test
    void aStoreThatStopsTakingWritesIsReportedAndItsRecoveryNoticed() throws Exception {
        StoreWatch watch = new StoreWatch(vertx, store(), () -> { }, Duration.ofMillis(50), Duration.ofMinutes(1),
                Clock.systemUTC(), lost::incrementAndGet);
        watch.start();

        writable.set(false);
        eventually(() -> !watch.state().up());
        assertThat(watch.state().problem()).contains("File too large");

        writable.set(true);
        eventually(() -> watch.state().up());
        assertThat(lost).hasValue(0);
    }

    @Test
    void aStoreBrokenLongerThanTheGiveUpTimeMakesTheServerGiveUp() throws Exception {
        StoreWatch watch = new StoreWatch(vertx, store(), () -> { }, Duration.ofMillis(50), Duration.ofMillis(300),
                Clock.systemUTC(), lost::incrementAndGet);
        writable.set(false);
        watch.start();

        eventually(() -> lost.get() > 0);
        assertThat(watch.state().up()).isFalse();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited ten seconds").isBefore(deadline);
            Thread.sleep(10);
        }
    }
}
