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

import fi.lupaus.engine.jdbc.JdbcDecisionLog;

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
        assertThat(clean.out()).contains("6 decisions checked, the log verifies clean")
                .contains("the chain's head is not anchored: LUPAUS_CHAIN_KEY is not set");

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

    @Test
    void aCustomerIdAndAScoreChangedWhileTheServerIsStoppedAreReportedAndTheSignedHeadIsAnchored() throws Exception {
        String moved;
        String rescored;
        try (TestServer server = TestServer.start(TestServer.config(dataDir).withChain(CHAIN_KEY, false),
                Clock.systemUTC())) {
            moved = server.post("/api/feedback", feedback("fb-cli-a", "C-cli-a", "NPS", 3))
                    .bodyAsJsonObject().getString("decisionId");
            rescored = server.post("/api/feedback", feedback("fb-cli-b", "C-cli-b", "NPS", 2))
                    .bodyAsJsonObject().getString("decisionId");
            server.post("/api/feedback", feedback("fb-cli-c", "C-cli-c", "NPS", 10));
        }
        Run clean = verify(CHAIN_KEY);
        assertThat(clean.exit()).isZero();
        assertThat(clean.out()).contains("the chain's head, record 3").contains("is anchored");

        try (JdbcDecisionLog log = JdbcDecisionLog.openEmbedded(dataDir);
             Connection connection = log.dataSource().getConnection();
             PreparedStatement move = connection.prepareStatement(
                     "UPDATE decision SET customer_id = 'C-cli-b' WHERE decision_id = ?");
             PreparedStatement rescore = connection.prepareStatement(
                     "UPDATE decision SET score = 10 WHERE decision_id = ?")) {
            move.setObject(1, UUID.fromString(moved));
            rescore.setObject(1, UUID.fromString(rescored));
            assertThat(move.executeUpdate() + rescore.executeUpdate()).isEqualTo(2);
        }

        Run tampered = verify(CHAIN_KEY);
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.out()).contains("decision " + moved + ": the record's feedback was changed after it was "
                        + "written (or its context, customer id or key)")
                .contains("decision " + rescored + ": the record was changed after it was written (its decision, or "
                        + "the answer's received time, score");
    }

    private static final String CHAIN_KEY = "verify-command-test-chain-key-0123456789";

    private record Run(int exit, String out) {
    }

    private Run verify() {
        return verify(null);
    }

    /** Runs the command as an auditor would, with the chain key as the server's configuration gives it. */
    private Run verify(String chainKey) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        if (chainKey != null) {
            System.setProperty("LUPAUS_CHAIN_KEY", chainKey);
        }
        try {
            int exit = VerifyCommand.run("--data-dir", dataDir.toString());
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.clearProperty("LUPAUS_CHAIN_KEY");
        }
    }
}
