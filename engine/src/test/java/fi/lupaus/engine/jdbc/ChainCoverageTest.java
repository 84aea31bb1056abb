package fi.lupaus.engine.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.audit.Auditor;
import fi.lupaus.engine.audit.VerifyReport;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.Chain;
import fi.lupaus.engine.log.ChainKey;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.log.EncodedRecord;
import fi.lupaus.engine.log.LogJson;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;

/** Issue #11: verify covers every column an answer reads, and the chain's head is anchored with a key. */
@Tag("store")
class ChainCoverageTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");
    private static final ChainKey KEY = ChainKey.of("a-test-chain-key-of-32-characters-or-more");

    @TempDir
    Path dataDir;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private JdbcDecisionLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    private void open(ChainKey key) {
        if (log != null) {
            log.close();
        }
        log = JdbcDecisionLog.open(TestDatabases.settings(dataDir), JdbcDecisionLog.DEFAULT_QUEUE_CAPACITY, key);
    }

    private VerifyReport verify() {
        return new Auditor(log, compiler).verify(null, null, checked -> { });
    }

    /** Decides {@code count} answers of customers C-0…, NPS 0–10 in turn, each appended (and committed) alone. */
    private List<DecisionRecord> decideAndRecord(int count) {
        RuleSet ruleSet = compiler.compile(List.of(new RuleSource("chain/test/thanks.drl", """
                package chain.test
                import fi.lupaus.engine.fact.Feedback
                import fi.lupaus.engine.decision.Action

                rule "Thank a promoter"
                when
                    Feedback( promoter )
                then
                    insert(Action.thank());
                end
                """))).orElseThrow();
        log.keep(ruleSet);
        List<DecisionRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant decidedAt = T.plusSeconds(i);
            Feedback feedback = new Feedback("fb-" + i, "C-" + i, T, Touchpoint.WEB, Phase.CORE, Survey.NPS, i % 11,
                    "comment " + i, false, null, LoyaltyTier.NONE);
            DecisionRecord record = new DecisionRecord(log.newDecisionId(decidedAt), feedback,
                    ruleSet.decide(List.of(feedback), decidedAt));
            log.append(List.of(record)).toCompletableFuture().join();
            records.add(record);
        }
        return records;
    }

    private int update(String sql, Object... parameters) throws Exception {
        try (Connection connection = log.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static List<String> problemIds(VerifyReport report) {
        return report.problems().stream().map(VerifyReport.Problem::decisionId).toList();
    }

    @Nested
    class ColumnsBesideTheRecord {

        @Test
        void aCustomerIdAndScoresChangedBehindTheServerAreReportedWithEachDecisionId() throws Exception {
            open(null);
            List<DecisionRecord> records = decideAndRecord(22);
            String moved = records.get(9).decisionId();

            update("UPDATE decision SET customer_id = 'C-someone-else' WHERE decision_id = ?", UUID.fromString(moved));
            int rescored = update("UPDATE decision SET score = 10 WHERE score <= 6");
            VerifyReport report = verify();

            List<String> detractors = records.stream().filter(r -> r.feedback().score() <= 6)
                    .map(DecisionRecord::decisionId).toList();
            assertThat(rescored).isEqualTo(detractors.size());
            assertThat(problemIds(report)).containsExactlyInAnyOrderElementsOf(
                    concat(detractors, List.of(moved)));
            assertThat(report.problems()).filteredOn(p -> p.decisionId().equals(moved)).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("customer id"));
            assertThat(report.problems()).filteredOn(p -> detractors.contains(p.decisionId()))
                    .allSatisfy(p -> assertThat(p.reason()).contains("score"));
        }

        @Test
        void theScoreboardColumnsOfAnErasedRecordStayCovered() throws Exception {
            open(null);
            List<DecisionRecord> records = decideAndRecord(5);
            assertThat(log.erase("C-3")).isEqualTo(1);
            assertThat(verify().clean()).isTrue();

            update("UPDATE decision SET score = 10, touchpoint = 'STORE' WHERE decision_id = ?",
                    UUID.fromString(records.get(3).decisionId()));

            assertThat(problemIds(verify())).containsExactly(records.get(3).decisionId());
        }

        @Test
        void anErasedRecordGivenBackACustomerIdIsReported() throws Exception {
            open(null);
            List<DecisionRecord> records = decideAndRecord(5);
            log.erase("C-2");

            update("UPDATE decision SET customer_id = 'C-4' WHERE decision_id = ?",
                    UUID.fromString(records.get(2).decisionId()));

            assertThat(verify().problems()).singleElement().satisfies(p -> {
                assertThat(p.decisionId()).isEqualTo(records.get(2).decisionId());
                assertThat(p.reason()).contains("written after the erasure");
            });
        }

        @Test
        void rowsWrittenBeforeTheFormatCoveredTheirColumnsVerifyAndTheirColumnsAreCheckedAgainstTheirFeedback()
                throws Exception {
            open(null);
            List<DecisionRecord> records = decideAndRecord(8);
            rewriteAsFormatOne();
            assertThat(verify().clean()).as("rows of format 1 still verify").isTrue();

            update("UPDATE decision SET customer_id = 'C-7' WHERE decision_id = ?",
                    UUID.fromString(records.get(1).decisionId()));
            update("UPDATE decision SET score = 0 WHERE decision_id = ?", UUID.fromString(records.get(5).decisionId()));
            VerifyReport report = verify();

            assertThat(problemIds(report)).containsExactlyInAnyOrder(records.get(1).decisionId(),
                    records.get(5).decisionId());
            assertThat(report.problems()).allSatisfy(p -> assertThat(p.reason()).contains("no longer match"));
        }

        /** What a log written before format 2 holds: no format, and hashes over the feedback and decision only. */
        private void rewriteAsFormatOne() throws Exception {
            try (Connection connection = log.dataSource().getConnection();
                 PreparedStatement select = connection.prepareStatement("SELECT decision_id, decided_at, "
                         + "rule_set_version, feedback, context, fired_rules, actions FROM decision ORDER BY chain_seq");
                 PreparedStatement update = connection.prepareStatement("UPDATE decision SET record_format = NULL, "
                         + "feedback_hash = ?, record_hash = ?, chain_hash = ? WHERE decision_id = ?");
                 ResultSet row = select.executeQuery()) {
                String link = Chain.GENESIS;
                while (row.next()) {
                    UUID id = row.getObject(1, UUID.class);
                    String feedbackHash = Chain.inputHash(row.getString(4), row.getString(5));
                    String recordHash = Chain.recordHash(id.toString(), feedbackHash,
                            row.getObject(2, OffsetDateTime.class).toInstant().toString(), row.getString(3),
                            row.getString(6), row.getString(7));
                    link = Chain.link(link, recordHash);
                    update.setString(1, feedbackHash);
                    update.setString(2, recordHash);
                    update.setString(3, link);
                    update.setObject(4, id);
                    update.executeUpdate();
                }
            }
        }
    }

    @Nested
    class TheChainsHead {

        @Test
        void withoutAKeyTheReportSaysTheHeadIsNotAnchored() {
            open(null);
            decideAndRecord(3);

            VerifyReport report = verify();

            assertThat(report.clean()).isTrue();
            assertThat(report.anchoring()).contains("not anchored").contains("LUPAUS_CHAIN_KEY is not set");
        }

        @Test
        void withTheKeyAnUntouchedLogIsAnchoredAtItsHead() {
            open(KEY);
            decideAndRecord(6);

            VerifyReport report = verify();

            assertThat(report.clean()).as(report.problems().toString()).isTrue();
            assertThat(report.anchoring()).contains("record 6").contains("is anchored");
        }

        @Test
        void theLastRecordRewrittenWithItsHashesRecomputedIsFoundOnlyWithTheKey() throws Exception {
            open(KEY);
            List<DecisionRecord> records = decideAndRecord(6);
            String last = records.get(5).decisionId();

            rewriteLastRecordWithComment(last, "a comment nobody gave");
            open(null);
            VerifyReport unkeyed = verify();
            open(KEY);
            VerifyReport keyed = verify();

            assertThat(unkeyed.clean()).as("the hashes alone hold: they were recomputed").isTrue();
            assertThat(keyed.problems()).singleElement().satisfies(p -> {
                assertThat(p.seq()).isEqualTo(6);
                assertThat(p.decisionId()).isEqualTo(last);
                assertThat(p.reason()).contains("not the one signed at its checkpoint");
            });
        }

        @Test
        void newestRecordsRemovedWithoutTheirCheckpointsAreFoundAsATruncation() throws Exception {
            open(KEY);
            decideAndRecord(6);

            update("DELETE FROM decision WHERE chain_seq > 4");

            assertThat(verify().problems()).extracting(VerifyReport.Problem::reason)
                    .contains("record 6 was signed as the chain's head, but the log no longer holds it: the log was truncated");
        }

        @Test
        void checkpointsDoNotVerifyWithAnotherKey() {
            open(KEY);
            decideAndRecord(2);

            open(ChainKey.of("another-key-of-at-least-32-characters!"));

            assertThat(verify().problems()).hasSize(2)
                    .allSatisfy(p -> assertThat(p.reason()).contains("not signed with this LUPAUS_CHAIN_KEY"));
        }

        /** What someone with the database but not the key can do: change a record and recompute its hashes. */
        private void rewriteLastRecordWithComment(String decisionId, String comment) throws Exception {
            try (Connection connection = log.dataSource().getConnection();
                 PreparedStatement select = connection.prepareStatement("SELECT d.feedback_id, d.customer_id, "
                         + "d.feedback, d.context, d.decided_at, d.rule_set_version, d.fired_rules, d.actions, "
                         + "d.received_at, d.chain_seq, p.chain_hash FROM decision d "
                         + "JOIN decision p ON p.chain_seq = d.chain_seq - 1 WHERE d.decision_id = ?")) {
                select.setObject(1, UUID.fromString(decisionId));
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    String feedback = row.getString(3).replaceAll("\"comment\":\"[^\"]*\"",
                            "\"comment\":\"" + comment + "\"");
                    Feedback parsed = LogJson.read(feedback, Feedback.class);
                    String feedbackHash = Chain.inputHash(row.getString(1), row.getString(2), feedback, row.getString(4));
                    String recordHash = Chain.recordHash(decisionId, feedbackHash,
                            row.getObject(5, OffsetDateTime.class).toInstant().toString(), row.getString(6),
                            row.getString(7), row.getString(8), EncodedRecord.answer(parsed.receivedAt(), parsed));
                    update("UPDATE decision SET feedback = ?, feedback_hash = ?, record_hash = ?, chain_hash = ? "
                                    + "WHERE decision_id = ?", feedback, feedbackHash, recordHash,
                            Chain.link(row.getString(11), recordHash), UUID.fromString(decisionId));
                }
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
