package fi.lupaus.engine.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import fi.lupaus.engine.log.LogAccessException;

/**
 * The relational database every store of Lupaus lives in: the embedded H2 file by default, or a
 * PostgreSQL server. Opening it checks that it answers, then brings its schema to the newest
 * version with the one migration history (db/schema). docs/storage.md describes both.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    static {
        // H2 looks every value it writes up in a cache of shared values, hashing each string, the
        // recorded JSON among them: 2-3 % of the server's CPU under load (docs/benchmark.md).
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    /** The one migration history, and the history table it is kept in. */
    private static final String HISTORY = "lupaus_schema_history";
    /**
     * The histories of the releases before there was one, H2 only, oldest first, each with its
     * history table: a store made by one of them is brought to their end, then baselined.
     */
    private static final List<String[]> LEGACY = List.of(
            new String[] {"db/legacy/decisionlog", "flyway_schema_history"},
            new String[] {"db/legacy/casework", "flyway_casework_history"},
            new String[] {"db/legacy/access", "flyway_access_history"},
            new String[] {"db/legacy/rulesets", "flyway_rulesets_history"},
            new String[] {"db/legacy/outbox", "flyway_outbox_history"});
    /** The mark, beside the embedded store's file, of an erasure whose old pages are still in it. */
    static final String COMPACTION_PENDING = "compaction-pending";

    /**
     * Where the database is and who to sign in as.
     *
     * @param url      LUPAUS_DB_URL: {@code jdbc:h2:…} or {@code jdbc:postgresql://host:port/name}
     * @param user     LUPAUS_DB_USER
     * @param password LUPAUS_DB_PASSWORD, empty for none
     * @param poolSize LUPAUS_DB_POOL_SIZE: connections kept open to it for reading and for people's
     *                 changes; the decision log's writer has one more of its own
     */
    public record Settings(String url, String user, String password, int poolSize) {

        public static final int DEFAULT_POOL_SIZE = 8;

        public Settings {
            Objects.requireNonNull(url, "url");
            Vendor.of(url);
            if (poolSize < 1) {
                throw new IllegalArgumentException("LUPAUS_DB_POOL_SIZE must be at least 1, not " + poolSize);
            }
            password = password == null ? "" : password;
        }

        /**
         * The embedded H2 store in {@code dataDirectory}. Commits reach the file before they are
         * acknowledged ({@code WRITE_DELAY=0}); {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown
         * hook would close the store under the appends still in flight at SIGTERM, so the server
         * closes it itself once they are written.
         */
        public static Settings embedded(Path dataDirectory) {
            return new Settings("jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("lupaus")
                    + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "lupaus", "", DEFAULT_POOL_SIZE);
        }

        /** The URL without its parameters, which may carry a password: what messages may show. */
        public String where() {
            int parameters = url.indexOf(url.startsWith("jdbc:h2:") ? ';' : '?');
            return parameters < 0 ? url : url.substring(0, parameters);
        }
    }

    private final Settings settings;
    private final Vendor vendor;
    private final HikariDataSource dataSource;
    // The decision log's writer's own connection: it never waits behind readers for one.
    private final HikariDataSource writer;
    // The embedded store's file of "an erasure's old pages are still in the store": while it
    // exists, the store is compacted at close, or at the next open after a crash. Null off H2 files.
    private final Path compactionPending;
    // Rewrites the embedded store's old chunks while the server runs. Null off H2 files.
    private H2Compaction compaction;

    private Database(Settings settings, HikariDataSource dataSource, HikariDataSource writer, Path compactionPending) {
        this.settings = settings;
        this.vendor = Vendor.of(settings.url());
        this.dataSource = dataSource;
        this.writer = writer;
        this.compactionPending = compactionPending;
    }

    /**
     * Opens the database and migrates its schema.
     *
     * @throws StoreUnreachableException with one plain line naming the problem when the database
     *         cannot be reached, refuses the user, or does not exist
     */
    public static Database open(Settings settings) {
        Vendor vendor = Vendor.of(settings.url());
        Path compactionPending = vendor == Vendor.H2 ? h2File(settings.url()) : null;
        if (compactionPending != null) {
            compactionPending = compactionPending.resolveSibling(COMPACTION_PENDING);
            if (Files.exists(compactionPending)) {
                // The server stopped without compacting after an erasure: the erased values are
                // still in old pages of the store's file until it is rewritten.
                compact(settings, compactionPending);
            }
        }
        HikariDataSource dataSource = pool(settings, "lupaus-store", settings.poolSize());
        HikariDataSource writer = pool(settings, "lupaus-writer", 1);
        Database database = new Database(settings, dataSource, writer, compactionPending);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            writer.close();
            dataSource.close();
            throw e;
        }
        if (compactionPending != null) {
            database.compaction = H2Compaction.start(dataSource);
        }
        LOG.info("the store is {} at {}", vendor.displayName(), settings.where());
        return database;
    }

    private static HikariDataSource pool(Settings settings, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        // A start against a database that does not answer fails within seconds, not at the first request.
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        Vendor.of(settings.url()).configure(config);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreUnreachableException(explain(settings, e.getCause()), e);
        }
    }

    /** Why a connection failed, in one line for the person starting the server. */
    private static String explain(Settings settings, Throwable cause) {
        String where = settings.where();
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("28")) {
                return "the database at " + where + " refused user '" + settings.user()
                        + "' or its password (LUPAUS_DB_USER, LUPAUS_DB_PASSWORD)";
            }
            if (state.equals("3D000")) {
                return "the database named in LUPAUS_DB_URL does not exist: " + where
                        + " (create it first, e.g. createdb)";
            }
            if (state.startsWith("08") && hasCause(sql, ConnectException.class, UnknownHostException.class)) {
                return "cannot reach the database at " + where + " (LUPAUS_DB_URL): "
                        + rootMessage(sql);
            }
        }
        return "cannot open the database at " + where + " (LUPAUS_DB_URL): "
                + (cause == null ? "no answer" : rootMessage(cause));
    }

    @SafeVarargs
    private static boolean hasCause(Throwable failure, Class<? extends Throwable>... kinds) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> kind : kinds) {
                if (kind.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Brings the schema to the newest version: once, at open, in the order of its versions. */
    private void migrate() {
        if (!hasTable(HISTORY) && hasTable("decision")) {
            // A store made before the one history: its own histories finish first, then the
            // one history starts from the schema they made, which is its first version.
            for (String[] legacy : LEGACY) {
                Flyway.configure().dataSource(dataSource).locations("classpath:" + legacy[0]).table(legacy[1])
                        .baselineOnMigrate(true).baselineVersion("0").load().migrate();
            }
            history().baselineVersion("1").baselineDescription("the schema of the five histories before").load()
                    .baseline();
            LOG.info("the store was made before the one migration history: baselined at version 1");
        }
        history().load().migrate();
    }

    private FluentConfiguration history() {
        String vendorFolder = "db/schema/" + vendor.folder();
        FluentConfiguration history = Flyway.configure().dataSource(dataSource).table(HISTORY);
        // A vendor's own folder exists only once some step must differ per database.
        return Database.class.getClassLoader().getResource(vendorFolder) == null
                ? history.locations("classpath:db/schema/common")
                : history.locations("classpath:db/schema/common", "classpath:" + vendorFolder);
    }

    private boolean hasTable(String name) {
        try (Connection connection = dataSource.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            while (tables.next()) {
                // H2 keeps unquoted names in capitals, PostgreSQL in small letters; Flyway quotes its own.
                if (tables.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new LogAccessException("reading the store's tables failed", e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The decision log writer's own connection, so that a group commit never waits behind readers. */
    DataSource writer() {
        return writer;
    }

    public Vendor vendor() {
        return vendor;
    }

    public Settings settings() {
        return settings;
    }

    /** Writes the store watch's probe row: fails when the store does not take writes. */
    public void probe(Instant at) {
        Jdbc.inTransaction(dataSource, "the store does not take writes", connection ->
                Jdbc.update(connection, "UPDATE store_probe SET probed_at = ? WHERE id = 1", Jdbc.utc(at)));
    }

    /** Drops the pool's connections, idle ones now and busy ones when returned: the next are opened anew. */
    public void reopen() {
        for (HikariDataSource pool : List.of(dataSource, writer)) {
            if (pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
    }

    /**
     * Remembers that erased values may still be in the embedded store's file until it is
     * rewritten at close (or, after a crash, at the next open). A PostgreSQL server reuses the
     * space of old row versions itself (autovacuum); docs/security.md says what that means.
     */
    public void erasedSomething() {
        if (compactionPending != null) {
            try {
                Files.writeString(compactionPending, "");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot mark " + compactionPending, e);
            }
        }
    }

    /** Closes the pool; after an erasure, rewrites the embedded store's file first. */
    @Override
    public void close() {
        if (compaction != null) {
            compaction.close();
        }
        writer.close();
        dataSource.close();
        if (compactionPending != null && Files.exists(compactionPending)) {
            try {
                compact(settings, compactionPending);
            } catch (RuntimeException e) {
                // Left marked: the next open compacts.
                LOG.error("compacting the store after an erasure failed; it is compacted at the next start", e);
            }
        }
    }

    /** The file an H2 URL names, or null for an in-memory or server database. */
    private static Path h2File(String url) {
        String rest = url.substring("jdbc:h2:".length());
        int parameters = rest.indexOf(';');
        String name = parameters < 0 ? rest : rest.substring(0, parameters);
        if (name.startsWith("file:")) {
            return Path.of(name.substring("file:".length()) + ".mv.db");
        }
        return name.startsWith("mem:") || name.startsWith("tcp:") || name.startsWith("ssl:") ? null
                : Path.of(name + ".mv.db");
    }

    /**
     * Rewrites the closed store into a new file that holds only the live values (H2's MVStoreTool
     * copies each map's current state, then replaces the file), then forgets the pending mark.
     */
    private static void compact(Settings settings, Path compactionPending) {
        // Opened and shut down first: after a crash, H2 rolls back what was not committed.
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new LogAccessException("closing the store to compact it after an erasure failed", e);
        }
        MVStoreTool.compact(h2File(settings.url()).toString(), false);
        try {
            Files.deleteIfExists(compactionPending);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + compactionPending, e);
        }
    }
}
