package fi.lupaus.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import fi.lupaus.examples.generator.FeedbackGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

class LoadCommandTest {

    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    private LoadResult load(String... args) {
        return LoadCommand.run(vertx, LoadCommand.parse(args), new PrintWriter(Writer.nullWriter()));
    }

    /** The actions the fake decides for the {@code count} feedback after the warm-up. */
    private static Map<String, Long> expectedActions(long seed, int warmup, int count) {
        List<JsonObject> measured = new FeedbackGenerator(seed).stream().skip(warmup).limit(count).toList();
        Map<String, Long> actions = new TreeMap<>();
        measured.forEach(f -> FakeLupausServer.actionsFor(f).forEach(type -> actions.merge(type, 1L, Long::sum)));
        return actions;
    }

    @Nested
    class ACountedRun {

        private final FakeLupausServer server = new FakeLupausServer(0);

        @Test
        void reportsEveryDecisionAndActionOfTheMeasuredFeedbackOnly() {
            String url = server.start(vertx);

            LoadResult result = load("--url", url, "--connections", "8", "--count", "1500", "--warmup", "300",
                    "--seed", "11");

            assertThat(result.requests()).isEqualTo(1500);
            assertThat(result.decisions()).isEqualTo(1500);
            assertThat(result.answers()).containsExactly(Map.entry(201, 1500L));
            assertThat(result.actions()).isEqualTo(expectedActions(11, 300, 1500))
                    .containsKeys("THANK", "OPEN_CASE", "RECOVERY");
            assertThat(result.failures()).isZero();
            assertThat(result.warmup()).isEqualTo(new LoadResult.Warmup(300, 300, 0));
            assertThat(server.feedbackIds).hasSize(1800).contains("fb-11-1", "fb-11-1800");
            assertThat(server.requestsByPath.keySet()).containsExactly("/api/feedback");
        }

        @Test
        void measuresThroughputAndLatency() {
            String url = server.start(vertx);

            LoadResult result = load("--url", url, "--connections", "4", "--count", "500", "--warmup", "0");

            assertThat(result.elapsed()).isPositive();
            assertThat(result.decisionsPerSecond()).isPositive().isEqualTo(result.requestsPerSecond());
            assertThat(result.latency().p50()).isPositive()
                    .isLessThanOrEqualTo(result.latency().p90())
                    .isLessThanOrEqualTo(result.latency().max());
            assertThat(result.latency().p99()).isLessThanOrEqualTo(result.latency().max());
        }

        @Test
        void postsBatchesToTheBatchEndpointWithASmallerLastOne() {
            String url = server.start(vertx);

            LoadResult result = load("--url", url, "--connections", "4", "--count", "1010", "--batch", "50",
                    "--warmup", "100", "--seed", "3");

            assertThat(result.requests()).isEqualTo(21);
            assertThat(result.decisions()).isEqualTo(1010);
            assertThat(result.feedbackSent()).isEqualTo(1010);
            assertThat(result.actions()).isEqualTo(expectedActions(3, 100, 1010));
            assertThat(result.failures()).isZero();
            assertThat(server.requestsByPath.keySet()).containsExactly("/api/feedback/batch");
            assertThat(server.requests()).isEqualTo(2 + 21);
        }

        @Test
        void sendsTheTokenAsABearer() {
            String url = server.start(vertx);

            load("--url", url, "--connections", "2", "--count", "10", "--warmup", "0", "--token", "s3cret");

            assertThat(server.authorizations).containsExactly("Bearer s3cret");
        }
    }

    @Nested
    class ATimedRun {

        @Test
        void stopsByItselfAndCountsWhatItGeneratedBeyondItsPool() {
            var server = new FakeLupausServer(0);
            String url = server.start(vertx);

            LoadResult result = load("--url", url, "--connections", "4", "--duration", "300ms", "--pool", "5",
                    "--warmup", "20");

            // Nothing here depends on how many requests a machine manages in 300 ms.
            assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(result.generatedOnTheFly()).isEqualTo(Math.max(0, result.requests() - 5));
            assertThat(result.decisions()).isEqualTo(result.requests());
            assertThat(result.failures()).isZero();
            assertThat(server.feedbackIds).hasSize((int) (20 + result.requests()));
        }

        @Test
        void goesOnGeneratingBeyondItsPool() {
            RequestBodies bodies = RequestBodies.open(new FeedbackGenerator(5), 1, 5);

            for (int i = 0; i < 12; i++) {
                assertThat(bodies.next()).isNotNull();
            }

            assertThat(bodies.generatedOnTheFly()).isEqualTo(7);
        }
    }

    @Nested
    class Failures {

        @Test
        void nonSuccessAnswersAreCountedByStatusAndFailTheCommand() {
            var server = new FakeLupausServer(10);
            String url = server.start(vertx);
            var out = new ByteArrayOutputStream();

            int exit = LoadCommand.run(new String[] {"--url", url, "--connections", "1", "--count", "100",
                    "--warmup", "0"}, new PrintStream(out, true, StandardCharsets.UTF_8), quiet);

            String report = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).isEqualTo(1);
            assertThat(report).contains("decisions     90", "answers       201 90  503 10", "failed        10",
                    "non-2xx     503 10");
        }

