package fi.lupaus.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.jdbc.TestDatabases;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.CustomerAttribute;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LastContact;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.PreviousAnswer;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.jdbc.JdbcDecisionLog;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;

/** A backtest reports exactly what deciding each recorded feedback under both versions gives. */
@Tag("store")
class BacktestTest {

    private static final Instant T = Instant.parse("2026-10-01T00:00:00Z");
    private static final int HISTORY = 100_000;

    @TempDir
    Path dataDir;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private JdbcDecisionLog log;

    @BeforeEach
    void open() {
        log = JdbcDecisionLog.open(TestDatabases.settings(dataDir));
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

    /** Feedback at T, one NPS answer, with the context the recorded decision was given. */
    private DecisionRecord decidedWithContext(RuleSet recorded, String id, int score, DecisionContext context) {
        Feedback feedback = new Feedback(id, "C-" + id, T, Touchpoint.WEB, Phase.CORE, Survey.NPS, score, null,
                false, null, LoyaltyTier.NONE);
        Instant decidedAt = T.plusSeconds(1);
        List<Object> facts = new ArrayList<>(List.of(feedback));
        facts.addAll(context.facts());
        return new DecisionRecord(log.newDecisionId(decidedAt), feedback, context, recorded.decide(facts, decidedAt));
    }

    private static DecisionContext lastThanked(Instant at) {
        return new DecisionContext(List.of(), List.of(), new LastContact(ActionType.THANK, at), null, null);
    }

    private static DecisionContext previously(int score) {
        return new DecisionContext(List.of(new PreviousAnswer("fb-earlier", T.minus(Duration.ofDays(10)), Survey.NPS,
                score, false)), List.of(), null, null, null);
    }

    private static final String CONTEXT_RULES = """
            package backtest.context
            import fi.lupaus.engine.fact.Feedback
            import fi.lupaus.engine.fact.PreviousAnswer
            import fi.lupaus.engine.fact.LastContact
            import fi.lupaus.engine.fact.CustomerAttribute
            import fi.lupaus.engine.decision.Action

            %s

            rule "Offer recovery to a repeat detractor"
            when
                Feedback( detractor )
                exists PreviousAnswer( detractor )
            then
                insert(Action.recovery());
            end
            """;

    /** Every count written by hand from the facts: none comes from deciding them in the test. */
    @Test
    void aBacktestDecidesEachRecordWithTheCustomerContextItWasRecordedWith() {
        RuleSet recorded = compiler.compile(List.of(new RuleSource("backtest/context.drl", CONTEXT_RULES.formatted("""
                rule "Thank a promoter"
                when
                    Feedback( promoter )
                then
                    insert(Action.thank());
                end
                """)))).orElseThrow();
        // The candidate thanks no one thanked in the last 30 days and offers a VIP recovery at once.
        RuleSet candidate = compiler.compile(List.of(new RuleSource("backtest/context.drl", CONTEXT_RULES.formatted("""
                rule "Thank a promoter"
                when
                    Feedback( promoter, $at : receivedAt )
                    not LastContact( withinDaysOf($at, 30) )
                then
                    insert(Action.thank());
                end

                rule "Offer recovery to a VIP's first detraction"
                when
                    Feedback( detractor )
                    CustomerAttribute( name == "segment", value == "vip" )
                    not PreviousAnswer( detractor )
                then
                    insert(Action.recovery());
                end
                """)))).orElseThrow();
        log.keep(recorded);
        DecisionContext vip = DecisionContext.NONE.withAttributes(List.of(new CustomerAttribute("segment", "vip")));
        List<DecisionRecord> records = List.of(
                // thanked 5 days ago: thanked before, not after
                decidedWithContext(recorded, "fb-1", 10, lastThanked(T.minus(Duration.ofDays(5)))),
                // thanked 100 days ago: thanked before and after
                decidedWithContext(recorded, "fb-2", 9, lastThanked(T.minus(Duration.ofDays(100)))),
                // no history: thanked before and after
                decidedWithContext(recorded, "fb-3", 10, DecisionContext.NONE),
                // a detractor before: recovery before and after
                decidedWithContext(recorded, "fb-4", 2, previously(3)),
                // a promoter before: nothing before or after
                decidedWithContext(recorded, "fb-5", 4, previously(10)),
                // a VIP's first detraction: nothing before, recovery after
                decidedWithContext(recorded, "fb-6", 5, vip),
                // a VIP who was a detractor before: recovery before and after, by the repeat rule
                decidedWithContext(recorded, "fb-7", 1, previously(2).withAttributes(vip.attributes())));
        log.append(records).toCompletableFuture().join();

        BacktestReport report = new Auditor(log, compiler).backtest(null, null, candidate, 10, decided -> { });

        assertThat(report.decided()).isEqualTo(7);
        assertThat(report.changed()).isEqualTo(2);
        assertThat(report.sample()).extracting(BacktestReport.Change::decisionId)
                .containsExactlyInAnyOrder(records.get(0).decisionId(), records.get(5).decisionId());
        assertThat(report.actionsBefore()).isEqualTo(Map.of("THANK", 3L, "RECOVERY", 2L));
        assertThat(report.actionsAfter()).isEqualTo(Map.of("THANK", 2L, "RECOVERY", 3L));
        assertThat(report.rulesBefore()).isEqualTo(Map.of("Thank a promoter", 3L,
                "Offer recovery to a repeat detractor", 2L));
        assertThat(report.rulesAfter()).isEqualTo(Map.of("Thank a promoter", 2L,
                "Offer recovery to a repeat detractor", 2L, "Offer recovery to a VIP's first detraction", 1L));
    }
}
