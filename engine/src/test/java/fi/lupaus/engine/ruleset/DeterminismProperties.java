package fi.lupaus.engine.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Touchpoint;

/**
 * A decision is a pure function of (rule set, facts, time): rule sets drawn at random from the
 * grammar the guard allows decide the same facts identically in two fresh JVMs.
 *
 * <p>Each try is one batch of rule sets, decided in one pair of JVMs (started at once), so that
 * the JVM start-ups, not the tries, set the run time.
 */
class DeterminismProperties {

    private static final long JVM_SECONDS = 90;

    private static final String HEADER = """
            package test.generated

            import java.time.Duration
            import fi.lupaus.engine.fact.*
            import fi.lupaus.engine.decision.Action
            import fi.lupaus.engine.decision.DecisionTime
            import fi.lupaus.engine.decision.Priority

            declare Flag
                reason : String
            end
            """;

    @Property(tries = 3, shrinking = ShrinkingMode.OFF)
    void randomAllowedRuleSetsDecideAlikeInTwoFreshJvms(@ForAll("batches") List<String> ruleSets)
            throws Exception {
        ruleSets.forEach(drl -> assertThat(new RuleGuard().check(List.of(new RuleSource("test/generated/rules.drl", drl))))
                .as("the grammar of this test is what the guard allows:%n%s", drl).isEmpty());

        List<List<String>> runs = decideInTwoFreshJvms(ruleSets, "untrusted");

        assertThat(runs.get(0)).hasSize(ruleSets.size() * DecideInFreshJvm.facts().size())
                .noneMatch(line -> line.contains("refused"))
                .anyMatch(line -> line.contains("actions=[Action["));
        assertThat(runs.get(1)).containsExactlyElementsOf(runs.get(0));
    }

    /** The harness sees chance where there is some: trusted rules that walk a hash set decide differently. */
    @Example
    void twoFreshJvmsDisagreeOnRulesThatTheGuardRefusesForChance() throws Exception {
        List<String> ruleSets = new ArrayList<>();
        for (int size = 3; size <= 12; size++) {
            StringBuilder elements = new StringBuilder("\"s0\"");
            for (int i = 1; i < size; i++) {
                elements.append(", \"s").append(i).append('"');
            }
            String drl = HEADER.replace("import java.time.Duration", "import java.time.Duration\nimport java.util.Set")
                    + rule("Walk a hash set", "", "", "Action.escalate(String.join(\",\", Set.of(" + elements + ")), \"x\")");
            assertThat(new RuleGuard().check(List.of(new RuleSource("test/generated/rules.drl", drl)))).isNotEmpty();
            ruleSets.add(drl);
        }

        List<List<String>> runs = decideInTwoFreshJvms(ruleSets, "trusted");

        assertThat(runs.get(0)).hasSize(ruleSets.size() * DecideInFreshJvm.facts().size());
        assertThat(runs.get(1)).isNotEqualTo(runs.get(0));
    }

