package fi.lupaus.engine.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database a test's stores live in: the embedded H2 file in the test's directory, or, when the
 * build runs the store tests on PostgreSQL ({@code -Dlupaus.test.db=postgresql}), a database of
 * its own on the PostgreSQL server at {@code lupaus.test.pg} (default 127.0.0.1:5432, user
 * postgres), made for the test's directory and dropped when the test JVM ends: runs never see
 * each other's rows.
 */
public final class TestDatabases {

    private static final String SERVER = System.getProperty("lupaus.test.pg", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("lupaus.test.pg.user", "postgres");
    private static final String PASSWORD = System.getProperty("lupaus.test.pg.password", "");
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Map<Path, Database.Settings> MADE = new ConcurrentHashMap<>();
    private static final List<String> TO_DROP = new ArrayList<>();

    static {
        if (onPostgres()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "drop-test-databases"));
        }
    }

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
            String name = "lupaus_test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
            admin("CREATE DATABASE " + name);
            synchronized (TO_DROP) {
                TO_DROP.add(name);
            }
            return new Database.Settings(SERVER + name, USER, PASSWORD, Database.Settings.DEFAULT_POOL_SIZE);
        });
    }

    /** Opens the test directory's database. */
    public static Database open(Path dataDir) {
        return Database.open(settings(dataDir));
    }

    private static void dropAll() {
        synchronized (TO_DROP) {
            for (String name : TO_DROP) {
                try {
                    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (RuntimeException e) {
                    System.err.println("could not drop test database " + name + ": " + e.getMessage());
                }
            }
        }
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the store tests at " + SERVER + ": " + e.getMessage(), e);
        }
    }
}
