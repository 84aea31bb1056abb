package fi.lupaus.console.store;

import static fi.lupaus.engine.jdbc.Jdbc.utc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import javax.sql.DataSource;

import fi.lupaus.console.access.SessionRecords;
import fi.lupaus.engine.jdbc.Jdbc;

/** Console sessions in the table {@code console_session}. */
public final class JdbcSessionRecords implements SessionRecords {

    private static final String FAILED = "keeping console sessions failed";

    private final DataSource dataSource;

    public JdbcSessionRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Record> find(String id, Instant now) {
        return Jdbc.read(dataSource, FAILED, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, owner, version, timeout_ms, "
                    + "expires_at, data FROM console_session WHERE id = ? AND expires_at > ?")) {
                select.setString(1, id);
                select.setObject(2, utc(now));
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new Record(row.getString(1), row.getString(2), row.getInt(3), row.getLong(4),
                                    row.getObject(5, OffsetDateTime.class).toInstant(), row.getString(6)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void insert(Record session) {
        Jdbc.inTransaction(dataSource, FAILED, connection -> Jdbc.update(connection, "INSERT INTO console_session "
                        + "(id, owner, version, timeout_ms, expires_at, data) VALUES (?, ?, ?, ?, ?, ?)",
                session.id(), session.owner(), session.version(), session.timeoutMillis(), utc(session.expiresAt()),
                session.data()));
    }

    @Override
    public boolean update(Record session, int readVersion) {
        return Jdbc.inTransaction(dataSource, FAILED, connection -> Jdbc.update(connection, "UPDATE console_session "
                        + "SET owner = ?, version = ?, timeout_ms = ?, expires_at = ?, data = ? WHERE id = ? AND version = ?",
                session.owner(), session.version(), session.timeoutMillis(), utc(session.expiresAt()), session.data(),
                session.id(), readVersion) > 0);
    }

    @Override
    public void touch(String id, Instant expiresAt) {
        Jdbc.inTransaction(dataSource, FAILED, connection ->
                Jdbc.update(connection, "UPDATE console_session SET expires_at = ? WHERE id = ?", utc(expiresAt), id));
    }

    @Override
    public boolean exists(String id) {
        return Jdbc.read(dataSource, FAILED, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM console_session WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public void delete(String id) {
        Jdbc.inTransaction(dataSource, FAILED, connection ->
                Jdbc.update(connection, "DELETE FROM console_session WHERE id = ?", id));
    }

    @Override
    public int deleteExpired(Instant now) {
        return Jdbc.inTransaction(dataSource, FAILED, connection ->
                Jdbc.update(connection, "DELETE FROM console_session WHERE expires_at <= ?", utc(now)));
    }

    @Override
    public int count(Instant now) {
        return Jdbc.read(dataSource, FAILED, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM console_session WHERE expires_at > ?")) {
                select.setObject(1, utc(now));
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public void deleteAll() {
        Jdbc.inTransaction(dataSource, FAILED, connection -> Jdbc.update(connection, "DELETE FROM console_session"));
    }
}
