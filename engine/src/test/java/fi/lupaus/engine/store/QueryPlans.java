package fi.lupaus.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** What H2 plans for a query, for tests that keep the hot reads on their indexes. */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** H2's plan of {@code sql} with its parameters bound. */
    public static String plan(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = explain.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