    private static List<List<String>> decideInTwoFreshJvms(List<String> ruleSets, String mode) throws Exception {
        Path file = Files.createTempFile("lupaus-determinism", ".drl");
        try {
            Files.writeString(file, String.join(DecideInFreshJvm.SEPARATOR + "\n", ruleSets), StandardCharsets.UTF_8);
            CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> run(file, mode));
            CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(() -> run(file, mode));
            return List.of(first.get(JVM_SECONDS * 2, TimeUnit.SECONDS), second.get(JVM_SECONDS * 2, TimeUnit.SECONDS));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<String> run(Path file, String mode) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Path output = Files.createTempFile("lupaus-decisions", ".txt");
            try {
                Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath,
                        DecideInFreshJvm.class.getName(), file.toString(), mode)
                        .redirectErrorStream(false)
                        .redirectOutput(output.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!process.waitFor(JVM_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the JVM deciding " + file + " did not end in " + JVM_SECONDS + " s");
                }
                assertThat(process.exitValue()).as("exit value of the JVM deciding " + file).isZero();
                return Files.readAllLines(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<List<String>> batches() {
        return ruleSet().list().ofMinSize(3).ofMaxSize(5);
    }

    private Arbitrary<String> ruleSet() {
        Arbitrary<String> plain = Combinators.combine(conditions(), otherPatterns(), action(),
                        Arbitraries.integers().between(0, 3))
                .as((when, others, then, salience) -> new String[] {when, others, then, String.valueOf(salience)})
                .list().ofMinSize(1).ofMaxSize(4)
                .map(rules -> {
                    StringBuilder drl = new StringBuilder(HEADER);
                    for (int i = 0; i < rules.size(); i++) {
                        String[] rule = rules.get(i);
                        drl.append(rule("Rule " + i + " salience " + rule[3], rule[0], rule[1], rule[2])
                                .replace("\nwhen", "\n    salience " + rule[3] + "\nwhen"));
                    }
                    return drl.toString();
                });
        // A declared fact inserted by one rule and matched by another: a chain, not a cycle.
        Arbitrary<String> chained = Combinators.combine(conditions(), action(), Arbitraries.of("late", "rude", "gold"))
                .as((when, then, reason) -> HEADER
                        + rule("Flag it", when, "", "new Flag(\"" + reason + "\")")
                        + "\nrule \"Act on the flag\"\nwhen\n    Flag( reason == \"" + reason + "\" )\n"
                        + "    Feedback( $received : receivedAt )\n    DecisionTime( $now : now )\n"
                        + "then\n    insert(" + then + ");\nend\n");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, plain),
                net.jqwik.api.Tuple.of(1, chained));
    }

    private static String rule(String name, String conditions, String otherPatterns, String action) {
        String feedback = conditions.isEmpty() ? "$received : receivedAt" : conditions + ", $received : receivedAt";
        return "\nrule \"" + name + "\"\nwhen\n    Feedback( " + feedback + " )\n    DecisionTime( $now : now )"
                + otherPatterns + "\nthen\n    insert(" + action + ");\nend\n";
    }

    private Arbitrary<String> conditions() {
        return condition().list().ofMaxSize(3).map(list -> String.join(", ", list));
    }

    private Arbitrary<String> condition() {
        return Arbitraries.oneOf(
                Arbitraries.of("detractor", "promoter", "passive", "lowCsat", "complaint", "!complaint", "loyal",
                        "hasOrder()", "comment != null", "comment == null"),
                Arbitraries.integers().between(0, 10).map(n -> "score >= " + n),
                Arbitraries.integers().between(0, 10).map(n -> "score < " + n),
                Arbitraries.of(LoyaltyTier.class).map(tier -> "loyaltyTier == LoyaltyTier." + tier.name()),
                Arbitraries.of(Touchpoint.class).map(touchpoint -> "touchpoint == Touchpoint." + touchpoint.name()),
                Arbitraries.of(Phase.class).map(phase -> "phase != Phase." + phase.name()),
                Arbitraries.of("late", "rude", "great", "").map(word ->
                        "comment != null && comment.toLowerCase().contains(\"" + word + "\")"),
                Arbitraries.integers().between(1, 120).map(minutes ->
                        "receivedAt.plus(Duration.ofMinutes(" + minutes + ")).isAfter(receivedAt.plusSeconds(600))"));
    }

    /** Patterns on the customer's history beside the feedback: negation, existence, accumulation. */
    private Arbitrary<String> otherPatterns() {
        return Arbitraries.of(
                "\n    not CustomerCase( open, promise == \"p\" )",
                "\n    exists PreviousAnswer( detractor )",
                "\n    not LastContact( withinDaysOf($received, 7) )",
                "\n    CaseDue( stagesDone not contains \"reminder\", percentUsed >= 50 )",
                "\n    CustomerAttribute( name == \"crm.tier\", value == \"gold\" )",
                "\n    $total : Number( intValue >= 10 ) from accumulate( PreviousAnswer( $s : score ), sum( $s ) )",
                "\n    $answers : Number( longValue >= 2 ) from accumulate( PreviousAnswer( ), count( 1 ) )")
                .list().ofMaxSize(2).map(list -> String.join("", list));
    }

    private Arbitrary<String> action() {
        Arbitrary<String> word = Arbitraries.of("complaint-24h", "detractor-48h", "gold-call", "vip");
        return Arbitraries.oneOf(
                Arbitraries.of("Action.thank()", "Action.recovery()", "Action.thankWithLoyaltyBenefit()",
                        "Action.askForReview($now)", "Action.thank($now.plusSeconds(60))"),
                Combinators.combine(word, Arbitraries.of(Priority.class), Arbitraries.integers().between(1, 96))
                        .as((promise, priority, hours) -> "Action.openCase(\"" + promise + "\", \"team\", Priority."
                                + priority.name() + ", $received.plus(Duration.ofHours(" + hours + ")))"),
                word.map(stage -> "Action.escalate(\"" + stage + "\", \"cx-manager\")"),
                Arbitraries.integers().between(1, 14).map(days ->
                        "Action.aftercare($received.plus(Duration.ofDays(" + days + ")))"));
    }
}
