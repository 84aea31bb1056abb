package fi.lupaus.console.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.access.AccessStore;
import fi.lupaus.console.ruleset.RuleSets;
import fi.lupaus.console.store.JdbcAccessStore;
import fi.lupaus.console.store.JdbcRuleSetStore;
import fi.lupaus.engine.casework.CaseStore;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.jdbc.JdbcAnswers;
import fi.lupaus.engine.jdbc.JdbcCaseStore;
import fi.lupaus.engine.jdbc.JdbcDecisionLog;
import fi.lupaus.engine.jdbc.TestDatabases;
import fi.lupaus.engine.log.Appended;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;
import fi.lupaus.engine.sandbox.Sandbox;
import io.vertx.core.Vertx;

/** The live path: a deciding thread stuck inside one firing is abandoned and reported, not waited on. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@Tag("store")
class FeedbackDeciderTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:16:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    /** Compiled as trusted rules, past the guard and the deploy sample: what the live path bounds alone. */
    private static final RuleSource STUCK = new RuleSource("live/stuck.drl", """
            package live.stuck
            import fi.lupaus.engine.fact.Feedback
            import fi.lupaus.engine.decision.Action
            import fi.lupaus.console.decide.Stuck

            rule "Wait inside a firing for a detractor"
            when
                Feedback( detractor )
                eval( Stuck.untilReleased() )
            then
                insert(Action.thank());
            end

            rule "Thank a promoter"
            when
                Feedback( promoter )
            then
                insert(Action.thank());
            end
            """);

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();
    private JdbcDecisionLog log;
    private Sandbox sandbox;
    private FeedbackDecider decider;

    @BeforeEach
    void start() {
        log = JdbcDecisionLog.open(TestDatabases.settings(dataDir));
        CaseStore cases = new JdbcCaseStore(log.database());
        RuleSet rules = new RuleSetCompiler().compile(List.of(STUCK)).orElseThrow();
        // The sandbox starts no worker here: nothing but the live rules decide.
        sandbox = new Sandbox(Sandbox.Limits.defaults());
        RuleSets ruleSets = new RuleSets(new JdbcRuleSetStore(log.database()), log, new RuleSetCompiler(), sandbox, 0,
                new JdbcAccessStore(log.dataSource()), Clock.fixed(AT, ZoneOffset.UTC), ZoneId.of("Europe/Helsinki"));
        LiveRuleSet live = ruleSets.start(rules, "stuck rules");
        decider = new FeedbackDecider(vertx, log, live, new CustomerContexts(new JdbcAnswers(log.database()), cases, ZoneId.of("Europe/Helsinki")),
                new Enrichment(List.of()), ruleSets.shadow(), Clock.fixed(AT, ZoneOffset.UTC), 100, DEADLINE);
    }

    @AfterEach
    void stop() throws Exception {
        Stuck.RELEASE.countDown();
        decider.close();
        sandbox.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        log.close();
    }

    private static Feedback nps(String id, int score) {
        return new Feedback(id, "C-1", AT, Touchpoint.STORE, Phase.CORE, Survey.NPS, score, null, false, null,
                LoyaltyTier.GOLD);
    }

    @Test
    void aDecisionStuckInsideOneFiringIsAnsweredAfterTheDeadlineAndTheNextOnesAreDecided() throws Exception {
        long started = System.nanoTime();
        Throwable stuck = decider.decide(List.of(nps("fb-stuck", 2)), AT).toCompletionStage().toCompletableFuture()
                .handle((done, failure) -> failure).get(10, TimeUnit.SECONDS);

        assertThat(stuck).isInstanceOf(DecisionAbandonedException.class)
                .hasMessageContaining("decided for longer than 1000 ms and were abandoned");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.plusSeconds(4));
        assertThat(decider.abandoned()).isEqualTo(1);

        List<Appended> next = decider.decide(List.of(nps("fb-next", 10)), AT).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(next).singleElement().satisfies(appended -> assertThat(appended.record().decision().actions())
                .extracting(action -> action.type()).containsExactly(ActionType.THANK));
        assertThat(log.find(next.get(0).record().decisionId())).isPresent();
    }
}
