package fi.lupaus.engine.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store commits each write to its file at once, as the decision log's writer does; its
 * old chunks' live pages are rewritten by H2Compaction, so that the file stays near its data.
 */
class H2CompactionTest {

    @TempDir
    Path dataDir;

    @Test
    void aFileWrittenInManySmallCommitsIsRewrittenUntilMostOfItIsLive() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(Database.Settings.embedded(dataDir).url());
        try (Connection open = h2.getConnection()) {
            appendInSmallCommits(open, 4_000);
            H2Compaction compaction = new H2Compaction(h2);
            assertThat(compaction.chunksFillRate()).as("live pages before").isLessThan(H2Compaction.TARGET_FILL_RATE);

            for (int round = 0; round < 100 && compaction.round(); round++) {
                // each round rewrites for at most H2Compaction.ROUND
            }

            assertThat(compaction.chunksFillRate()).as("live pages after").isGreaterThanOrEqualTo(H2Compaction.TARGET_FILL_RATE);
            assertThat(rows(open)).isEqualTo(4_000);
        }
    }

    @Test
    void aFileCompactedWhileItIsWrittenStaysNearTheSizeOfItsData() throws Exception {
        long written = appendedWithRounds(dataDir.resolve("compacted"), true);
        long uncompacted = appendedWithRounds(dataDir.resolve("uncompacted"), false);
        long oneCommit;
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(Database.Settings.embedded(dataDir.resolve("reference")).url());
        try (Connection connection = h2.getConnection()) {
            connection.setAutoCommit(false);
            appendInSmallCommits(connection, 4_000);
            connection.commit();
            oneCommit = Files.size(dataDir.resolve("reference/lupaus.mv.db"));
        }

        // Here about 19, 64 and 23 MB.
        assertThat(written).as("the file, against the same rows written in one commit")
                .isLessThanOrEqualTo(oneCommit * 3 / 2);
        assertThat(uncompacted).as("the file uncompacted, against the same rows written in one commit")
                .isGreaterThan(oneCommit * 2);
    }

    @Test
    void anOpenEmbeddedStoreIsCompactedOnItsOwnWhileItRuns() throws Exception {
        try (Database database = Database.open(Database.Settings.embedded(dataDir))) {
            try (Connection connection = database.dataSource().getConnection()) {
                appendInSmallCommits(connection, 4_000);
            }
            H2Compaction reader = new H2Compaction(database.dataSource());
            long giveUp = System.nanoTime() + 20_000_000_000L;
            while (reader.chunksFillRate() < H2Compaction.TARGET_FILL_RATE && System.nanoTime() < giveUp) {
                Thread.sleep(100);
            }

            assertThat(reader.chunksFillRate()).as("live pages, a round each second")
                    .isGreaterThanOrEqualTo(H2Compaction.TARGET_FILL_RATE);
        }
    }

    /** The size of a file with 4,000 rows appended one commit each, compacted after each 500 or not. */
    private static long appendedWithRounds(Path directory, boolean compacted) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(Database.Settings.embedded(directory).url());
        try (Connection open = h2.getConnection()) {
            H2Compaction compaction = new H2Compaction(h2);
            for (int i = 0; i < 8; i++) {
                appendInSmallCommits(open, 500);
                while (compacted && compaction.round()) {
                    // until the chunks are full enough
                }
            }
        }
        return Files.size(directory.resolve("lupaus.mv.db"));
    }

    private static void appendInSmallCommits(Connection connection, int rows) throws Exception {
        try (Statement statement = connection.createStatement()) {
            // H2 rewrites a chunk only once it is older than this (45 s by default, kept by the
            // server): here at once, so that a test need not wait.
            statement.execute("SET RETENTION_TIME 0");
            statement.execute("CREATE TABLE IF NOT EXISTS appended (id IDENTITY PRIMARY KEY, body VARCHAR(2000))");
            statement.execute("CREATE INDEX IF NOT EXISTS appended_body ON appended (body)");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO appended (body) VALUES (?)")) {
            for (int i = 0; i < rows; i++) {
                insert.setString(1, i + " " + "a recorded context of about eight hundred characters ".repeat(15));
                insert.executeUpdate();
            }
        }
    }

    private static void changeInSmallCommits(Connection connection, int changes, int pass) throws Exception {
        try (PreparedStatement update = connection.prepareStatement("UPDATE appended SET body = ? WHERE id = ?")) {
            for (int i = 0; i < changes; i++) {
                update.setString(1, pass + " " + i + " " + "a changed context of about eight hundred characters ".repeat(15));
                update.setLong(2, 1 + (i * 7919L) % 500);
                update.executeUpdate();
            }
        }
    }

    private static long rows(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             var result = statement.executeQuery("SELECT COUNT(*) FROM appended")) {
            result.next();
            return result.getLong(1);
        }
    }
}
