package fi.lupaus.examples.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class FeedbackGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration PERIOD = Duration.ofDays(28);
    private static final Set<String> TOUCHPOINTS = Set.of("store", "web", "app", "phone", "chat", "email", "social");
    private static final Set<String> PHASES = Set.of("pre", "core", "after");
    private static final Set<String> TIERS = Set.of("none", "bronze", "silver", "gold");
    private static final Set<String> FIELDS = Set.of("id", "customerId", "receivedAt", "touchpoint", "phase",
            "survey", "score", "comment", "complaint", "orderId", "loyaltyTier");

    private static List<JsonObject> generate(long seed, int count) {
        return new FeedbackGenerator(seed, START, PERIOD, 20_000).stream().limit(count).toList();
    }

    private static double share(List<JsonObject> items, Predicate<JsonObject> which) {
        return (double) items.stream().filter(which).count() / items.size();
    }

    private static boolean nps(JsonObject f) {
        return f.getString("survey").equals("NPS");
    }

    private static boolean promoter(JsonObject f) {
        return nps(f) && f.getInteger("score") >= 9;
    }

    private static boolean detractor(JsonObject f) {
        return nps(f) && f.getInteger("score") <= 6;
    }

    @Nested
    class Determinism {

        @Test
        void theSameSeedGivesExactlyTheSameSequence() {
            assertThat(generate(42, 2_000)).isEqualTo(generate(42, 2_000));
        }

        @Test
        void aDifferentSeedGivesADifferentSequence() {
            List<JsonObject> a = generate(42, 200);
            List<JsonObject> b = generate(43, 200);

            assertThat(a).isNotEqualTo(b);
            assertThat(a.stream().map(f -> f.copy().put("id", "")).toList())
                    .isNotEqualTo(b.stream().map(f -> f.copy().put("id", "")).toList());
        }

        @Test
        void idsAreUniqueAndNumberTheSequenceFromOne() {
            List<JsonObject> items = generate(7, 1_000);

            assertThat(items).extracting(f -> f.getString("id")).startsWith("fb-7-1", "fb-7-2", "fb-7-3")
                    .doesNotHaveDuplicates()
                    .endsWith("fb-7-1000");
        }
    }

    @Nested
    class WireRules {

        private final List<JsonObject> items = generate(42, 10_000);

        @Test
        void everyFeedbackHasTheRequiredFieldsAndNoOthers() {
            assertThat(items).allSatisfy(f -> {
                assertThat(FIELDS).containsAll(f.fieldNames());
                assertThat(f.getString("id")).matches("fb-42-\\d+");
                assertThat(f.getString("customerId")).matches("C-\\d{4,}");
                assertThat(f.getValue("score")).isInstanceOf(Integer.class);
                assertThat(f.getValue("complaint")).isInstanceOf(Boolean.class);
            });
        }

        @Test
        void enumeratedFieldsTakeOnlyTheirWireValues() {
            assertThat(items).allSatisfy(f -> {
                assertThat(f.getString("touchpoint")).isIn(TOUCHPOINTS);
                assertThat(f.getString("phase")).isIn(PHASES);
                assertThat(f.getString("survey")).isIn("NPS", "CSAT");
                assertThat(f.getString("loyaltyTier")).isIn(TIERS);
            });
        }

        @Test
        void scoresAreWithinTheirSurveysRange() {
            assertThat(items).allSatisfy(f -> {
                int score = f.getInteger("score");
                if (nps(f)) {
                    assertThat(score).isBetween(0, 10);
                } else {
                    assertThat(score).isBetween(1, 5);
                }
            });
        }

        @Test
        void feedbackWasReceivedWithinThePeriodBeforeTheStart() {
            assertThat(items).extracting(f -> Instant.parse(f.getString("receivedAt")))
                    .allSatisfy(at -> assertThat(at).isBefore(START).isAfterOrEqualTo(START.minus(PERIOD)));
        }

        @Test
        void optionalFieldsAreLeftOutRatherThanNull() {
            assertThat(items).allSatisfy(f -> assertThat(f.getMap()).doesNotContainValue(null));
            assertThat(items).filteredOn(f -> f.containsKey("comment"))
                    .allSatisfy(f -> assertThat(f.getString("comment")).isNotBlank());
        }

        @Test
        void purchasesCarryTheirOrderAndNothingBeforeBuyingDoes() {
            assertThat(items)
                    .filteredOn(f -> f.getString("phase").equals("core")
                            && Set.of("store", "web", "app").contains(f.getString("touchpoint")))
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(f.getString("orderId")).matches("O-\\d+"));
            assertThat(items).filteredOn(f -> f.getString("phase").equals("pre"))
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(f.containsKey("orderId")).isFalse());
            assertThat(items).extracting(f -> f.getString("orderId")).filteredOn(id -> id != null)
                    .doesNotHaveDuplicates();
        }
    }

    @Nested
    class Mix {

        private final List<JsonObject> items = generate(42, 10_000);
        private final List<JsonObject> npsAnswers = items.stream().filter(FeedbackGeneratorTest::nps).toList();

        @Test
        void npsAnswersAreMostlyPromotersWithAFifthDetractors() {
            assertThat(share(npsAnswers, FeedbackGeneratorTest::promoter)).isBetween(0.50, 0.60);
            assertThat(share(npsAnswers, FeedbackGeneratorTest::detractor)).isBetween(0.16, 0.24);
        }

        @Test
        void someAnswersAreCsat() {
            assertThat(share(items, f -> !nps(f))).isBetween(0.10, 0.30);
        }

        @Test
        void aboutOneInTwelveIsAComplaintMostlyFromDetractors() {
            List<JsonObject> promoters = npsAnswers.stream().filter(FeedbackGeneratorTest::promoter).toList();
            List<JsonObject> detractors = npsAnswers.stream().filter(FeedbackGeneratorTest::detractor).toList();
            Predicate<JsonObject> complaint = f -> f.getBoolean("complaint");

            assertThat(share(items, complaint)).isBetween(0.05, 0.11);
            assertThat(share(detractors, complaint)).isGreaterThan(10 * share(promoters, complaint));
        }

        @Test
        void everyTouchpointPhaseAndTierOccursWithPlausibleShares() {
            assertThat(items).extracting(f -> f.getString("touchpoint")).containsAll(TOUCHPOINTS);
            assertThat(items).extracting(f -> f.getString("phase")).containsAll(PHASES);
            assertThat(share(items, f -> f.getString("touchpoint").equals("store"))).isBetween(0.35, 0.45);
            assertThat(share(items, f -> f.getString("loyaltyTier").equals("none"))).isBetween(0.30, 0.50);
            assertThat(share(items, f -> f.getString("loyaltyTier").equals("gold"))).isBetween(0.05, 0.16);
        }

        @Test
        void customersComeBackAndKeepTheirTier() {
            var tiersByCustomer = items.stream().collect(Collectors.groupingBy(f -> f.getString("customerId"),
                    Collectors.mapping(f -> f.getString("loyaltyTier"), Collectors.toSet())));

            assertThat(tiersByCustomer.size()).isLessThan(items.size() * 9 / 10);
            assertThat(tiersByCustomer.values()).allSatisfy(tiers -> assertThat(tiers).hasSize(1));
        }

        @Test
        void commentsComeInFinnishAndEnglishAndNameStores() {
            Set<String> comments = new HashSet<>();
            items.stream().filter(f -> f.containsKey("comment")).forEach(f -> comments.add(f.getString("comment")));

            assertThat(share(items, f -> f.containsKey("comment"))).isBetween(0.4, 0.7);
            assertThat(comments).anySatisfy(c -> assertThat(c).contains("Ratinan myymälässä"));
            assertThat(comments).anySatisfy(c -> assertThat(c).contains("the Kamppi store in Helsinki"));
            assertThat(comments).anySatisfy(c -> assertThat(c).startsWith("Tilaus tuli perille"));
            assertThat(comments).anySatisfy(c -> assertThat(c).startsWith("Order arrived"));
        }
    }
}
