package fi.lupaus.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.ruleset.InvalidRuleSetException;
import fi.lupaus.engine.ruleset.RuleSource;
import fi.lupaus.engine.sandbox.SandboxLimitException.Limit;

/**
 * The sandbox itself, without the rule guard: whatever rules a guard lets through, they run in a
 * worker JVM whose heap and time are bounded, and the answer names the limit they hit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:16:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(4);

    private final Sandbox sandbox = new Sandbox(new Sandbox.Limits(2, 96, DEADLINE, Duration.ofSeconds(30)));

    @AfterAll
    void close() {
        sandbox.close();
    }

    private static SandboxCase promoter() {
        return new SandboxCase(new Feedback("fb-1", "C-1", AT, Touchpoint.STORE, Phase.CORE, Survey.NPS, 10, null,
                false, null, LoyaltyTier.GOLD), DecisionContext.NONE, AT);
    }

    private static final RuleSource THANKS = new RuleSource("sound/thanks.drl", """
            package sound
            import fi.lupaus.engine.fact.Feedback
            import fi.lupaus.engine.decision.Action

            rule "Thank a promoter"
            when
                Feedback( promoter )
            then
                insert(Action.thank());
            end
            """);

    private SandboxLimitException limitOf(RuleSource hostile) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> sandbox.decideUnguarded(List.of(hostile), List.of(promoter())));
        assertThat(thrown).isInstanceOf(SandboxLimitException.class);
        return (SandboxLimitException) thrown;
    }

    /** After any hostile rules, the next request gets a sound worker. */
    private void stillDecides() {
        List<Decision> decisions = sandbox.decide(List.of(THANKS), List.of(promoter()));
        assertThat(decisions).singleElement().satisfies(decision -> {
            assertThat(decision.firedRules()).containsExactly("Thank a promoter");
            assertThat(decision.actions()).extracting(a -> a.type()).containsExactly(ActionType.THANK);
        });
    }

    @Nested
    class SoundRules {

        @Test
        void decideAsTheyDoInTheServerAndAreExplained() {
            var explained = sandbox.explain(List.of(THANKS), List.of(promoter()));

            assertThat(explained).singleElement().satisfies(one -> {
                assertThat(one.decision().actions()).extracting(a -> a.type()).containsExactly(ActionType.THANK);
                assertThat(one.explanation().rules()).singleElement()
                        .satisfies(rule -> assertThat(rule.fired()).isTrue());
            });
        }

        @Test
        void thatDoNotCompileComeBackWithTheirErrors() {
            var broken = new RuleSource("sound/broken.drl", "package sound\nrule \"Broken\" when then nothing end\n");

            assertThat(sandbox.compile(List.of(broken)).errors()).isNotEmpty()
                    .allSatisfy(error -> assertThat(error.source()).isEqualTo("sound/broken.drl"));
            assertThatThrownBy(() -> sandbox.decide(List.of(broken), List.of(promoter())))
                    .isInstanceOf(InvalidRuleSetException.class);
        }
    }

    @Nested
    class RunawayRules {

        @Test
        void aRecursiveQueryIsStoppedAtTheHeapOrTheDeadline() {
            SandboxLimitException limit = limitOf(HostileRules.RECURSIVE_QUERY);

            assertThat(limit.limit()).isIn(Limit.MEMORY, Limit.TIME);
            assertThat(limit.getMessage()).containsAnyOf("more than 96 MB of memory", "longer than 4 s", "within 24 s");
            stillDecides();
        }

        @Test
        void aBacktrackingRegexIsStoppedAtTheDeadline() {
            long started = System.nanoTime();

            SandboxLimitException limit = limitOf(HostileRules.REGEX);

            assertThat(limit.limit()).isEqualTo(Limit.TIME);
            // On a machine too busy to give the worker 4 s of CPU, the wall clock ends it at six times that.
            assertThat(limit.getMessage()).isIn("the rules ran longer than 4 s of CPU time and were stopped",
                    "the rules did not finish within 24 s and were stopped");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.multipliedBy(6).plusSeconds(5));
            stillDecides();
        }

        @Test
        void aHugeFormatIsStoppedAtTheHeap() {
            assertThat(limitOf(HostileRules.FORMAT).getMessage())
                    .isEqualTo("the rules used more than 96 MB of memory and were stopped");
            stillDecides();
        }

        @Test
        void aHugeDecimalIsStoppedAtTheHeapOrTheDeadline() {
            SandboxLimitException limit = limitOf(HostileRules.BIG_DECIMAL);

            assertThat(limit.limit()).isIn(Limit.MEMORY, Limit.TIME);
            stillDecides();
        }

        @Test
        void aTextDoubledThroughModifyIsStoppedAtTheHeap() {
            assertThat(limitOf(HostileRules.DOUBLING).getMessage())
                    .isEqualTo("the rules used more than 96 MB of memory and were stopped");
            stillDecides();
        }

        @Test
        void millionsOfBoxedNumbersFromAFromAreStoppedAtTheHeap() {
            SandboxLimitException limit = limitOf(HostileRules.BOXED);

            assertThat(limit.limit()).isIn(Limit.MEMORY, Limit.TIME);
            stillDecides();
        }

        @Test
        void rulesThatReachIntoTheSessionFailInWords() {
            SandboxLimitException limit = limitOf(HostileRules.ENTRY_POINTS);

            assertThat(limit.limit()).isEqualTo(Limit.FAILURE);
            assertThat(limit.getMessage()).startsWith("the rules failed: ");
            stillDecides();
        }

        @Test
        void aRuleLoopIsNamedAsOne() {
            SandboxLimitException limit = limitOf(HostileRules.LOOP);

            assertThat(limit.limit()).isEqualTo(Limit.FIRINGS);
            assertThat(limit.getMessage()).contains("fired more than 10000 rules for one decision");
            stillDecides();
        }
    }
}
