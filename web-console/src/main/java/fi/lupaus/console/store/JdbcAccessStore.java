package fi.lupaus.console.store;

import static fi.lupaus.engine.jdbc.Jdbc.update;
import static fi.lupaus.engine.jdbc.Jdbc.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import fi.lupaus.console.access.AccessStore;
import fi.lupaus.console.access.Caller;
import fi.lupaus.console.access.Role;
import fi.lupaus.engine.jdbc.Jdbc;

/** Users, API tokens and the audit log in the database; each change in one transaction with its audit event. */
public final class JdbcAccessStore implements AccessStore {

    private final DataSource dataSource;

    public JdbcAccessStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean createUser(String username, String passwordHash, Role role, Instant at, Caller actor) {
        return Jdbc.inTransaction(dataSource, "changing users or tokens failed", connection -> {
            if (exists(connection, "SELECT 1 FROM console_user WHERE username = ?", username)) {
                return false;
            }
            update(connection, "INSERT INTO console_user (username, password_hash, role, created_at, created_by) "
                    + "VALUES (?, ?, ?, ?, ?)", username, passwordHash, role.wireName(), utc(at), actor.id());
            audit(connection, at, actor, "user.created", "user:" + username, "role " + role.wireName());
            return true;
        });
    }

    @Override
    public boolean deleteUser(String username, Instant at, Caller actor) {
        return Jdbc.inTransaction(dataSource, "changing users or tokens failed", connection -> {
            boolean deleted = update(connection, "DELETE FROM console_user WHERE username = ?", username) > 0;
            if (deleted) {
                endSessions(connection, username);
                audit(connection, at, actor, "user.deleted", "user:" + username, null);
            }
            return deleted;
        });
    }

    @Override
    public boolean changeUser(String username, Role role, String passwordHash, Instant at, Caller actor) {
        return Jdbc.inTransaction(dataSource, "changing users or tokens failed", connection -> {
            boolean changed = update(connection, "UPDATE console_user SET role = COALESCE(?, role), "
                            + "password_hash = COALESCE(?, password_hash) WHERE username = ?",
                    role == null ? null : role.wireName(), passwordHash, username) > 0;
            if (changed) {
                endSessions(connection, username);
                List<String> what = new ArrayList<>();
                if (role != null) {
                    what.add("role " + role.wireName());
                }
                if (passwordHash != null) {
                    what.add("new password");
                }
                audit(connection, at, actor, "user.changed", "user:" + username, String.join(", ", what));
            }
            return changed;
        });
    }

    /** Ends the user's console sessions on every server, with the change that ends them. */
    private static void endSessions(Connection connection, String username) throws SQLException {
        update(connection, "DELETE FROM console_session WHERE owner = ?", username);
    }

