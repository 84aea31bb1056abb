package fi.lupaus.console.access;

import java.time.Instant;
import java.util.Optional;

/**
 * Where console sessions are kept: in the database, so that every server on it sees them
 * ({@link StoredSessions}). Blocking; called on worker threads.
 */
public interface SessionRecords {

    /**
     * One session as kept.
     *
     * @param data    the session's serialized data, in base64
     * @param version the count of its changes, to refuse a write based on an older read
     */
    record Record(String id, String owner, int version, long timeoutMillis, Instant expiresAt, String data) {
    }

    /** The session with this id, unless it ended or expired before {@code now}. */
    Optional<Record> find(String id, Instant now);

    /** Keeps a new session. */
    void insert(Record session);

    /**
     * Replaces a session's data if it is still at {@code readVersion}.
     *
     * @return false when it is not: it was changed by another request meanwhile, or has ended
     */
    boolean update(Record session, int readVersion);

    /** Moves an unchanged session's expiry; nothing when it has ended. */
    void touch(String id, Instant expiresAt);

    boolean exists(String id);

    void delete(String id);

    /** Forgets the sessions that expired before {@code now}. */
    int deleteExpired(Instant now);

    int count(Instant now);

    void deleteAll();
}
