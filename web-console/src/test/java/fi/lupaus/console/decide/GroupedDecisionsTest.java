package fi.lupaus.console.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fi.lupaus.console.ruleset.RuleSets;
import fi.lupaus.console.store.JdbcAccessStore;
import fi.lupaus.console.store.JdbcRuleSetStore;
import fi.lupaus.engine.decision.Action;
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
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.pack.RulePacks;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.sandbox.Sandbox;
import fi.lupaus.rules.StandardPolicyPack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Deciding in groups is invisible in the decisions: random feedback streams decided one request at
 * a time and all at once (so that requests wait and are decided as groups, their customers' history
 * read once for the group) give the same decisions, contexts and fired rules, on the same history.
 */
@Tag("store")
class GroupedDecisionsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final RuleSet STANDARD = new RuleSetCompiler()
            .compile(RulePacks.sourcesOf(List.of(new StandardPolicyPack()))).orElseThrow();

    @TempDir
    Path oneAtATimeDir;
    @TempDir
    Path allAtOnceDir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void feedbackDecidedInGroupsGetsTheDecisionsItGetsDecidedAlone(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> customers = IntStream.range(0, 60).mapToObj(i -> "C-" + seed + "-" + i).toList();
        List<Feedback> history = IntStream.range(0, 240)
                .mapToObj(i -> feedback(random, "h-" + i, customers.get(random.nextInt(customers.size()))))
                .toList();
        // One answer per customer: decided side by side, no answer of the stream sees another's.
        List<Feedback> stream = customers.stream().map(customer -> feedback(random, "s-" + customer, customer)).toList();

        List<DecisionRecord> oneAtATime;
        try (Deciding alone = new Deciding(oneAtATimeDir)) {
            alone.oneAtATime(history);
            oneAtATime = alone.oneAtATime(stream);
        }
        List<DecisionRecord> allAtOnce;
        try (Deciding together = new Deciding(allAtOnceDir)) {
            together.oneAtATime(history);
            allAtOnce = together.allAtOnce(stream);
            assertThat(together.meters.largestGroup()).as("the stream was decided in groups").isGreaterThan(1);
        }

        assertThat(allAtOnce).hasSameSizeAs(stream);
        for (int i = 0; i < stream.size(); i++) {
            DecisionRecord grouped = allAtOnce.get(i);
            DecisionRecord single = oneAtATime.get(i);
            assertThat(grouped.feedback()).isEqualTo(single.feedback());
            assertThat(withoutIds(grouped.context().toString())).as("context of %s", single.feedback().id())
                    .isEqualTo(withoutIds(single.context().toString()));
            assertThat(grouped.decision().firedRules()).isEqualTo(single.decision().firedRules());
            assertThat(grouped.decision().actions().stream().map(GroupedDecisionsTest::withoutCase).toList())
                    .as("actions for %s", single.feedback().id())
                    .isEqualTo(single.decision().actions().stream().map(GroupedDecisionsTest::withoutCase).toList());
        }
    }

    private static Feedback feedback(Random random, String id, String customer) {
        Survey survey = random.nextInt(4) == 0 ? Survey.CSAT : Survey.NPS;
        int score = survey == Survey.NPS ? random.nextInt(11) : 1 + random.nextInt(5);
        Instant received = NOW.minus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 100)));
        return new Feedback(id, customer, received, Touchpoint.values()[random.nextInt(Touchpoint.values().length)],
                Phase.values()[random.nextInt(Phase.values().length)], survey, score, null, random.nextInt(6) == 0,
                null, LoyaltyTier.values()[random.nextInt(LoyaltyTier.values().length)]);
    }

    // Case and decision ids are new UUIDs in each store: the decisions are compared without them.
    private static String withoutIds(String text) {
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
    }

    private static String withoutCase(Action action) {
        return withoutIds(action.toString());
    }

    /** A decider on a store of its own, with the standard rules and a clock that stands still. */
    private static final class Deciding implements AutoCloseable {

        private final Vertx vertx = Vertx.vertx();
        private final JdbcDecisionLog log;
        private final Sandbox sandbox = new Sandbox(Sandbox.Limits.defaults());
        private final DecisionMeters meters = new DecisionMeters(new SimpleMeterRegistry());
        private final FeedbackDecider decider;

        Deciding(Path dataDir) {
            log = JdbcDecisionLog.open(TestDatabases.settings(dataDir));
            JdbcCaseStore cases = new JdbcCaseStore(log.database());
            log.addEffect(cases.effect());
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            RuleSets ruleSets = new RuleSets(new JdbcRuleSetStore(log.database()), log, new RuleSetCompiler(), sandbox,
                    0, new JdbcAccessStore(log.dataSource()), clock, ZoneId.of("Europe/Helsinki"));
            decider = new FeedbackDecider(vertx, log, ruleSets.start(STANDARD, "standard rules"),
                    new CustomerContexts(new JdbcAnswers(log.database()), cases, ZoneId.of("Europe/Helsinki")),
                    new Enrichment(List.of()), ruleSets.shadow(), clock, 10_000, Duration.ofSeconds(30), meters);
        }

        List<DecisionRecord> oneAtATime(List<Feedback> feedback) throws Exception {
            List<DecisionRecord> records = new ArrayList<>();
            for (Feedback one : feedback) {
                records.add(await(decider.decide(List.of(one), NOW)).get(0).record());
            }
            return records;
        }

        List<DecisionRecord> allAtOnce(List<Feedback> feedback) throws Exception {
            List<Future<List<Appended>>> posted = feedback.stream()
                    .map(one -> decider.decide(List.of(one), NOW)).toList();
            List<DecisionRecord> records = new ArrayList<>();
            for (Future<List<Appended>> one : posted) {
                records.add(await(one).get(0).record());
            }
            return records;
        }

        private static List<Appended> await(Future<List<Appended>> decided) throws Exception {
            return decided.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            decider.close();
            sandbox.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            log.close();
        }
    }
}