    @Override
    public Optional<StoredUser> findUser(String username) {
        return Jdbc.read(dataSource, "reading users or tokens failed", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT username, password_hash, role, created_at FROM console_user WHERE username = ?")) {
                select.setString(1, username);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(user(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredUser> listUsers() {
        return Jdbc.read(dataSource, "reading users or tokens failed", connection -> {
            List<StoredUser> users = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT username, password_hash, role, created_at FROM console_user ORDER BY username");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    users.add(user(row));
                }
            }
            return users;
        });
    }

    @Override
    public TokenInfo createToken(String name, Role role, String secretHash, Instant at, Caller actor) {
        return Jdbc.inTransaction(dataSource, "changing users or tokens failed", connection -> insertToken(connection, name, role, secretHash, at, actor));
    }

    @Override
    public void ensureToken(String name, Role role, String secretHash, Instant at, Caller actor) {
        Jdbc.inTransaction(dataSource, "changing users or tokens failed", connection -> exists(connection, "SELECT 1 FROM api_token WHERE secret_hash = ?", secretHash)
                ? null
                : insertToken(connection, name, role, secretHash, at, actor));
    }

    private static TokenInfo insertToken(Connection connection, String name, Role role, String secretHash,
                                         Instant at, Caller actor) throws SQLException {
        String tokenId = UUID.randomUUID().toString();
        update(connection, "INSERT INTO api_token (token_id, name, role, secret_hash, created_at, created_by) "
                + "VALUES (?, ?, ?, ?, ?, ?)", tokenId, name, role.wireName(), secretHash, utc(at), actor.id());
        audit(connection, at, actor, "token.created", "token:" + tokenId, name + ", role " + role.wireName());
        return new TokenInfo(tokenId, name, role, at, actor.id(), null);
    }

    @Override
    public boolean revokeToken(String tokenId, Instant at, Caller actor) {
        return Jdbc.inTransaction(dataSource, "changing users or tokens failed", connection -> {
            boolean revoked = update(connection,
                    "UPDATE api_token SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL", utc(at), tokenId) > 0;
            if (revoked) {
                audit(connection, at, actor, "token.revoked", "token:" + tokenId, null);
            }
            return revoked;
        });
    }

    @Override
    public Optional<Caller> findTokenCaller(String secretHash) {
        return Jdbc.read(dataSource, "reading users or tokens failed", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT token_id, name, role FROM api_token WHERE secret_hash = ? AND revoked_at IS NULL")) {
                select.setString(1, secretHash);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new Caller("token:" + row.getString(1), row.getString(2),
                                    Role.fromWireName(row.getString(3)).orElseThrow()))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<TokenInfo> listTokens() {
        return Jdbc.read(dataSource, "reading users or tokens failed", connection -> {
            List<TokenInfo> tokens = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT token_id, name, role, created_at, created_by, revoked_at FROM api_token ORDER BY created_at");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    OffsetDateTime revoked = row.getObject(6, OffsetDateTime.class);
                    tokens.add(new TokenInfo(row.getString(1), row.getString(2),
                            Role.fromWireName(row.getString(3)).orElseThrow(),
                            row.getObject(4, OffsetDateTime.class).toInstant(), row.getString(5),
                            revoked == null ? null : revoked.toInstant()));
                }
            }
            return tokens;
        });
    }

    @Override
    public void recordEvent(Instant at, Caller actor, String action, String subject, String detail) {
        Jdbc.inTransaction(dataSource, "changing users or tokens failed", connection -> {
            audit(connection, at, actor, action, subject, detail);
            return null;
        });
    }

    @Override
    public boolean isEmpty() {
        return Jdbc.read(dataSource, "reading users or tokens failed", connection -> !exists(connection, "SELECT 1 FROM console_user UNION ALL SELECT 1 FROM api_token", null));
    }

    @Override
    public List<AuditEvent> auditEvents(AuditQuery query) {
        return Jdbc.read(dataSource, "reading the audit log failed", connection -> {
            List<Object> parameters = new ArrayList<>();
            String where = auditFilters(query, parameters);
            parameters.add(query.before() == null ? Long.MAX_VALUE : query.before());
            parameters.add(query.limit());
            List<AuditEvent> events = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT seq, at, actor, action, subject, detail "
                    + "FROM audit_event WHERE " + where + " AND seq < ? ORDER BY seq DESC LIMIT ?")) {
                set(select, parameters);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        events.add(new AuditEvent(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(),
                                row.getString(3), row.getString(4), row.getString(5), row.getString(6)));
                    }
                }
            }
            return events;
        });
    }

    @Override
    public long countAuditEvents(AuditQuery query) {
        return Jdbc.read(dataSource, "counting the audit log failed", connection -> {
            List<Object> parameters = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM audit_event WHERE " + auditFilters(query, parameters))) {
                set(select, parameters);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    /** The query's filters as a condition, their values added to {@code parameters}. */
    private static String auditFilters(AuditQuery query, List<Object> parameters) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (query.actor() != null) {
            where.append(" AND LOWER(actor) LIKE ? ESCAPE '\\'");
            parameters.add("%" + likeLiteral(query.actor().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.action() != null) {
            where.append(" AND LOWER(action) LIKE ? ESCAPE '\\'");
            parameters.add("%" + likeLiteral(query.action().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.subject() != null) {
            where.append(" AND LOWER(subject) LIKE ? ESCAPE '\\'");
            parameters.add("%" + likeLiteral(query.subject().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.from() != null) {
            where.append(" AND at >= ?");
            parameters.add(utc(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND at < ?");
            parameters.add(utc(query.to()));
        }
        return where.toString();
    }

    /** Text that LIKE matches literally, escaped with a backslash. */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void set(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static void audit(Connection connection, Instant at, Caller actor, String action, String subject,
                              String detail) throws SQLException {
        update(connection, "INSERT INTO audit_event (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
                utc(at), actor.id(), action, subject, detail);
    }

    private static boolean exists(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static StoredUser user(ResultSet row) throws SQLException {
        return new StoredUser(row.getString(1), row.getString(2), Role.fromWireName(row.getString(3)).orElseThrow(),
                row.getObject(4, OffsetDateTime.class).toInstant());
    }
}
