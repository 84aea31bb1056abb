package fi.lupaus.console.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Writes a row to the store every interval, so that health tells whether the store takes
 * writes. When it does not, the pool's connections are dropped: the embedded database closes
 * itself after a failed write and stays closed while any connection to it is open, and the
 * next connection opens it again. If the store stays broken longer than the give-up time,
 * {@code onLost} runs (the server exits for its supervisor to restart it).
 */
public final class StoreWatch {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWatch.class);

    /** What the last probe found. */
    public record State(boolean up, String problem, Instant since) {
    }

    /** A write to the store at the given time; throws when the store does not take it. */
    @FunctionalInterface
    public interface Probe {
        void write(Instant at) throws Exception;
    }

    private final Vertx vertx;
    private final Probe probe;
    private final Runnable reopen;
    private final Duration interval;
    private final Duration giveUp;
    private final Clock clock;
    private final Runnable onLost;
    private final WorkerExecutor worker;
    private volatile State state;
    private long timer = -1;

    public StoreWatch(Vertx vertx, Probe probe, Runnable reopen, Duration interval, Duration giveUp,
                      Clock clock, Runnable onLost) {
        this.vertx = vertx;
        this.probe = probe;
        this.reopen = reopen;
        this.interval = interval;
        this.giveUp = giveUp;
        this.clock = clock;
        this.onLost = onLost;
        this.worker = vertx.createSharedWorkerExecutor("lupaus-store-watch", 1, interval.toMillis() * 4,
                TimeUnit.MILLISECONDS);
        this.state = new State(true, null, clock.instant());
    }

    public void start() {
        timer = vertx.setPeriodic(interval.toMillis(), id -> worker.executeBlocking(() -> {
            probe();
            return null;
        }, false));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public State state() {
        return state;
    }

    /** Runs on the watch's own thread, one probe at a time. */
    private void probe() {
        Instant now = clock.instant();
        try {
            probe.write(now);
            if (!state.up()) {
                LOG.info("the store takes writes again");
            }
            state = new State(true, null, state.up() ? state.since() : now);
        } catch (Exception e) {
            State before = state;
            // The store's own words (a full disk, a lost connection), not only that the write failed.
            String problem = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            state = new State(false, problem, before.up() ? now : before.since());
            if (before.up()) {
                LOG.error("the store does not take writes: {}; reopening it", problem);
            }
            reopen();
            if (Duration.between(state.since(), now).compareTo(giveUp) >= 0) {
                LOG.error("the store has not taken writes for {}; giving up so that a supervisor restarts the server",
                        giveUp);
                onLost.run();
            }
        }
    }

    /** Drops the pool's connections: idle ones now, busy ones when they are returned. */
    private void reopen() {
        reopen.run();
    }
}
