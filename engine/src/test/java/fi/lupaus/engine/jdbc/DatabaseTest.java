package fi.lupaus.engine.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database that cannot be opened stops the start with one plain line naming the problem. */
@Tag("store")
class DatabaseTest {

    private static final String SERVER = System.getProperty("lupaus.test.pg", "jdbc:postgresql://127.0.0.1:5432/");

    @TempDir
    Path dataDir;

    @Test
    void aUrlOfAnotherDatabaseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new Database.Settings("jdbc:mysql://127.0.0.1/lupaus", "u", "", 8))
                .hasMessage("LUPAUS_DB_URL must start with jdbc:h2: or jdbc:postgresql://, not "
                        + "'jdbc:mysql://127.0.0.1/lupaus'");
    }

    @Test
    void aServerThatDoesNotAnswerIsNamedWithoutItsParameters() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/lupaus?password=secret&connectTimeout=2";

        assertThatThrownBy(() -> Database.open(new Database.Settings(url, "lupaus", "", 2)))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessageStartingWith("cannot reach the database at jdbc:postgresql://127.0.0.1:" + closedPort
                        + "/lupaus (LUPAUS_DB_URL): ")
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aUserThePostgresqlServerDoesNotKnowIsRefusedNamingTheSettings() {
        assumeTrue(TestDatabases.onPostgres(), "needs the PostgreSQL of the store tests");
        Database.Settings ours = TestDatabases.settings(dataDir);

        assertThatThrownBy(() -> Database.open(new Database.Settings(ours.url(), "nobody_here", "wrong", 2)))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessage("the database at " + ours.where() + " refused user 'nobody_here' or its password "
                        + "(LUPAUS_DB_USER, LUPAUS_DB_PASSWORD)");
    }

    @Test
    void aDatabaseThatDoesNotExistIsNamed() {
        assumeTrue(TestDatabases.onPostgres(), "needs the PostgreSQL of the store tests");
        String url = SERVER + "lupaus_no_such_database";

        assertThatThrownBy(() -> Database.open(new Database.Settings(url, "postgres", "", 2)))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessage("the database named in LUPAUS_DB_URL does not exist: " + url
                        + " (create it first, e.g. createdb)");
    }

    @Test
    void onPostgresqlAStatementPlannedForEachRunKeepsNoPlanMadeForOtherValues() throws SQLException {
        assumeTrue(TestDatabases.onPostgres(), "PostgreSQL's plans");
        try (Database database = Database.open(TestDatabases.settings(dataDir));
             Connection connection = database.dataSource().getConnection()) {
            idempotencyReads(connection, "kept", false);
            idempotencyReads(connection, "each run", true);

            assertThat(plansFor(connection, "kept")).as("prepared once, then planned once for any values")
                    .isGreaterThan(0);
            assertThat(plansFor(connection, "each run")).as("planned for its values at each run").isZero();
        }
    }

    /** Runs the log's idempotency read ten times, as the writer does at each group commit. */
    private static void idempotencyReads(Connection connection, String tag, boolean planForEachRun)
            throws SQLException {
        for (int run = 0; run < 10; run++) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT decision_id FROM decision WHERE feedback_id = ANY(?) /* " + tag + " */")) {
                if (planForEachRun) {
                    Vendor.POSTGRESQL.planForEachRun(select);
                }
                select.setArray(1, connection.createArrayOf("VARCHAR", new Object[] {"fb-" + run}));
                select.executeQuery().close();
            }
        }
    }

    /** The plans PostgreSQL keeps, in this session, for any values of the statement tagged so. */
    private static long plansFor(Connection connection, String tag) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(SUM(generic_plans), 0) FROM pg_prepared_statements WHERE statement LIKE ?")) {
            select.setString(1, "%/* " + tag + " */%");
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
