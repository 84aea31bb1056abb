package fi.lupaus.engine.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database a test's stores live in: the embedded H2 file in the test's directory, or, when the
 * build runs the store tests on PostgreSQL ({@code -Dlupaus.test.db=postgresql}), a schema of its
 * own on the PostgreSQL server at {@code lupaus.test.pg} (default 127.0.0.1:5432, user postgres).
 * Each test JVM makes one database, with a schema for each test directory, and drops it when it
 * ends (and drops those of earlier runs that were killed before they could): runs never see each
 * other's rows.
 */
public final class TestDatabases {

    private static final String SERVER = System.getProperty("lupaus.test.pg", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("lupaus.test.pg.user", "postgres");
    private static final String PASSWORD = System.getProperty("lupaus.test.pg.password", "");
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Map<Path, Database.Settings> MADE = new ConcurrentHashMap<>();
    private static final String PREFIX = "lupaus_test_";
    private static String database;

    private TestDatabases() {
    }

    /** Whether this run's store tests run on PostgreSQL. */
    public static boolean onPostgres() {
        return "postgresql".equals(System.getProperty("lupaus.test.db"));
    }

    /** The database of the test's directory: the same directory gets the same database again. */
    public static Database.Settings settings(Path dataDir) {
        if (!onPostgres()) {
            return Database.Settings.embedded(dataDir);
        }
        return MADE.computeIfAbsent(dataDir.toAbsolutePath(), dir -> {
            String schema = "t_" + NEXT.incrementAndGet();
            String url = SERVER + runDatabase();
            execute(url, "CREATE SCHEMA " + schema);
            return new Database.Settings(url + "?currentSchema=" + schema, USER, PASSWORD,
                    Database.Settings.DEFAULT_POOL_SIZE);
        });
    }

    /** This JVM's database, made at the first use. */
    private static synchronized String runDatabase() {
        if (database == null) {
            dropLeftovers();
            database = PREFIX + ProcessHandle.current().pid();
            execute(SERVER + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            execute(SERVER + "postgres", "CREATE DATABASE " + database);
            String made = database;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(made), "drop-test-database"));
        }
        return database;
    }

    /** The databases of earlier test JVMs that were killed before they dropped their own. */
    private static void dropLeftovers() {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet names = statement.executeQuery(
                     "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            List<String> leftovers = new ArrayList<>();
            while (names.next()) {
                String name = names.getString(1);
                String pid = name.substring(PREFIX.length()).replaceAll("_.*", "");
                if (!pid.matches("[0-9]+") || ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    leftovers.add(name);
                }
            }
            leftovers.forEach(TestDatabases::drop);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the store tests at " + SERVER + ": " + e.getMessage(), e);
        }
    }

    private static void drop(String name) {
        try {
            execute(SERVER + "postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    /** Opens the test directory's database. */
    public static Database open(Path dataDir) {
        return Database.open(settings(dataDir));
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the store tests at " + SERVER + ": " + e.getMessage(), e);
        }
    }
}
