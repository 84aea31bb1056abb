package fi.lupaus.examples.storebench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;

import org.sqlite.SQLiteConfig;

import fi.lupaus.engine.jdbc.Database;

/**
 * One embedded engine holding the decision log's tables with the indexes the server keeps, and
 * how that engine takes ids and times. H2 is opened as the server opens it; SQLite is given the
 * same tables by hand, as an adapter for it would.
 */
abstract class EmbeddedStore implements AutoCloseable {

    private final Path directory;

    EmbeddedStore(Path directory) {
        this.directory = directory;
    }

    /** @param name h2, sqlite (WAL, synchronous=NORMAL) or sqlite-full (WAL, synchronous=FULL) */
    static EmbeddedStore open(String name, Path directory) throws SQLException {
        return switch (name) {
            case "h2" -> new H2(directory);
            case "sqlite" -> new Sqlite(directory, SQLiteConfig.SynchronousMode.NORMAL);
            case "sqlite-full" -> new Sqlite(directory, SQLiteConfig.SynchronousMode.FULL);
            default -> throw new IllegalArgumentException("store must be h2, sqlite or sqlite-full, not " + name);
        };
    }

    /**
     * A connection of its own, not auto-committing, for one benchmark thread; {@code writes}: its
     * transactions write (on SQLite they then take the write lock as they begin).
     */
    abstract Connection connect(boolean writes) throws SQLException;

    /** The statement that locks the chain's head until commit. */
    abstract String lockHead();

    abstract void bindId(PreparedStatement statement, int index, UUID id) throws SQLException;

    abstract void bindTime(PreparedStatement statement, int index, Instant at) throws SQLException;

    /** The files the engine keeps, in bytes. */
    final long fileBytes() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The embedded default, through the engine's own Database: its URL, migrations and compaction. */
    static final class H2 extends EmbeddedStore {
        private final Database database;

        H2(Path directory) {
            super(directory);
            this.database = Database.open(Database.Settings.embedded(directory));
        }

        @Override
        Connection connect(boolean writes) throws SQLException {
            Connection connection = database.dataSource().getConnection();
            connection.setAutoCommit(false);
            return connection;
        }

        @Override
        String lockHead() {
            return "SELECT last_seq, last_link FROM chain_head WHERE id = 1 FOR UPDATE";
        }

        @Override
        void bindId(PreparedStatement statement, int index, UUID id) throws SQLException {
            statement.setObject(index, id);
        }

        @Override
        void bindTime(PreparedStatement statement, int index, Instant at) throws SQLException {
            statement.setObject(index, at.atOffset(ZoneOffset.UTC));
        }

        @Override
        public void close() {
            database.close();
        }
    }

    /**
     * SQLite in WAL mode: one writer, readers beside it. Ids as 16 bytes, times as microseconds
     * since the epoch; a write transaction takes the write lock when it begins (IMMEDIATE).
     */
    static final class Sqlite extends EmbeddedStore {
        private static final String SCHEMA = """
                CREATE TABLE decision (
                    decision_id      BLOB    NOT NULL PRIMARY KEY,
                    feedback_id      TEXT    NOT NULL UNIQUE,
                    customer_id      TEXT    NOT NULL,
                    received_at      INTEGER NOT NULL,
                    decided_at       INTEGER NOT NULL,
                    rule_set_version TEXT    NOT NULL,
                    feedback         TEXT,
                    fired_rules      TEXT    NOT NULL,
                    actions          TEXT    NOT NULL,
                    feedback_hash    TEXT    NOT NULL,
                    chain_seq        INTEGER NOT NULL UNIQUE,
                    record_hash      TEXT    NOT NULL,
                    chain_hash       TEXT    NOT NULL,
                    context          TEXT,
                    survey           TEXT,
                    score            INTEGER,
                    touchpoint       TEXT,
                    phase            TEXT,
                    complaint        INTEGER,
                    record_format    INTEGER
                );
                CREATE INDEX decision_by_received ON decision (received_at);
                CREATE INDEX decision_by_customer_received
                    ON decision (customer_id, received_at DESC, survey, score, complaint, feedback_id);
                CREATE TABLE customer_contact (
                    customer_id TEXT    NOT NULL,
                    at          INTEGER NOT NULL,
                    type        TEXT    NOT NULL,
                    decision_id BLOB    NOT NULL
                );
                CREATE INDEX contact_by_customer ON customer_contact (customer_id, at DESC, type);
                CREATE TABLE chain_head (
                    id        INTEGER NOT NULL PRIMARY KEY,
                    last_seq  INTEGER NOT NULL,
                    last_link TEXT    NOT NULL
                );
                INSERT INTO chain_head VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
                """;

        private final Path file;
        private final SQLiteConfig config = new SQLiteConfig();
        private final SQLiteConfig readerConfig = new SQLiteConfig();

        Sqlite(Path directory, SQLiteConfig.SynchronousMode synchronous) throws SQLException {
            super(directory);
            this.file = directory.resolve("lupaus.db");
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(synchronous);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setBusyTimeout(10_000);
            readerConfig.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
            readerConfig.setBusyTimeout(10_000);
            try (Connection connection = connect(true); Statement statement = connection.createStatement()) {
                for (String part : SCHEMA.split(";")) {
                    statement.execute(part);
                }
                connection.commit();
            }
        }

        @Override
        Connection connect(boolean writes) throws SQLException {
            Connection connection = DriverManager.getConnection(
                    "jdbc:sqlite:" + file, (writes ? config : readerConfig).toProperties());
            connection.setAutoCommit(false);
            return connection;
        }

        @Override
        String lockHead() {
            return "SELECT last_seq, last_link FROM chain_head WHERE id = 1";
        }

        @Override
        void bindId(PreparedStatement statement, int index, UUID id) throws SQLException {
            statement.setBytes(index, ByteBuffer.allocate(16)
                    .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
        }

        @Override
        void bindTime(PreparedStatement statement, int index, Instant at) throws SQLException {
            statement.setLong(index, at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000);
        }

        @Override
        public void close() {
            // Each connection is closed by its user; SQLite keeps nothing open beside them.
        }
    }
}
