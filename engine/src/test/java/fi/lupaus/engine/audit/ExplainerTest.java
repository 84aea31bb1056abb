package fi.lupaus.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.jdbc.TestDatabases;
import fi.lupaus.engine.audit.Explanation.Condition;
import fi.lupaus.engine.audit.Explanation.RuleExplanation;
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
class ExplainerTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");

    @TempDir
    Path dataDir;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private JdbcDecisionLog log;
    private RuleSet ruleSet;

    @BeforeEach
    void open() {
        log = JdbcDecisionLog.open(TestDatabases.settings(dataDir));
        ruleSet = compiler.compile(List.of(new RuleSource("explain/test/policy.drl", """
                package explain.test
                import java.time.Duration
                import fi.lupaus.engine.fact.Feedback
                import fi.lupaus.engine.fact.LoyaltyTier
                import fi.lupaus.engine.decision.Action
                import fi.lupaus.engine.decision.Priority

                rule "Escalate a gold-tier detractor to the team lead"
                when
                    Feedback( detractor, loyaltyTier == LoyaltyTier.GOLD, !complaint, $at : receivedAt )
                then
                    insert(Action.openCase("detractor-contact-48h", "team-lead", Priority.HIGH, $at.plus(Duration.ofHours(48))));
                end

                rule "Contact every detractor"
                when
                    Feedback( detractor, $at : receivedAt )
                then
                    insert(Action.openCase("detractor-contact-48h", "service-team", Priority.NORMAL, $at.plus(Duration.ofHours(48))));
                end

                rule "Thank a promoter"
                when
                    Feedback( promoter )
                then
                    insert(Action.thank());
                end
                """))).orElseThrow();
        log.keep(ruleSet);
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void eachRuleSaysWhetherItFiredAndWhichConditionFailed() {
        Feedback silverDetractor = new Feedback("fb-1", "C-1", T, Touchpoint.STORE, Phase.CORE, Survey.NPS, 3, null,
                false, null, LoyaltyTier.SILVER);
        DecisionRecord record = new DecisionRecord(log.newDecisionId(T), silverDetractor,
                ruleSet.decide(List.of(silverDetractor), T));
        log.append(List.of(record)).toCompletableFuture().join();

        Explanation explanation = new Explainer(log, compiler).explain(record.decisionId()).orElseThrow();

        assertThat(explanation.rules()).extracting(RuleExplanation::rule, RuleExplanation::fired).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Escalate a gold-tier detractor to the team lead", false),
                org.assertj.core.groups.Tuple.tuple("Contact every detractor", true),
                org.assertj.core.groups.Tuple.tuple("Thank a promoter", false));
        assertThat(explanation.rules().get(0).conditions()).containsExactly(
                new Condition("Feedback", "detractor", true),
                new Condition("Feedback", "loyaltyTier == LoyaltyTier.GOLD", false),
                new Condition("Feedback", "!complaint", null),
                new Condition("Feedback", "$at : receivedAt", null));
        assertThat(explanation.rules().get(1).conditions()).extracting(Condition::held).containsOnly(true);
        assertThat(explanation.rules().get(2).conditions()).containsExactly(
                new Condition("Feedback", "promoter", false));
    }

    @Test
    void rulesWithNotExistsAndAccumulateAreExplainedElementByElement() {
        RuleSet counting = compiler.compile(List.of(new RuleSource("explain/test/counting.drl", """
                package explain.test
                import fi.lupaus.engine.fact.Feedback
                import fi.lupaus.engine.decision.Action

                rule "Thank a promoter who has not complained"
                when
                    $promoter : Feedback( promoter )
                    not Feedback( complaint,
                                  customerId == $promoter.customerId )
                then
                    insert(Action.thank());
                end

                rule "Offer recovery after two detractor answers"
                when
                    exists Feedback( detractor )
                    $answers : Number( intValue >= 2 ) from accumulate( Feedback( detractor ), count( 1 ) )
                then
                    insert(Action.recovery());
                end
                """))).orElseThrow();
        Feedback promoter = new Feedback("fb-1", "C-1", T, Touchpoint.STORE, Phase.CORE, Survey.NPS, 10, null,
                false, null, LoyaltyTier.NONE);
        Feedback complaint = new Feedback("fb-2", "C-1", T, Touchpoint.STORE, Phase.CORE, Survey.NPS, 3, null,
                true, null, LoyaltyTier.NONE);
        List<Feedback> facts = List.of(promoter, complaint);

        Explanation explanation = new Explainer(log, compiler).explain(counting, facts, counting.decide(facts, T));

        RuleExplanation thank = explanation.rules().get(0);
        assertThat(thank.fired()).isFalse();
        assertThat(thank.conditions()).containsExactly(
                new Condition("Feedback", "promoter", true),
                new Condition("not", "not Feedback( complaint, customerId == $promoter.customerId )", false));
        RuleExplanation recovery = explanation.rules().get(1);
        assertThat(recovery.fired()).isFalse();
        assertThat(recovery.conditions()).extracting(Condition::pattern, Condition::held).containsExactly(
                org.assertj.core.groups.Tuple.tuple("exists", true),
                org.assertj.core.groups.Tuple.tuple("Number", false));
        assertThat(recovery.conditions().get(1).expression())
                .isEqualTo("$answers : Number( intValue >= 2 ) from accumulate( Feedback( detractor ), count( 1 ) )");
    }
}
