package fi.lupaus.engine.ruleset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;

class RuleSetTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T10:15:00Z");
    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");

    private final RuleSetCompiler compiler = new RuleSetCompiler();

    private static Feedback nps(int score, LoyaltyTier tier) {
        return new Feedback("fb-1", "C-1", RECEIVED, Touchpoint.STORE, Phase.CORE, Survey.NPS, score,
                null, false, null, tier);
    }

    /** Also checked by {@link RuleGuardTest}: the guard must accept what these tests compile. */
    static final String RECORD_RULES = """
            package test.records
            import fi.lupaus.engine.fact.Feedback
            import fi.lupaus.engine.fact.LoyaltyTier
            import fi.lupaus.engine.decision.Action
            import fi.lupaus.engine.decision.DecisionTime

            rule "Thank a gold detractor, oddly"
            when
                Feedback( detractor, loyaltyTier == LoyaltyTier.GOLD, score <= 6 )
            then
                insert(Action.thank());
            end

            rule "Schedule aftercare an hour after the decision"
            when
                Feedback( promoter )
                DecisionTime( $now : now )
            then
                insert(Action.aftercare($now.plusSeconds(3600)));
            end
            """;

    @Nested
    class Compiling {

        @Test
        void versionIsTheSha256OfTheSourcesWhateverTheirOrder() {
            var a = new RuleSource("test/a.drl", "package test\n");
            var b = new RuleSource("test/b.drl", "package test\n");

            RuleSet ab = compiler.compile(List.of(a, b)).orElseThrow();
            RuleSet ba = compiler.compile(List.of(b, a)).orElseThrow();

            assertThat(ab.version()).hasSize(64).matches("[0-9a-f]+").isEqualTo(ba.version());
            assertThat(compiler.compile(List.of(a)).orElseThrow().version()).isNotEqualTo(ab.version());
        }

        @Test
        void versionIsTheSha256OfEachSourcesNameAndTextInNameOrderEachEndedByAZeroByte() throws Exception {
            var second = new RuleSource("test/b.drl", "package test\n// ä\n");
            var first = new RuleSource("test/a.drl", "package test\n");

            RuleSet ruleSet = compiler.compile(List.of(second, first)).orElseThrow();

            // Written out from RuleSet.version()'s Javadoc, not with the compiler's code.
            var expected = MessageDigest.getInstance("SHA-256");
            expected.update("test/a.drl\0package test\n\0".getBytes(UTF_8));
            expected.update("test/b.drl\0package test\n// ä\n\0".getBytes(UTF_8));
            assertThat(ruleSet.version()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        }

        @Test
        void aSyntaxErrorComesBackWithItsSourceAndLine() {
            var broken = new RuleSource("test/broken.drl", """
                    package test

                    rule "Broken"
                    when
                        Feedback( score >>> 3 )
                    then
                    end
                    """);

            Compilation compilation = compiler.compile(List.of(broken));

            assertThat(compilation.succeeded()).isFalse();
            assertThat(compilation.errors()).isNotEmpty().allSatisfy(error -> {
                assertThat(error.source()).isEqualTo("test/broken.drl");
                assertThat(error.message()).isNotBlank();
            });
            assertThat(compilation.errors()).extracting(CompileError::line).contains(5);
            assertThatThrownBy(compilation::orElseThrow)
                    .isInstanceOf(InvalidRuleSetException.class)
                    .hasMessageContaining("test/broken.drl:5");
        }

        @Test
        void anUnknownFactTypeIsAnError() {
            var unknown = new RuleSource("test/unknown.drl", """
                    package test
                    rule "Uses a type nobody declared"
                    when
                        NoSuchFact( )
                    then
                    end
                    """);

            assertThat(compiler.compile(List.of(unknown)).errors())
                    .extracting(CompileError::source).containsOnly("test/unknown.drl");
        }

        @Test
        void twoSourcesWithOneNameAreRejected() {
            var one = new RuleSource("test/a.drl", "package test\n");

            assertThat(compiler.compile(List.of(one, one)).errors())
                    .extracting(CompileError::message).containsExactly("two rule sources have the same name");
        }
    }

    @Nested
    class Deciding {

        private final RuleSet ruleSet = compiler.compile(
                List.of(new RuleSource("test/records/rules.drl", RECORD_RULES))).orElseThrow();

        @Test
        void rulesReadRecordAccessorsAndClassifications() {
            Decision decision = ruleSet.decide(List.of(nps(3, LoyaltyTier.GOLD)), NOW);

            assertThat(decision.firedRules()).containsExactly("Thank a gold detractor, oddly");
            assertThat(decision.actions()).extracting(Action::type).containsExactly(ActionType.THANK);
            assertThat(decision.ruleSetVersion()).isEqualTo(ruleSet.version());
            assertThat(decision.decidedAt()).isEqualTo(NOW);
        }

        @Test
        void theDecisionTimeIsWhatTheRulesSeeAsNow() {
            Decision decision = ruleSet.decide(List.of(nps(10, LoyaltyTier.NONE)), NOW);

            assertThat(decision.actions()).containsExactly(Action.aftercare(NOW.plusSeconds(3600)));
        }

        @Test
        void theSameInputsGiveTheSameDecisionEveryTime() {
            var facts = List.of(nps(10, LoyaltyTier.GOLD), nps(2, LoyaltyTier.GOLD));
            Decision first = ruleSet.decide(facts, NOW);

            for (int i = 0; i < 200; i++) {
                assertThat(ruleSet.decide(facts, NOW)).isEqualTo(first);
            }
        }

        @Test
        void rulesThatLoopAreStopped() {
            RuleSet looping = compiler.compile(List.of(new RuleSource("test/loop.drl", """
                    package test
                    import fi.lupaus.engine.decision.DecisionTime
                    rule "Never stops"
                    when
                        $t : DecisionTime( )
                    then
                        update($t);
                    end
                    """))).orElseThrow();

            assertThatThrownBy(() -> looping.decide(List.of(), NOW))
                    .isInstanceOf(RuleLoopException.class)
                    .hasMessageContaining("Never stops");
        }

        @Test
        void rulesThatKeepFiringSlowlyAreStoppedByTheTimeBudget() {
            // Trusted rules: the guard would refuse the loop that makes each firing slow.
            RuleSet slow = compiler.compile(List.of(new RuleSource("test/slow.drl", """
                    package test
                    import fi.lupaus.engine.decision.DecisionTime
                    rule "Think hard, then think again"
                    when
                        $t : DecisionTime( )
                    then
                        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
                        long stop = cpu.getCurrentThreadCpuTime() + 30_000_000L;
                        while (cpu.getCurrentThreadCpuTime() < stop) { }
                        update($t);
                    end
                    """))).orElseThrow();

            long start = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> slow.decide(List.of(), NOW))
                    .isInstanceOf(RuleTimeoutException.class)
                    .hasMessageContaining(slow.version())
                    .hasMessageContaining("ran longer than 500 ms")
                    .hasMessageContaining("'Think hard, then think again'"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isGreaterThanOrEqualTo(RuleSet.TIME_BUDGET);
        }

        @Test
        void aSingleSlowFiringIsStoppedRightAfterIt() {
            RuleSet slow = compiler.compile(List.of(new RuleSource("test/slow.drl", """
                    package test
                    import fi.lupaus.engine.decision.DecisionTime
                    rule "Think for 700 ms of CPU time"
                    when
                        $t : DecisionTime( )
                    then
                        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
                        long stop = cpu.getCurrentThreadCpuTime() + 700_000_000L;
                        while (cpu.getCurrentThreadCpuTime() < stop) { }
                        update($t);
                    end
                    """))).orElseThrow();

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> slow.decide(List.of(), NOW))
                    .isInstanceOf(RuleTimeoutException.class)
                    .hasMessageContaining("stopped after 1 firings"));
        }
    }
}
