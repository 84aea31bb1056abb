package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.log.JdbcDecisionLog;

/** The command-line verify, run on a data directory the way an auditor would. */
class VerifyCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void anUntouchedLogVerifiesCleanAndAChangedOneNamesTheRecord() throws Exception {
        String changed;
        try (TestServer server = TestServer.start(dataDir, Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                server.post("/api/feedback", feedback("fb-cli-" + i, "C-cli", "NPS", 3 + i));
            }
            changed = server.post("/api/feedback", feedback("fb-cli-x", "C-cli", "NPS", 10))
                    .bodyAsJsonObject().getString("decisionId");
        }

        Run clean = verify();
        assertThat(clean.exit()).isZero();
        assertThat(clean.out()).contains("6 decisions checked, the log verifies clean");

        try (JdbcDecisionLog log = JdbcDecisionLog.openEmbedded(dataDir);
             Connection connection = log.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE decision SET actions = '[]' WHERE decision_id = ?")) {
            update.setObject(1, UUID.fromString(changed));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        Run tampered = verify();
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.out()).contains("decision " + changed + ": the record was changed after it was written")
                .contains("6 decisions checked");
    }

    private record Run(int exit, String out) {
    }

    private Run verify() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = VerifyCommand.run("--data-dir", dataDir.toString());
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
