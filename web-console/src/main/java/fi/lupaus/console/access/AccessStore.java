package fi.lupaus.console.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users, API tokens and the audit log. Every change is recorded with its audit event, in one
 * unit of work.
 */
public interface AccessStore {

    /** A user as stored: the password only as its hash. */
    record StoredUser(String username, String passwordHash, Role role, Instant createdAt) {
    }

    /** A token as listed: never its secret. */
    record TokenInfo(String tokenId, String name, Role role, Instant createdAt, String createdBy,
                     Instant revokedAt) {
    }

    /** One change: who did what to which thing, and when. */
    record AuditEvent(long seq, Instant at, String actor, String action, String subject, String detail) {
    }

    /**
     * Which audit events to list, newest first; every filter may be {@code null}.
     *
     * @param actor  only events whose actor contains this, in any case ({@code maija} finds {@code user:maija})
     * @param action only events whose action contains this, in any case ({@code case.} finds every step on a case)
     * @param subject only events whose subject contains this, in any case ({@code maija} finds {@code user:maija})
     * @param from   at or after
     * @param to     before
     * @param before only events older than this place (the {@code next} of the page before)
     * @param limit  at most this many
     */
    record AuditQuery(String actor, String action, String subject, Instant from, Instant to, Long before, int limit) {
    }

    boolean createUser(String username, String passwordHash, Role role, Instant at, Caller actor);

    /** Deletes the user and ends their console sessions on every server; false if there is no user. */
    boolean deleteUser(String username, Instant at, Caller actor);

    /**
     * Gives the user a new role or password hash, or both (null keeps what is), and ends their console
     * sessions; false if there is no user.
     */
    boolean changeUser(String username, Role role, String passwordHash, Instant at, Caller actor);

    Optional<StoredUser> findUser(String username);

    List<StoredUser> listUsers();

    TokenInfo createToken(String name, Role role, String secretHash, Instant at, Caller actor);

    /** Keeps a token whose secret is given by configuration, unless it is already kept. */
    void ensureToken(String name, Role role, String secretHash, Instant at, Caller actor);

    boolean revokeToken(String tokenId, Instant at, Caller actor);

    /** The caller holding the token with this secret hash, unless it is unknown or revoked. */
    Optional<Caller> findTokenCaller(String secretHash);

    List<TokenInfo> listTokens();

    /** Records a change made elsewhere (an erasure, a deploy) in the audit log. */
    void recordEvent(Instant at, Caller actor, String action, String subject, String detail);

    boolean isEmpty();

    /** The events the query matches, newest first, one page. */
    List<AuditEvent> auditEvents(AuditQuery query);

    /** How many events the query's filters match on all its pages. */
    long countAuditEvents(AuditQuery query);
}
