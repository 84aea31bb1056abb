package fi.lupaus.console.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.delivery.ActionDelivery;
import fi.lupaus.engine.delivery.ActionHandler;
import fi.lupaus.engine.delivery.Outbox;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.jdbc.JdbcDecisionLog;
import fi.lupaus.engine.jdbc.JdbcOutbox;
import fi.lupaus.engine.jdbc.TestDatabases;
import fi.lupaus.engine.log.DecisionRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/** Two servers' deliverers on one store, with a handler slower than a claim's lease. */
@Tag("store")
class DelivererTest {

    private static final Outbox.Policy POLICY = new Outbox.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(3));
    // Extended every 500 ms: a busy machine may run the extension up to a second late.
    private static final Duration LEASE = Duration.ofMillis(1500);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int DECISIONS = 4;

    @TempDir
    Path dataDir;

    /** One for each server: a server's delivery threads are its own. */
    private final List<Vertx> servers = List.of(Vertx.vertx(), Vertx.vertx());
    private JdbcDecisionLog log;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @BeforeEach
    void open() {
        log = JdbcDecisionLog.open(TestDatabases.settings(dataDir));
    }

    @AfterEach
    void close() throws Exception {
        for (Vertx server : servers) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        log.close();
    }

    @Test
    void aSweepSlowerThanItsLeaseKeepsItsDeliveriesSoNoOtherServerSendsThemAgain() throws Exception {
        // Each attempt takes more than two leases, and a sweep's eight run four at a time.
        ActionHandler slow = new Slow(LEASE.multipliedBy(5).dividedBy(2));
        for (int i = 1; i <= DECISIONS; i++) {
            append("fb-" + i);
        }
        Outbox store = outbox();
        Deliverer first = deliverer(servers.get(0), slow);
        servers.get(0).runOnContext(v -> first.start());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (attempts.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // The first server has claimed every delivery; the second sweeps from now on.
        Deliverer second = deliverer(servers.get(1), slow);
        servers.get(1).runOnContext(v -> second.start());

        while (store.counts().get(Outbox.State.DELIVERED) < 2 * DECISIONS && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        // Both servers sweep on for longer than a lease: a delivery they both had would show here.
        Thread.sleep(2 * LEASE.toMillis());
        second.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        first.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(store.counts()).containsEntry(Outbox.State.DELIVERED, (long) 2 * DECISIONS)
                .containsEntry(Outbox.State.PENDING, 0L);
        assertThat(attempts).hasSize(2 * DECISIONS);
        assertThat(attempts.values()).as("each delivery sent once").allSatisfy(n -> assertThat(n).hasValue(1));
    }

    private Outbox outbox() {
        return new JdbcOutbox(log.dataSource(), log, Clock.systemUTC(), POLICY);
    }

    private Deliverer deliverer(Vertx server, ActionHandler handler) {
        return new Deliverer(server, outbox(), List.of(handler), POLL, Duration.ofDays(1), LEASE, new SimpleMeterRegistry());
    }

    private void append(String feedbackId) {
        Instant now = Instant.now();
        var feedback = new Feedback(feedbackId, "C-1", now, Touchpoint.WEB, Phase.CORE, Survey.NPS, 10, null, false,
                null, LoyaltyTier.GOLD);
        var decision = new Decision("v1", now, List.of("Thank"),
                List.of(Action.aftercare(now.plusSeconds(86_400)), Action.aftercare(now.plusSeconds(7 * 86_400))));
        log.append(List.of(new DecisionRecord(log.newDecisionId(now), feedback, decision)))
                .toCompletableFuture().join();
    }

    /** Takes every action and {@code time} to deliver it; counts the attempts by delivery id. */
    private final class Slow implements ActionHandler {
        private final Duration time;

        Slow(Duration time) {
            this.time = time;
        }

        @Override
        public String id() {
            return "slow";
        }

        @Override
        public void deliver(ActionDelivery delivery) throws InterruptedException {
            attempts.computeIfAbsent(delivery.deliveryId(), id -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(time.toMillis());
        }
    }
}
