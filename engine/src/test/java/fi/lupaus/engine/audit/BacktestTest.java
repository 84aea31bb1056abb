package fi.lupaus.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.log.JdbcDecisionLog;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;

/** A backtest reports exactly what deciding each recorded feedback under both versions gives. */
class BacktestTest {

    private static final Instant T = Instant.parse("2026-10-01T00:00:00Z");
    private static final int HISTORY = 100_000;

    @TempDir
    Path dataDir;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private JdbcDecisionLog log;

    @BeforeEach
    void open() {
        log = JdbcDecisionLog.openEmbedded(dataDir);
    }

    @AfterEach
    void close() {
        log.close();
    }

    /** Promoters thanked from {@code promoterFrom} up; detractors below {@code detractorBelow} get a case. */
    private RuleSet policy(int promoterFrom, int detractorBelow) {
        return compiler.compile(List.of(new RuleSource("backtest/policy.drl", """
                package backtest
                import java.time.Duration
                import fi.lupaus.engine.fact.Feedback
                import fi.lupaus.engine.decision.Action
                import fi.lupaus.engine.decision.Priority

                rule "Thank a promoter"
                when
                    Feedback( survey.name() == "NPS", score >= %d )
                then
                    insert(Action.thank());
                end

                rule "Contact a detractor"
                when
                    Feedback( survey.name() == "NPS", score < %d, $at : receivedAt )
                then
                    insert(Action.openCase("detractor-contact-48h", "service-team", Priority.NORMAL,
                            $at.plus(Duration.ofHours(48))));
                end

                rule "Offer recovery after a low rating"
                when
                    Feedback( lowCsat )
                then
                    insert(Action.recovery());
                end
                """.formatted(promoterFrom, detractorBelow)))).orElseThrow();
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // about 2 minutes on a loaded machine, over the default
    void aBacktestOfAHundredThousandFeedbackCountsWhatDecidingEachUnderBothVersionsGives() {
        RuleSet recorded = policy(9, 7);
        RuleSet candidate = policy(8, 6);
        log.keep(recorded);
        Random random = new Random(7);
        List<Feedback> history = new ArrayList<>(HISTORY);
        List<CompletableFuture<?>> appends = new ArrayList<>();
        List<DecisionRecord> batch = new ArrayList<>();
        for (int i = 0; i < HISTORY; i++) {
            boolean nps = random.nextInt(4) > 0;
            Feedback feedback = new Feedback("fb-" + i, "C-" + random.nextInt(5_000), T.plusSeconds(i),
                    Touchpoint.values()[random.nextInt(7)], Phase.CORE, nps ? Survey.NPS : Survey.CSAT,
                    nps ? random.nextInt(11) : 1 + random.nextInt(5), null, false, null, LoyaltyTier.NONE);
            history.add(feedback);
            Instant decidedAt = feedback.receivedAt().plusSeconds(1);
            batch.add(new DecisionRecord(log.newDecisionId(decidedAt), feedback,
                    recorded.decide(List.of(feedback), decidedAt)));
            if (batch.size() == 1_000) {
                appends.add(log.append(batch).toCompletableFuture());
                batch = new ArrayList<>();
            }
        }
        appends.forEach(CompletableFuture::join);

        BacktestReport report = new Auditor(log, compiler).backtest(null, null, candidate, 5, decided -> { });

        Map<String, Long> actionsBefore = new TreeMap<>();
        Map<String, Long> actionsAfter = new TreeMap<>();
        long changed = 0;
        for (Feedback feedback : history) {
            Decision before = recorded.decide(List.of(feedback), feedback.receivedAt().plusSeconds(1));
            Decision after = candidate.decide(List.of(feedback), feedback.receivedAt().plusSeconds(1));
            before.actions().forEach(a -> actionsBefore.merge(a.type().name(), 1L, Long::sum));
            after.actions().forEach(a -> actionsAfter.merge(a.type().name(), 1L, Long::sum));
            boolean same = before.actions().equals(after.actions()) && before.firedRules().equals(after.firedRules());
            changed += same ? 0 : 1;
        }
        assertThat(report.decided()).isEqualTo(HISTORY);
        assertThat(report.changed()).isEqualTo(changed).isPositive();
        assertThat(report.actionsBefore()).isEqualTo(actionsBefore);
        assertThat(report.actionsAfter()).isEqualTo(actionsAfter);
        assertThat(report.rulesBefore().get("Thank a promoter")).isEqualTo(actionsBefore.get("THANK"));
        assertThat(report.rulesAfter().get("Contact a detractor")).isEqualTo(actionsAfter.get("OPEN_CASE"));
        assertThat(report.sample()).hasSize(5).allSatisfy(change ->
                assertThat(change.before()).isNotEqualTo(change.after()));
        assertThat(report.candidateVersion()).isEqualTo(candidate.version());
    }
}