        @Test
        void aServerThatIsNotThereFailsEveryRequest() {
            var server = new FakeLupausServer(0);
            String url = server.start(vertx);
            vertx.close().await();
            vertx = Vertx.vertx();

            LoadResult result = load("--url", url, "--connections", "2", "--count", "5", "--warmup", "0");

            assertThat(result.transportErrors()).isEqualTo(5);
            assertThat(result.failures()).isEqualTo(5);
            assertThat(result.firstError()).isNotBlank();
        }

        @Test
        void aCleanRunExitsZeroAndPrintsTheFigures() {
            var server = new FakeLupausServer(0);
            String url = server.start(vertx);
            var out = new ByteArrayOutputStream();

            int exit = LoadCommand.run(new String[] {"--url", url + "/", "--connections", "2", "--count", "50",
                    "--warmup", "5"}, new PrintStream(out, true, StandardCharsets.UTF_8), quiet);

            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                    "POST " + url + "/api/feedback, 2 connections, batch 1, seed 42",
                    "decisions     50", "decisions/s", "requests/s", "latency ms    p50", "actions       ",
                    "failed        0");
        }
    }

    @Nested
    class Options {

        @Test
        void defaultToAHundredThousandFeedbackOverSixtyFourConnections() {
            LoadOptions options = LoadCommand.parse(new String[0]);

            assertThat(options.url()).isEqualTo("http://127.0.0.1:8080");
            assertThat(options.connections()).isEqualTo(64);
            assertThat(options.count()).isEqualTo(100_000);
            assertThat(options.timed()).isFalse();
            assertThat(options.batch()).isEqualTo(1);
            assertThat(options.warmup()).isEqualTo(10_000);
            assertThat(options.endpoint()).isEqualTo("http://127.0.0.1:8080/api/feedback");
        }

        @Test
        void refuseACountAndADurationTogetherAndOversizedBatches() {
            assertThatThrownBy(() -> LoadCommand.parse(new String[] {"--count", "5", "--duration", "5s"}))
                    .hasMessageContaining("not both");
            assertThatThrownBy(() -> LoadCommand.parse(new String[] {"--batch", "1001"}))
                    .hasMessageContaining("--batch");
            assertThatThrownBy(() -> LoadCommand.parse(new String[] {"--url", "127.0.0.1:8080"}))
                    .hasMessageContaining("--url");
        }

        @Test
        void readNumbersWithUnderscoresTheEqualsFormAndShortAndIsoDurations() {
            assertThat(LoadCommand.parse("--count", "200_000", "--url=http://h:1/").count()).isEqualTo(200_000);
            assertThat(LoadCommand.parse("--url=http://h:1/").url()).isEqualTo("http://h:1");
            assertThat(LoadCommand.parse("--duration", "30s").duration()).isEqualTo(Duration.ofSeconds(30));
            assertThat(LoadCommand.parse("--duration", "250ms").duration()).isEqualTo(Duration.ofMillis(250));
            assertThat(LoadCommand.parse("--duration", "2m").duration()).isEqualTo(Duration.ofMinutes(2));
            assertThat(LoadCommand.parse("--duration", "PT1H").duration()).isEqualTo(Duration.ofHours(1));
            assertThat(LoadCommand.parse("--duration", "1h").timed()).isTrue();
        }

        @Test
        void badOptionsExitWithTwoAndTheUsage() {
            var err = new ByteArrayOutputStream();

            int exit = LoadCommand.run(new String[] {"--conections", "8"}, quiet,
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option", "'--conections'",
                    "Possible solutions: --connections", "--connections=N");
        }

        @Test
        void badValuesMissingValuesAndImpossibleCombinationsExitWithTwoNamingTheOption() {
            assertThat(badCommandLine("--count", "many")).contains("--count", "'many' is not a whole number");
            assertThat(badCommandLine("--connections", "3000000000")).contains("--connections", "out of range");
            assertThat(badCommandLine("--duration", "soon")).contains("--duration", "30s");
            assertThat(badCommandLine("--start", "yesterday")).contains("--start", "2026-11-20T00:00:00Z");
            assertThat(badCommandLine("--count")).contains("--count");
            assertThat(badCommandLine("--batch", "0")).contains("--batch must be 1");
            assertThat(badCommandLine("--count", "5", "--duration", "5s")).contains("not both");
        }

        /** What the command says on standard error, after checking it exited with 2 and printed the usage. */
        private String badCommandLine(String... argv) {
            var err = new ByteArrayOutputStream();

            int exit = LoadCommand.run(argv, quiet, new PrintStream(err, true, StandardCharsets.UTF_8));

            String said = err.toString(StandardCharsets.UTF_8);
            assertThat(exit).isEqualTo(2);
            assertThat(said).contains("Usage:");
            return said;
        }

        @Test
        void helpPrintsTheOptionsWithTheirDefaultsAndExitsZero() {
            var out = new ByteArrayOutputStream();

            int exit = LoadCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), quiet);

            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage:", "--connections=N", "Default: 64",
                    "--duration=D", "Default: " + FeedbackGenerator.DEFAULT_START);
        }
    }
}
