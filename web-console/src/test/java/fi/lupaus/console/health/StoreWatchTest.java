package fi.lupaus.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

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

    /** A store that refuses every write while it is not writable, as a full disk makes H2 do. */
    private StoreWatch.Probe store() {
        return at -> {
            if (!writable.get()) {
                throw new IllegalStateException("Writing to the file failed: File too large");
            }
        };
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
