package fi.lupaus.examples.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.vertx.core.json.JsonObject;

/**
 * Realistic customer feedback for a Finnish retail chain — stores in eight cities, a web shop,
 * an app, phone, chat, email and social media — in Lupaus's wire format
 * ({@code POST /api/feedback}).
 *
 * <p>The mix: NPS answers about 55 % promoters, 25 % passives and 20 % detractors; CSAT on a
 * fifth of answers (more in the contact centre); about 8 % complaints, mostly from unhappy
 * customers; loyalty tiers none / bronze / silver / gold at about 40 / 30 / 20 / 10 %, fixed per
 * customer; order ids on purchases; comments in Finnish and English.
 *
 * <p>The same seed and settings give exactly the same sequence: every value is drawn from one
 * {@link Random} in a fixed order. Ids are {@code fb-<seed>-<n>} with {@code n} counting from 1;
 * customers come from a pool, a tenth of which are regulars who give 30 % of the feedback;
 * {@code receivedAt} falls within the period before the start instant, mostly in the daytime.
 * Not thread-safe.
 */
public final class FeedbackGenerator {

    /** A fixed default, so that runs without {@code --start} repeat exactly. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-20T00:00:00Z");
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(28);
    public static final int DEFAULT_CUSTOMERS = 20_000;

    private static final Weighted<String> TOUCHPOINTS = Weighted.<String>builder()
            .add("store", 40).add("web", 22).add("app", 15).add("phone", 7).add("chat", 7)
            .add("email", 5).add("social", 4)
            .build();
    private static final Weighted<String> SHOP_PHASES = Weighted.<String>builder()
            .add("pre", 10).add("core", 70).add("after", 20)
            .build();
    private static final Weighted<String> CONTACT_PHASES = Weighted.<String>builder()
            .add("pre", 25).add("core", 15).add("after", 60)
            .build();
    private static final Weighted<String> SOCIAL_PHASES = Weighted.<String>builder()
            .add("pre", 40).add("core", 20).add("after", 40)
            .build();
    private static final Weighted<Integer> NPS_SCORES = Weighted.<Integer>builder()
            .add(10, 33).add(9, 22)
            .add(8, 14).add(7, 11)
            .add(6, 6).add(5, 5).add(4, 3).add(3, 2.5).add(2, 1.5).add(1, 1).add(0, 1)
            .build();
    private static final Weighted<Integer> CSAT_SCORES = Weighted.<Integer>builder()
            .add(5, 45).add(4, 30).add(3, 12).add(2, 8).add(1, 5)
            .build();
    private static final Weighted<String> TIERS = Weighted.<String>builder()
            .add("none", 40).add("bronze", 30).add("silver", 20).add("gold", 10)
            .build();
    /** How likely feedback arrives in each hour of Finnish local time (UTC+2, summer time ignored). */
    private static final double[] HOURLY_ACTIVITY = {
        0.05, 0.03, 0.02, 0.02, 0.03, 0.06, 0.15, 0.35, 0.55, 0.75, 0.9, 1.0,
        1.0, 0.95, 0.9, 0.9, 0.95, 1.0, 0.95, 0.85, 0.7, 0.5, 0.3, 0.12,
    };

    private final long seed;
    private final Random random;
    private final long firstSecond;
    private final long periodSeconds;
    private final int customers;
    private final Comments comments = new Comments();
    private long sequence;

    /** Feedback over the four weeks before {@link #DEFAULT_START} from 20,000 customers. */
    public FeedbackGenerator(long seed) {
        this(seed, DEFAULT_START, DEFAULT_PERIOD, DEFAULT_CUSTOMERS);
    }

    /**
     * @param seed      picks the sequence
     * @param start     every {@code receivedAt} is before this instant
     * @param period    how far before {@code start} feedback reaches, at least a second
     * @param customers how many distinct customers answer, at least 10
     */
    public FeedbackGenerator(long seed, Instant start, Duration period, int customers) {
        Objects.requireNonNull(start, "start");
        if (period.getSeconds() < 1) {
            throw new IllegalArgumentException("period must be at least a second: " + period);
        }
        if (customers < 10) {
            throw new IllegalArgumentException("customers must be at least 10: " + customers);
        }
        this.seed = seed;
        this.random = new Random(seed);
        this.periodSeconds = period.getSeconds();
        this.firstSecond = start.getEpochSecond() - periodSeconds;
        this.customers = customers;
    }

