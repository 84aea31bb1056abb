package fi.lupaus.engine.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import fi.lupaus.engine.log.LogAccessException;

/**
 * The few JDBC steps every store shares: a transaction (committed, or rolled back when it fails), a
 * read, an update, and times as the stores keep them. The one place that commits and rolls back.
 */
public final class Jdbc {

    private Jdbc() {
    }

    /** Work on a connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs the work in one transaction, rolled back if it fails; {@code failure} says what failed. */
    public static <T> T inTransaction(DataSource dataSource, String failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new LogAccessException(failure, e);
        }
    }

    /** Runs reading work on a connection of its own. */
    public static <T> T read(DataSource dataSource, String failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new LogAccessException(failure, e);
        }
    }

    /** Executes an update with its parameters in order; the count of rows it changed. */
    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** An instant as the stores keep times: in UTC. */
    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
