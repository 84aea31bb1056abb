package fi.lupaus.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.jdbc.TestDatabases;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.jdbc.JdbcDecisionLog;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;

@Tag("store")
class AuditorTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");

    @TempDir
    Path dataDir;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private JdbcDecisionLog log;
    private Auditor auditor;

    @BeforeEach
    void open() {
        log = JdbcDecisionLog.open(TestDatabases.settings(dataDir));
        auditor = new Auditor(log, compiler);
    }

    @AfterEach
    void close() {
        log.close();
    }

    /** A rule set that thanks promoters with the given action: each version decides differently. */
    private RuleSet deployed(String thanks) {
        RuleSet ruleSet = compiler.compile(List.of(new RuleSource("audit/test/thanks.drl", """
                package audit.test
                import fi.lupaus.engine.fact.Feedback
                import fi.lupaus.engine.decision.Action

                rule "Thank a promoter"
                when
                    Feedback( promoter )
                then
                    insert(%s);
                end
                """.formatted(thanks)))).orElseThrow();
        log.keep(ruleSet);
        return ruleSet;
    }

    private List<DecisionRecord> decideAndRecord(RuleSet ruleSet, int count) {
        List<DecisionRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant decidedAt = T.plusSeconds(i);
            Feedback feedback = new Feedback("fb-" + UUID.randomUUID(), "C-" + i, T, Touchpoint.WEB, Phase.CORE,
                    Survey.NPS, i % 11, null, false, null, LoyaltyTier.NONE);
            records.add(new DecisionRecord(log.newDecisionId(decidedAt), feedback,
                    ruleSet.decide(List.of(feedback), decidedAt)));
        }
        log.append(records).toCompletableFuture().join();
        return records;
    }

    private void tamper(String sql, String decisionId) throws Exception {
        try (Connection connection = log.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(decisionId));
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void anUntouchedLogVerifiesClean() {
        decideAndRecord(deployed("Action.thank()"), 30);

        VerifyReport report = auditor.verify(null, null, checked -> { });

        assertThat(report.checked()).isEqualTo(30);
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aRecordChangedInTheStoreIsReportedAndOnlyThatRecord() throws Exception {
        List<DecisionRecord> records = decideAndRecord(deployed("Action.thank()"), 30);
        String changed = records.get(20).decisionId();

        tamper("UPDATE decision SET actions = '[]', fired_rules = '[]' WHERE decision_id = ?", changed);
        VerifyReport report = auditor.verify(null, null, checked -> { });

        assertThat(report.checked()).isEqualTo(30);
        assertThat(report.problems()).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.decisionId()).isEqualTo(changed));
        assertThat(report.problems().get(0).reason()).contains("changed after it was written");
    }

    @Test
    void changedFeedbackIsReportedAtItsRecord() throws Exception {
        List<DecisionRecord> records = decideAndRecord(deployed("Action.thank()"), 10);
        String changed = records.get(3).decisionId();

        tamper("UPDATE decision SET feedback = REPLACE(feedback, '\"score\":3', '\"score\":9') WHERE decision_id = ?",
                changed);
        VerifyReport report = auditor.verify(null, null, checked -> { });

        assertThat(report.problems()).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.decisionId()).isEqualTo(changed));
        assertThat(report.problems().get(0).reason()).contains("feedback was changed after it was written");
    }

    @Test
    void aRecordRemovedFromTheStoreIsReportedAtTheGap() throws Exception {
        List<DecisionRecord> records = decideAndRecord(deployed("Action.thank()"), 10);

        tamper("DELETE FROM decision WHERE decision_id = ?", records.get(4).decisionId());
        VerifyReport report = auditor.verify(null, null, checked -> { });

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.decisionId()).isEqualTo(records.get(5).decisionId());
            assertThat(problem.reason()).contains("records 5 to 5 of the chain are missing");
        });
    }

    @Test
    void aDecisionMadeUnderTheFirstVersionReplaysIdenticallyAfterTwoRedeploys() {
        DecisionRecord promoter = decideAndRecord(deployed("Action.thank()"), 11).get(10);
        RuleSet second = deployed("Action.thankWithLoyaltyBenefit()");
        deployed("Action.recovery()");

        Replay replay = auditor.replay(promoter.decisionId()).orElseThrow();

        assertThat(replay.identical()).isTrue();
        assertThat(replay.replayed()).isEqualTo(promoter.decision());
        assertThat(second.decide(List.of(promoter.feedback()), promoter.decision().decidedAt()).actions())
                .isNotEqualTo(promoter.decision().actions());
    }

    @Test
    void aReplayThatDiffersSaysHow() throws Exception {
        DecisionRecord promoter = decideAndRecord(deployed("Action.thank()"), 11).get(10);

        tamper("UPDATE decision SET actions = '[]' WHERE decision_id = ?", promoter.decisionId());
        Replay replay = auditor.replay(promoter.decisionId()).orElseThrow();

        assertThat(replay.identical()).isFalse();
        assertThat(replay.differences()).singleElement().asString().startsWith("actions were [], now [Action[type=THANK");
    }

    @Test
    void afterACustomerIsErasedTheLogStillVerifiesAndTheirDataIsUnreadable() throws Exception {
        RuleSet ruleSet = deployed("Action.thank()");
        decideAndRecord(ruleSet, 5);
        Feedback personal = new Feedback("fb-personal", "C-erase-me", T, Touchpoint.STORE, Phase.CORE, Survey.NPS, 10,
                "Matti Meikäläinen, puh. 040 123 4567", false, "O-secret", LoyaltyTier.GOLD);
        DecisionRecord erased = new DecisionRecord(log.newDecisionId(T.plusSeconds(60)), personal,
                ruleSet.decide(List.of(personal), T.plusSeconds(60)));
        log.append(List.of(erased)).toCompletableFuture().join();
        decideAndRecord(ruleSet, 5);

        assertThat(log.erase("C-erase-me")).isEqualTo(1);

        VerifyReport report = auditor.verify(null, null, checked -> { });
        assertThat(report.checked()).isEqualTo(11);
        assertThat(report.clean()).as(report.problems().toString()).isTrue();
        assertThat(log.find(erased.decisionId())).isEmpty();
        Replay replay = auditor.replay(erased.decisionId()).orElseThrow();
        assertThat(replay.erased()).isTrue();
        assertThat(replay.differences()).singleElement().asString().contains("personal data was erased");
        try (Connection connection = log.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT COUNT(*) FROM decision WHERE customer_id LIKE '%erase-me%' OR feedback LIKE '%Meik%'"
                             + " OR feedback LIKE '%O-secret%' OR feedback_id = 'fb-personal'");
             var row = select.executeQuery()) {
            row.next();
            assertThat(row.getInt(1)).isZero();
        }
    }

    @Test
    void verifyingATimeRangeChecksOnlyItsRecords() {
        decideAndRecord(deployed("Action.thank()"), 20);

        VerifyReport report = auditor.verify(T.plusSeconds(5), T.plusSeconds(15), checked -> { });

        assertThat(report.checked()).isEqualTo(10);
        assertThat(report.clean()).isTrue();
    }
}
