package fi.lupaus.console.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.sstore.AbstractSession;
import io.vertx.ext.web.sstore.SessionStore;

/**
 * Console sessions kept in the database ({@link SessionRecords}) instead of one server's memory:
 * a person signed in through one server is signed in on every server on the same database, and
 * signing out through one ends the session on all. A session ended elsewhere is never written
 * back by a request that read it before. Only changed data is written; an unchanged session
 * only has its expiry moved, at most once a minute.
 */
public final class StoredSessions implements SessionStore {

    /** Who signed in to the session: changing or deleting that user ends their sessions (AccessStore). */
    public static final String OWNER = "lupaus.owner";
    /** How often sessions that expired are forgotten. */
    private static final Duration FORGET_EXPIRED_EVERY = Duration.ofMinutes(5);
    /** An unchanged session's expiry is moved at most this often: not a write per console request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int THREADS = 4;

    private final SessionRecords records;
    private final Clock clock;
    private Vertx vertx;
    private WorkerExecutor work;
    private VertxContextPRNG random;
    private long forgetTimer = -1;

    public StoredSessions(Vertx vertx, SessionRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
        init(vertx, new JsonObject());
    }

    @Override
    public SessionStore init(Vertx vertx, JsonObject options) {
        this.vertx = vertx;
        // A pool of its own: sessions are read on every console request and must not wait behind long work.
        this.work = vertx.createSharedWorkerExecutor("lupaus-sessions", THREADS, 30, TimeUnit.SECONDS);
        this.random = VertxContextPRNG.current(vertx);
        this.forgetTimer = vertx.setPeriodic(FORGET_EXPIRED_EVERY.toMillis(),
                id -> work.executeBlocking(() -> records.deleteExpired(clock.instant()), false));
        return this;
    }

    /** The database answers at once for every server: there is nothing to wait for (0, no retries). */
    @Override
    public long retryTimeout() {
        return 0;
    }

    @Override
    public Session createSession(long timeout) {
        return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
    }

    @Override
    public Session createSession(long timeout, int length) {
        return new StoredSession(random, timeout, length);
    }

    @Override
    public Future<Session> get(String id) {
        return work.<Session>executeBlocking(() -> records.find(id, clock.instant())
                        .map(record -> (Session) new StoredSession(random, record))
                        .orElse(null), false)
                // Not a 500: the store is down or overloaded, and the caller may well be signed in.
                .recover(failure -> Future.failedFuture(new HttpException(503, "the sessions cannot be read now", failure)));
    }

    @Override
    public Future<Void> delete(String id) {
        return work.executeBlocking(() -> {
            records.delete(id);
            return null;
        }, false);
    }

    @Override
    public Future<Void> put(Session session) {
        StoredSession stored = (StoredSession) session;
        Instant expiresAt = Instant.ofEpochMilli(stored.lastAccessed() + stored.timeout());
        return work.executeBlocking(() -> {
            if (!stored.kept || stored.isRegenerated()) {
                // New, or under a new id (sign-in): the handler has deleted the old id just before.
                stored.incrementVersion();
                records.insert(stored.record(expiresAt));
                stored.kept = true;
            } else if (!stored.changed()) {
                if (expiresAt.isAfter(stored.keptUntil.plus(TOUCH_EVERY))) {
                    records.touch(stored.id(), expiresAt);
                    stored.keptUntil = expiresAt;
                }
                return null;
            } else {
                int readVersion = stored.version();
                stored.incrementVersion();
                if (!records.update(stored.record(expiresAt), readVersion) && records.exists(stored.id())) {
                    // As Vert.x's own stores do: the later write of two that read the same version loses.
                    throw new HttpException(409, "the session was changed by another request at the same time; "
                            + "try again");
                }
            }
            return null;
        }, false);
    }

    @Override
    public Future<Void> clear() {
        return work.executeBlocking(() -> {
            records.deleteAll();
            return null;
        }, false);
    }

    @Override
    public Future<Integer> size() {
        return work.executeBlocking(() -> records.count(clock.instant()), false);
    }

    @Override
    public void close() {
        vertx.cancelTimer(forgetTimer);
        work.close();
    }

    /** A session that knows whether it is kept yet and whether its data changed since it was read. */
    private static final class StoredSession extends AbstractSession {

        private boolean kept;
        /** Until when the store keeps it, as last written. */
        private Instant keptUntil = Instant.MIN;

        StoredSession(VertxContextPRNG random, long timeout, int length) {
            super(random, timeout, length);
        }

        StoredSession(VertxContextPRNG random, SessionRecords.Record record) {
            super(random);
            setId(record.id());
            setTimeout(record.timeoutMillis());
            setLastAccessed(record.expiresAt().toEpochMilli() - record.timeoutMillis());
            setVersion(record.version());
            keptUntil = record.expiresAt();
            readDataFromBuffer(Buffer.buffer(Base64.getDecoder().decode(record.data())));
            kept = true;
        }

        boolean changed() {
            return checksum() != crc();
        }

        SessionRecords.Record record(Instant expiresAt) {
            keptUntil = expiresAt;
            Buffer data = Buffer.buffer();
            writeDataToBuffer(data);
            return new SessionRecords.Record(id(), get(OWNER), version(), timeout(), expiresAt,
                    Base64.getEncoder().encodeToString(data.getBytes()));
        }
    }
}
