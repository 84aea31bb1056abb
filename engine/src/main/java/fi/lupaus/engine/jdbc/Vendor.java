package fi.lupaus.engine.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.postgresql.PGStatement;

import com.zaxxer.hikari.HikariConfig;

/**
 * The databases Lupaus runs on, and every statement that must differ between them: the rest of
 * the SQL is portable. docs/storage.md lists these differences and why.
 */
public enum Vendor {

    H2("H2", "h2", 8) {
        @Override
        public String upsert(String table, List<String> key, List<String> columns) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", key)
                    + ") VALUES (" + parameters(columns) + ")";
        }

        @Override
        public String useIndex(String index) {
            return "USE INDEX (" + index + ")";
        }

        @Override
        public String forEachCustomer(String perCustomer, String order) {
            // In process: one statement per customer costs no round trip.
            return null;
        }

        @Override
        void configure(HikariConfig config) {
            // H2 parses a statement again unless it is among the session's last 8 (its default);
            // the log's writer alone runs more kinds than that in each group commit.
            if (!config.getJdbcUrl().toUpperCase(Locale.ROOT).contains(";QUERY_CACHE_SIZE=")) {
                config.setJdbcUrl(config.getJdbcUrl() + ";QUERY_CACHE_SIZE=64");
            }
        }
    },

    // Every read is a round trip over the network: a request holds its connection longer than on
    // the embedded file, so more are needed (docs/benchmark.md, "H2 and PostgreSQL").
    POSTGRESQL("PostgreSQL", "postgresql", 32) {
        @Override
        public String upsert(String table, List<String> key, List<String> columns) {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + parameters(columns)
                    + ") ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + columns.stream()
                    .filter(column -> !key.contains(column)).map(column -> column + " = EXCLUDED." + column)
                    .collect(Collectors.joining(", "));
        }

        @Override
        public String useIndex(String index) {
            // PostgreSQL's planner takes the index by itself; it has no hints.
            return "";
        }

        @Override
        public String forEachCustomer(String perCustomer, String order) {
            // A round trip per customer cost more than the reads themselves: one statement for all.
            return "SELECT c.customer_id AS for_customer, x.* FROM UNNEST(CAST(? AS VARCHAR[])) WITH ORDINALITY "
                    + "AS c(customer_id, n) CROSS JOIN LATERAL (" + perCustomer.replace(CUSTOMER, "c.customer_id")
                    + ") x ORDER BY c.n, " + order;
        }

        @Override
        public void planForEachRun(PreparedStatement statement) throws SQLException {
            // Not prepared on the server: PostgreSQL plans an unnamed statement for the values bound.
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }

        @Override
        void configure(HikariConfig config) {
            // Times are written in UTC; the session's zone is UTC too, so that DATE_TRUNC cuts UTC hours.
            config.setConnectionInitSql("SET TIME ZONE 'UTC'");
            // Statements are prepared once per connection and reused by the driver.
            config.addDataSourceProperty("prepareThreshold", "1");
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
    };

    private final String displayName;
    private final String folder;
    private final int defaultPoolSize;

    Vendor(String displayName, String folder, int defaultPoolSize) {
        this.displayName = displayName;
        this.folder = folder;
        this.defaultPoolSize = defaultPoolSize;
    }

    /** Connections kept open when LUPAUS_DB_POOL_SIZE does not say. */
    public int defaultPoolSize() {
        return defaultPoolSize;
    }

    /** The vendor of a JDBC URL. */
    public static Vendor of(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("LUPAUS_DB_URL must start with jdbc:h2: or jdbc:postgresql://, not '"
                + (url.length() > 40 ? url.substring(0, 40) + "…" : url) + "'");
    }

    public String displayName() {
        return displayName;
    }

    /** The folder of db/schema with this vendor's own migration steps. */
    String folder() {
        return folder;
    }

    /**
     * Inserts a row, or replaces the one with the same key: {@code columns} (the key's among them)
     * bound in their order.
     */
    public abstract String upsert(String table, List<String> key, List<String> columns);

    private static String parameters(List<String> columns) {
        return columns.stream().map(column -> "?").collect(Collectors.joining(", "));
    }

    /**
     * What follows a table's name so that a read takes {@code index}. H2 plans a statement once, when
     * it is prepared, and keeps the plan in its cache: a plan made on an empty table (a scan in the
     * order asked) stayed as the table grew, and a read for one customer scanned them all.
     */
    public abstract String useIndex(String index);

    /** Where a per-customer statement names its customer; the first parameter of the statement. */
    public static final String CUSTOMER = ":customer";

    /**
     * One statement that runs {@code perCustomer} for each customer of an array bound as its first
     * parameter, its rows in the order of the customers and then of {@code order}, with the
     * customer's id as {@code for_customer}; or {@code null} where the per-customer statement is
     * better run once for each customer, {@link #CUSTOMER} bound to the customer's id.
     */
    public abstract String forEachCustomer(String perCustomer, String order);

    /**
     * Has {@code statement} planned for the values bound each time it runs. PostgreSQL plans a
     * statement its connection keeps once for any values after its fifth run, and keeps that plan
     * until the table is analysed again: on a fresh store, the plan for the log's idempotency read
     * (a key {@code = ANY} of an array) was made for a nearly empty table, and read the whole log
     * at every group commit (docs/benchmark.md, "PostgreSQL's stuck plan").
     */
    public void planForEachRun(PreparedStatement statement) throws SQLException {
    }

    void configure(HikariConfig config) {
    }
}
