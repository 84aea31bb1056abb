package fi.lupaus.engine.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded H2 file about as large as its data while the server runs.
 *
 * <p>Each commit writes the pages it changed as a new chunk of the file ({@code WRITE_DELAY=0},
 * so that an answer means durable), and a chunk's space is reused only once none of its pages is
 * live, and 45 s after it was written (H2's retention time, kept). The log's full leaves stay live
 * for good, so nearly every chunk keeps some. Rewriting the live pages of old chunks is the work
 * of H2's background thread, which does not run with {@code WRITE_DELAY=0}; this does that work
 * on a timer instead. Without it the file grew by 14–19 KB per decision under load, three to four
 * times its data, without end (docs/benchmark.md).
 */
final class H2Compaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);

    /** A chunk old enough is rewritten when at most this share (%) of it is live. */
    static final int TARGET_FILL_RATE = 70;
    /** Bytes rewritten in one step; small, because a commit waits for the step it meets. */
    static final int STEP_BYTES = 2 << 20;
    /**
     * The longest a round of steps goes on. Most of it is spent waiting for the store between the
     * writer's commits, and at full load a quarter of a second was too little to keep up.
     */
    static final Duration ROUND = Duration.ofMillis(750);
    /** The rest between rounds. */
    static final Duration BETWEEN = Duration.ofMillis(250);
    /** The wait before a step is tried again when a commit held the store. */
    static final Duration PAUSE = Duration.ofMillis(2);
    /** Steps refused in a row before the round ends: what H2 would not rewrite now waits for the next. */
    static final int RETRIES = 10;
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "h2-compaction");
        thread.setDaemon(true);
        return thread;
    });
    // The store the pool's connections are open on; found again when H2 reopened it (Database.reopen).
    private MVStore store;
    private long warned = System.nanoTime() - WARN_EVERY.toNanos() - 1;

    /** Compacts the H2 store that {@code dataSource} opens when {@link #round()} is called. */
    H2Compaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Compacts the H2 store that {@code dataSource} opens, round after round, until closed. */
    static H2Compaction start(DataSource dataSource) {
        H2Compaction compaction = new H2Compaction(dataSource);
        long between = BETWEEN.toMillis();
        compaction.timer.scheduleWithFixedDelay(compaction::round, between, between, TimeUnit.MILLISECONDS);
        return compaction;
    }

    /**
     * Rewrites old chunks' live pages, step by step, until they are full enough or the round is over.
     *
     * @return whether anything was rewritten
     */
    boolean round() {
        long end = System.nanoTime() + ROUND.toNanos();
        boolean rewrote = false;
        try {
            MVStore current = store();
            int refused = 0;
            while (!current.isClosed() && System.nanoTime() - end < 0) {
                if (current.compact(TARGET_FILL_RATE, STEP_BYTES)) {
                    // A step only marks the live pages for rewriting; the commit writes them, and so
                    // empties their old chunks for the next step to see.
                    current.commit();
                    rewrote = true;
                    refused = 0;
                } else if (rewritableFillRate(current) >= TARGET_FILL_RATE || ++refused > RETRIES) {
                    break;
                } else {
                    // A step gives up at once while a commit holds the store: try again shortly.
                    Thread.sleep(PAUSE.toMillis());
                }
            }
        } catch (RuntimeException | SQLException e) {
            // The store may be closing, or out of disk: the next round tries again, and the log
            // hears of it once a minute at most.
            if (System.nanoTime() - warned > WARN_EVERY.toNanos()) {
                warned = System.nanoTime();
                LOG.warn("compacting the store's file failed: {}", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return rewrote;
    }

    /**
     * The share (%) of the live pages in the chunks old enough to be rewritten (H2 keeps the young).
     * H2 keeps this figure's method to its package; its store's info, which holds it, is public.
     */
    private static int rewritableFillRate(MVStore store) {
        Map<String, String> info = new HashMap<>();
        store.getFileStore().populateInfo(info::put);
        return Integer.parseInt(info.get("info.CHUNKS_FILL_RATE_RW"));
    }

    private MVStore store() throws SQLException {
        if (store == null || store.isClosed()) {
            try (Connection connection = dataSource.getConnection()) {
                SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
                store = session.getDatabase().getStore().getMvStore();
            }
        }
        return store;
    }

    /** The share (%) of the live pages in the file's chunks, as H2 counts it. */
    int chunksFillRate() throws SQLException {
        return store().getFileStore().getChunksFillRate();
    }

    @Override
    public void close() {
        // Not interrupted: an interrupt in the middle of a write closes H2's file channel.
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
