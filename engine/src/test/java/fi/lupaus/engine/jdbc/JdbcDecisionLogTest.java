package fi.lupaus.engine.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.Appended;
import fi.lupaus.engine.log.DecisionQuery;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.log.Page;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;
import fi.lupaus.engine.store.QueryPlans;

@Tag("store")
class JdbcDecisionLogTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");

    @TempDir
    Path dataDir;

    private JdbcDecisionLog log;

    @BeforeEach
    void open() {
        log = JdbcDecisionLog.open(TestDatabases.settings(dataDir));
    }

    @AfterEach
    void close() {
        log.close();
    }

    private DecisionRecord record(String feedbackId, String customerId, Instant decidedAt) {
        var feedback = new Feedback(feedbackId, customerId, T, Touchpoint.WEB, Phase.CORE, Survey.NPS, 3,
                "Toimitus myöhässä", true, "O-1", LoyaltyTier.GOLD);
        var decision = new Decision("v1", decidedAt, List.of("Escalate a gold-tier detractor's complaint"),
                List.of(Action.openCase("complaint-answer-24h", "team-lead", Priority.HIGH, T.plusSeconds(86_400)),
                        Action.aftercare(T.plusSeconds(7 * 86_400))));
        return new DecisionRecord(log.newDecisionId(decidedAt), feedback, decision);
    }

    private List<Appended> append(DecisionRecord... records) {
        return log.append(List.of(records)).toCompletableFuture().join();
    }

    @Test
    void aCustomersLatestAnswersAreReadInTheIndexsOrderSoTheLimitStopsTheRead() throws Exception {
        assumeFalse(TestDatabases.onPostgres(), "H2's plan");
        String plan = QueryPlans.plan(log.dataSource(), JdbcAnswers.recentAnswers(Vendor.H2).replace(Vendor.CUSTOMER, "?"), "C-1",
                java.time.OffsetDateTime.parse("2026-08-01T00:00:00Z"), 20);

        assertThat(plan).contains("DECISION_BY_CUSTOMER_RECEIVED").contains("/* index sorted */");
    }

    @Test
    void anAppendedRecordReadsBackEqualAndSurvivesReopening() {
        DecisionRecord record = record("fb-1", "C-1", T);

        assertThat(append(record)).containsExactly(new Appended(record, true));
        assertThat(log.find(record.decisionId())).contains(record);

        log.close();
        log = JdbcDecisionLog.open(TestDatabases.settings(dataDir));
        assertThat(log.findByFeedbackId("fb-1")).contains(record);
    }

    @Test
    void aSeenFeedbackIdReturnsTheOriginalAndStoresNothingNew() {
        DecisionRecord original = record("fb-1", "C-1", T);
        append(original);
        DecisionRecord again = new DecisionRecord(log.newDecisionId(T), original.feedback(), original.decision());

        assertThat(append(again)).containsExactly(new Appended(original, false));
        assertThat(log.find(again.decisionId())).isEmpty();
    }

    @Test
    void theRecordsOfManyFeedbackIdsAreFoundInOneReadLeavingOutTheUnknownAndTheErased() {
        DecisionRecord first = record("fb-1", "C-1", T);
        DecisionRecord second = record("fb-2", "C-2", T);
        DecisionRecord erased = record("fb-3", "C-3", T);
        append(first, second, erased);
        log.erase("C-3");

        assertThat(log.findByFeedbackIds(List.of("fb-2", "fb-unknown", "fb-1", "fb-3", "fb-1")))
                .containsOnly(entry("fb-1", first), entry("fb-2", second));
    }

    @Test
    void aRepeatedIdWithinOneAppendIsStoredOnce() {
        DecisionRecord first = record("fb-1", "C-1", T);
        DecisionRecord second = new DecisionRecord(log.newDecisionId(T), first.feedback(), first.decision());

        assertThat(append(first, second)).containsExactly(new Appended(first, true), new Appended(first, false));
    }

    @Test
    void concurrentAppendsAreAllStored() {
        List<CompletableFuture<List<Appended>>> appends = new ArrayList<>();
        IntStream.range(0, 2_000).parallel().forEach(i -> {
            var future = log.append(List.of(record("fb-" + i, "C-" + i % 10, T))).toCompletableFuture();
            synchronized (appends) {
                appends.add(future);
            }
        });
        appends.forEach(CompletableFuture::join);

        assertThat(log.query(new DecisionQuery(null, null, null, null, 5_000)).items()).hasSize(2_000);
    }

    @Test
    void anAppendTheStoreCannotTakeFailsAloneNotWithTheOthersOfItsCommit() {
        DecisionRecord good = record("fb-good", "C-1", T);
        DecisionRecord unstorable = new DecisionRecord(log.newDecisionId(T), new Feedback("fb-bad", "C-1",
                Instant.MAX, Touchpoint.WEB, Phase.CORE, Survey.NPS, 9, null, false, null, LoyaltyTier.NONE),
                good.decision());
        List<CompletableFuture<List<Appended>>> appends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            appends.add(log.append(List.of(record("fb-" + i, "C-1", T))).toCompletableFuture());
            if (i == 25) {
                appends.add(log.append(List.of(unstorable)).toCompletableFuture());
            }
        }

        assertThat(appends.stream().filter(append -> {
            try {
                append.join();
                return false;
            } catch (RuntimeException failed) {
                return true;
            }
        })).hasSize(1);
        assertThat(log.query(new DecisionQuery("C-1", null, null, null, 100)).items()).hasSize(50);
        assertThat(log.findByFeedbackId("fb-bad")).isEmpty();
    }

    @Test
    void queriesFilterByCustomerAndTimeAndPageWithACursor() {
        for (int i = 0; i < 5; i++) {
            append(record("fb-a" + i, "C-A", T.plusSeconds(i)));
            append(record("fb-b" + i, "C-B", T.plusSeconds(i)));
        }

        Page<DecisionRecord> first = log.query(new DecisionQuery("C-A", T.plusSeconds(1), T.plusSeconds(4), null, 2));
        Page<DecisionRecord> second = log.query(new DecisionQuery("C-A", T.plusSeconds(1), T.plusSeconds(4), first.next(), 2));

        assertThat(first.items()).extracting(r -> r.feedback().id()).containsExactly("fb-a1", "fb-a2");
        assertThat(second.items()).extracting(r -> r.feedback().id()).containsExactly("fb-a3");
        assertThat(second.next()).isNull();
    }

    @Test
    void queriesFindTheDecisionsWhereARuleFiredOrAnActionWasDecided() {
        DecisionRecord escalated = record("fb-e", "C-E", T);
        var thanked = new DecisionRecord(log.newDecisionId(T.plusSeconds(1)), new Feedback("fb-t", "C-T", T, Touchpoint.APP,
                Phase.AFTER, Survey.NPS, 10, null, false, null, LoyaltyTier.NONE),
                new Decision("v1", T.plusSeconds(1), List.of("Thank a 100% promoter_"), List.of(Action.thank())));
        append(escalated, thanked);

        assertThat(log.query(new DecisionQuery(null, null, null, null, 10, "Thank a 100% promoter_", null)).items())
                .containsExactly(thanked);
        assertThat(log.query(new DecisionQuery(null, null, null, null, 10, "Thank a 1% promoter_", null)).items())
                .as("% and _ are letters of the name, not wildcards").isEmpty();
        assertThat(log.query(new DecisionQuery(null, null, null, null, 10, null, ActionType.OPEN_CASE)).items())
                .containsExactly(escalated);
        assertThat(log.query(new DecisionQuery(null, null, null, null, 10, "Thank a 100% promoter_", ActionType.OPEN_CASE))
                .items()).isEmpty();
    }

    @Test
    void aRuleIsFoundByAnyPartOfItsNameInAnyCaseAndTheCountIsOfEveryPage() {
        List<DecisionRecord> thanked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            thanked.add(new DecisionRecord(log.newDecisionId(T.plusSeconds(i)), new Feedback("fb-t" + i, "C-T", T,
                    Touchpoint.APP, Phase.AFTER, Survey.NPS, 10, null, false, null, LoyaltyTier.NONE),
                    new Decision("v1", T.plusSeconds(i), List.of("Log every answer", "Thank a \"loyal\" promoter"),
                            List.of(Action.thank()))));
        }
        append(thanked.toArray(DecisionRecord[]::new));
        append(record("fb-e", "C-E", T.plusSeconds(9)));

        DecisionQuery promoters = new DecisionQuery(null, null, null, null, 2, "PROMOTER", null);
        Page<DecisionRecord> first = log.query(promoters);
        Page<DecisionRecord> second = log.query(new DecisionQuery(null, null, null, first.next(), 2, "PROMOTER", null));

        assertThat(first.items()).containsExactlyElementsOf(thanked.subList(0, 2));
        assertThat(second.items()).containsExactlyElementsOf(thanked.subList(2, 4));
        assertThat(log.count(promoters)).isEqualTo(5);
        assertThat(log.count(new DecisionQuery(null, null, null, null, 1, "\"loyal\" pro", null))).isEqualTo(5);
        assertThat(log.count(new DecisionQuery(null, null, null, null, 1, "answer\",\"thank", null)))
                .as("a part never spans two names").isZero();
        assertThat(log.count(new DecisionQuery("C-E", null, null, null, 1))).isEqualTo(1);
        assertThat(log.count(new DecisionQuery(null, T.plusSeconds(1), T.plusSeconds(3), null, 1))).isEqualTo(2);
    }

    @Test
    void theDecisionsAScoreboardNumberCountsAreThoseOfItsAnswers() {
        int[] scores = {10, 9, 8, 3, 6};
        for (int i = 0; i < scores.length; i++) {
            Touchpoint at = i % 2 == 0 ? Touchpoint.WEB : Touchpoint.STORE;
            append(new DecisionRecord(log.newDecisionId(T), new Feedback("fb-" + i, "C-" + i, T.plusSeconds(i), at,
                    Phase.CORE, Survey.NPS, scores[i], null, false, null, LoyaltyTier.NONE),
                    new Decision("v1", T, List.of(), List.of())));
        }
        append(new DecisionRecord(log.newDecisionId(T), new Feedback("fb-c", "C-c", T, Touchpoint.WEB, Phase.AFTER,
                Survey.CSAT, 5, null, false, null, LoyaltyTier.NONE), new Decision("v1", T, List.of(), List.of())));

        assertThat(counted(new DecisionQuery.Answers(null, null, true, Survey.NPS, 9, null, null, null)))
                .containsExactly("C-0", "C-1");
        assertThat(counted(new DecisionQuery.Answers(null, null, true, Survey.NPS, 7, 8, null, null)))
                .containsExactly("C-2");
        assertThat(counted(new DecisionQuery.Answers(null, null, true, Survey.NPS, null, 6, Touchpoint.WEB, null)))
                .containsExactly("C-4");
        assertThat(counted(new DecisionQuery.Answers(T.plusSeconds(1), T.plusSeconds(3), true, null, null, null, null,
                null))).containsExactly("C-1", "C-2");
        assertThat(counted(new DecisionQuery.Answers(null, null, true, null, null, null, null, Phase.AFTER)))
                .containsExactly("C-c");
    }

    private List<String> counted(DecisionQuery.Answers answers) {
        DecisionQuery query = new DecisionQuery(null, null, null, null, 100, null, null, answers);
        assertThat(log.count(query)).isEqualTo(log.query(query).items().size());
        return log.query(query).items().stream().map(r -> r.feedback().customerId()).toList();
    }

    @Test
    void decisionIdsSortByDecisionTimeAndAnIdThatIsNoUuidIsNotFound() {
        String earlier = log.newDecisionId(T);
        String later = log.newDecisionId(T.plusMillis(1));

        assertThat(later).isGreaterThan(earlier);
        assertThat(log.find("not-a-decision-id")).isEmpty();
    }

    @Test
    void keepingARuleSetTwiceIsHarmless() {
        var sources = List.of(new RuleSource("t/a.drl", "package t\n"), new RuleSource("t/b.drl", "package t\n\n"));
        var ruleSet = new RuleSetCompiler().compile(sources).orElseThrow();

        log.keep(ruleSet);
        log.keep(ruleSet);

        assertThat(log.keptSources(ruleSet.version())).as("each source once, as given").containsExactlyElementsOf(sources);
    }
}
