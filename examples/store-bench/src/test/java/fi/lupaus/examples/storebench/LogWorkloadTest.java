package fi.lupaus.examples.storebench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark measures what it says on every store it names: the writes land, and the reads find them. */
class LogWorkloadTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "sqlite", "sqlite-full"})
    void groupsOfDecisionsAreWrittenChainedAndReadBackPerCustomer(String name, @TempDir Path directory)
            throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(name, directory);
             LogWorkload writer = new LogWorkload(store, store.connect(true), 32, 1);
             LogWorkload reader = new LogWorkload(store, store.connect(false), 32, 2)) {
            long end = 0;
            for (int group = 0; group < 300; group++) {
                end = writer.appendGroup();
            }
            int found = 0;
            for (int read = 0; read < 1_000; read++) {
                found += reader.readContext();
            }

            assertThat(end).isEqualTo(9_600);
            try (Connection connection = store.connect(false)) {
                assertThat(count(connection, "SELECT COUNT(*) FROM decision")).isEqualTo(9_600);
                assertThat(count(connection, "SELECT COUNT(DISTINCT chain_seq) FROM decision")).isEqualTo(9_600);
                assertThat(count(connection, "SELECT last_seq FROM chain_head")).isEqualTo(9_600);
                // 85 % of decisions record a contact.
                assertThat(count(connection, "SELECT COUNT(*) FROM customer_contact")).isBetween(7_700L, 8_600L);
            }
            // 0.48 decisions per customer, two in three with an answer, 85 % with a contact: about
            // 0.32 answers and 0.33 last contacts per customer read, half as many if either read broke.
            assertThat(found).isBetween(550, 750);
        }
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