    /** The next feedback, as the JSON body of {@code POST /api/feedback}. */
    public JsonObject next() {
        long n = ++sequence;
        int customer = customer();
        Instant receivedAt = receivedAt();
        String touchpoint = TOUCHPOINTS.pick(random);
        String phase = phases(touchpoint).pick(random);
        String survey = random.nextDouble() < csatShare(touchpoint) ? "CSAT" : "NPS";
        int score = (survey.equals("NPS") ? NPS_SCORES : CSAT_SCORES).pick(random);
        Sentiment sentiment = Sentiment.of(survey, score);
        boolean complaint = random.nextDouble() < complaintRate(sentiment);
        boolean commented = complaint || random.nextDouble() < commentRate(sentiment);
        String comment = commented
                ? comments.pick(random, random.nextDouble() < 0.8, sentiment, complaint, touchpoint, phase)
                : null;
        boolean ordered = random.nextDouble() < orderShare(touchpoint, phase);
        // Increasing and unique, with gaps as other customers' orders fall between.
        String orderId = "O-" + (100_000 + n * 3 + random.nextInt(3));

        JsonObject feedback = new JsonObject()
                .put("id", "fb-" + seed + "-" + n)
                .put("customerId", "C-" + (1001 + customer))
                .put("receivedAt", receivedAt.toString())
                .put("touchpoint", touchpoint)
                .put("phase", phase)
                .put("survey", survey)
                .put("score", score);
        if (comment != null) {
            feedback.put("comment", comment);
        }
        feedback.put("complaint", complaint);
        if (ordered) {
            feedback.put("orderId", orderId);
        }
        return feedback.put("loyaltyTier", tierOf(customer));
    }

    /** An endless stream of {@link #next()}; limit it. */
    public Stream<JsonObject> stream() {
        return Stream.generate(this::next);
    }

    private int customer() {
        boolean regular = random.nextDouble() < 0.3;
        int regulars = customers / 10;
        int pick = random.nextInt(customers);
        return regular ? pick % regulars : pick;
    }

    private Instant receivedAt() {
        while (true) {
            long second = firstSecond + (long) (random.nextDouble() * periodSeconds);
            int finnishHour = (int) Math.floorMod(second + 7200, 86_400L) / 3600;
            if (random.nextDouble() < HOURLY_ACTIVITY[finnishHour]) {
                return Instant.ofEpochSecond(second);
            }
        }
    }

    /** A customer's tier is theirs for the whole sequence, so it is derived, not drawn. */
    private String tierOf(int customer) {
        return TIERS.pick(new SplittableRandom(seed ^ (customer * 0x9E3779B97F4A7C15L)).nextDouble());
    }

    private static Weighted<String> phases(String touchpoint) {
        return switch (touchpoint) {
            case "store", "web", "app" -> SHOP_PHASES;
            case "social" -> SOCIAL_PHASES;
            default -> CONTACT_PHASES;
        };
    }

    private static double csatShare(String touchpoint) {
        return switch (touchpoint) {
            case "phone", "chat", "email" -> 0.45;
            default -> 0.15;
        };
    }

    private static double complaintRate(Sentiment sentiment) {
        return switch (sentiment) {
            case POSITIVE -> 0.01;
            case NEUTRAL -> 0.05;
            case NEGATIVE -> 0.35;
        };
    }

    private static double commentRate(Sentiment sentiment) {
        return switch (sentiment) {
            case POSITIVE -> 0.45;
            case NEUTRAL -> 0.5;
            case NEGATIVE -> 0.8;
        };
    }

    /** Purchases carry their order; aftercare often does; nobody has an order before buying. */
    private static double orderShare(String touchpoint, String phase) {
        return switch (phase) {
            case "core" -> switch (touchpoint) {
                case "store", "web", "app" -> 1.0;
                default -> 0.3;
            };
            case "after" -> 0.65;
            default -> 0.0;
        };
    }
}
