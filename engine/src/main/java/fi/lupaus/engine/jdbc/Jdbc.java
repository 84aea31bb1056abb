package fi.lupaus.engine.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The one number a query such as {@code SELECT COUNT(*)} answers, its parameters bound in order. */
    public static long count(DataSource dataSource, String failure, String sql, List<Object> parameters) {
        return read(dataSource, failure, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                bind(select, 1, parameters.toArray());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    /** Executes an update with its parameters in order; the count of rows it changed. */
    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 1, parameters);
            return statement.executeUpdate();
        }
    }

    /** Reads one row as a value; columns by name. */
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * The rows of a per-customer read for each of the customers, by customer, in the statement's
     * order: one statement for them all where the vendor has one ({@link Vendor#forEachCustomer}),
     * else the statement once per customer. {@code perCustomer} names the customer as
     * {@link Vendor#CUSTOMER}, its first parameter; {@code parameters} are the others.
     */
    public static <T> Map<String, List<T>> forEachCustomer(Connection connection, Vendor vendor, String perCustomer,
                                                           String order, Collection<String> customerIds,
                                                           RowReader<T> reader, Object... parameters)
            throws SQLException {
        Map<String, List<T>> found = new HashMap<>();
        Set<String> customers = new LinkedHashSet<>(customerIds);
        String together = vendor.forEachCustomer(perCustomer, order);
        if (together != null) {
            try (PreparedStatement select = connection.prepareStatement(together)) {
                select.setArray(1, connection.createArrayOf("VARCHAR", customers.toArray()));
                bind(select, 2, parameters);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.computeIfAbsent(rows.getString("for_customer"), c -> new ArrayList<>())
                                .add(reader.read(rows));
                    }
                }
            }
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement(perCustomer.replace(Vendor.CUSTOMER, "?"))) {
            bind(select, 2, parameters);
            for (String customerId : customers) {
                select.setString(1, customerId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.computeIfAbsent(customerId, c -> new ArrayList<>()).add(reader.read(rows));
                    }
                }
            }
        }
        return found;
    }

    private static void bind(PreparedStatement statement, int first, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(first + i, parameters[i]);
        }
    }

    /** An instant as the stores keep times: in UTC. */
    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
