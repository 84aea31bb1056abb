package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fi.lupaus.console.config.SandboxConfig;
import fi.lupaus.engine.sandbox.HostileRules;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Drafts that took the server down (issue #12) are tested and backtested against a real server
 * while a client keeps asking for its health and posting feedback: each draft is answered 422 with
 * the limit it hit named, and the server answers the others as fast as ever. Whether the rule
 * guard refuses a draft first or the sandbox stops it, the server stays up; both are accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SandboxApiTest {

    /** The words the answer names the limit with. */
    private static final String MEMORY = "more than 96 MB of memory";
    private static final String TIME = "of CPU time";
    private static final String WALL = "did not finish within";
    private static final String LOOP = "fired more than 10000 rules";
    private static final String FAILED = "the rules failed";
    private static final int SAMPLE = 500;
    /** A worker JVM starts, compiles and runs into its limit: long on a busy machine. */
    private static final Duration WAIT = Duration.ofSeconds(150);

    @TempDir
    static Path dataDir;

    private TestServer server;
    private String manager;
    private String auditor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void start() {
        server = TestServer.start(dataDir, SandboxConfig.defaults().withLimits(2, 96, Duration.ofSeconds(3))
                .withSample(SAMPLE), Clock.systemUTC());
        manager = server.newToken("cx-manager");
        auditor = server.newToken("auditor");
        for (int score = 0; score <= 10; score++) {
            assertThat(server.post("/api/feedback", feedback("fb-history-" + score, "C-h", "NPS", score)).statusCode())
                    .isEqualTo(201);
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** One of each kind of limit; the engine's SandboxTest runs every case of the issue against the sandbox itself. */
    static Stream<Arguments> hostileDrafts() {
        return Stream.of(
                Arguments.of("a recursive query", HostileRules.RECURSIVE_QUERY.drl(), List.of(MEMORY, TIME, WALL)),
                Arguments.of("a backtracking regex", HostileRules.REGEX.drl(), List.of(TIME, WALL)),
                Arguments.of("a huge format", HostileRules.FORMAT.drl(), List.of(MEMORY, TIME, WALL)),
                Arguments.of("the session's entry points", HostileRules.ENTRY_POINTS.drl(), List.of(FAILED)),
                Arguments.of("a rule loop", HostileRules.LOOP.drl(), List.of(LOOP)));
    }

    @ParameterizedTest(name = "{0} is answered 422 on test and backtest, and the server keeps answering")
    @MethodSource("hostileDrafts")
    void aHostileDraftIsAnsweredWithTheLimitItHitWhileTheServerKeepsAnswering(String what, String drl,
                                                                              List<String> limits) {
        JsonArray sources = new JsonArray().add(new JsonObject().put("name", "hostile/draft.drl").put("drl", drl));
        Watch watch = Watch.start(http, server.port());
        try {
            CompletableFuture<HttpResponse<Buffer>> backtest = CompletableFuture.supplyAsync(() -> server.send(
                    HttpMethod.POST, "/api/audit/backtest", auditor, "application/json",
                    new JsonObject().put("sources", sources).toBuffer(), WAIT));
            HttpResponse<Buffer> saved = server.send(HttpMethod.POST, "/api/rulesets", manager, "application/json",
                    new JsonObject().put("sources", sources).toBuffer(), WAIT);
            if (saved.statusCode() == 422) {
                // The rule guard refused it first, with its reasons.
                assertThat(saved.bodyAsJsonObject().getJsonArray("errors")).as(saved.bodyAsString()).isNotEmpty();
            } else {
                assertThat(saved.statusCode()).as(saved.bodyAsString()).isIn(200, 201);
                String version = saved.bodyAsJsonObject().getString("version");
                HttpResponse<Buffer> test = server.send(HttpMethod.POST, "/api/rulesets/" + version + "/test", manager,
                        "application/json", new JsonObject().put("feedback", feedback("fb-t", "C-t", "NPS", 3))
                                .toBuffer(), WAIT);
                assertThat(test.statusCode()).as(test.bodyAsString()).isEqualTo(422);
                assertThat(test.bodyAsString()).containsAnyOf(limits.toArray(String[]::new));
            }
            HttpResponse<Buffer> backtested = backtest.join();
            if (backtested.statusCode() == 400) {
                assertThat(backtested.bodyAsJsonObject().getJsonArray("errors")).as("refused by the guard: "
                        + backtested.bodyAsString()).isNotEmpty();
            } else {
                assertThat(backtested.statusCode()).as(backtested.bodyAsString()).isEqualTo(422);
                assertThat(backtested.bodyAsString()).containsAnyOf(limits.toArray(String[]::new));
            }
        } finally {
            watch.stop();
        }
        watch.assertAnsweredInTime();
        assertThat(server.get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aDraftThatFailsOnSomeOfTheSampleFeedbackIsNotDeployed() {
        String live = server.get("/api/health").bodyAsJsonObject().getString("ruleSetVersion");
        JsonArray sources = new JsonArray().add(new JsonObject().put("name", "hostile/social.drl")
                .put("drl", HostileDrafts.FAILS_ON_SOCIAL_CSAT));
        HttpResponse<Buffer> saved = server.send(HttpMethod.POST, "/api/rulesets", manager, "application/json",
                new JsonObject().put("sources", sources).toBuffer());
        assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(201);
        String version = saved.bodyAsJsonObject().getString("version");
        // Scenarios of the usual feedback pass: only the generated sample finds the failure.
        HttpResponse<Buffer> scenario = server.send(HttpMethod.POST, "/api/rulesets/" + version + "/scenarios", manager,
                "application/json", new JsonObject().put("name", "A detractor in the store")
                        .put("feedback", feedback("fb-s", "C-s", "NPS", 3)).put("expected", new JsonArray()).toBuffer());
        assertThat(scenario.statusCode()).as(scenario.bodyAsString()).isEqualTo(201);

        HttpResponse<Buffer> deploy = server.send(HttpMethod.POST, "/api/rulesets/" + version + "/deploy", manager,
                "application/json", new JsonObject().toBuffer(), WAIT);

        assertThat(deploy.statusCode()).as(deploy.bodyAsString()).isEqualTo(422);
        assertThat(deploy.bodyAsString()).contains("deciding " + SAMPLE + " sample feedback before the deploy")
                .contains(FAILED);
        assertThat(server.get("/api/health").bodyAsJsonObject().getString("ruleSetVersion")).isEqualTo(live);
    }

    /** Asks for the health and posts feedback, one after the other, until stopped; notes each answer's time. */
    private record Watch(AtomicBoolean running, CompletableFuture<Void> done, List<String> late, AtomicInteger rounds) {

        static Watch start(HttpClient http, int port) {
            AtomicBoolean running = new AtomicBoolean(true);
            List<String> late = new CopyOnWriteArrayList<>();
            AtomicInteger rounds = new AtomicInteger();
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    check(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                            .timeout(Duration.ofSeconds(1)).GET().build(), Duration.ofSeconds(1), late);
                    String id = "fb-watch-" + rounds.incrementAndGet() + "-" + System.nanoTime();
                    check(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/feedback"))
                            .timeout(Duration.ofSeconds(2)).header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(feedback(id, "C-w", "NPS", 10).encode())).build(),
                            Duration.ofSeconds(2), late);
                }
            });
            return new Watch(running, done, late, rounds);
        }

        private static void check(HttpClient http, HttpRequest request, Duration bound, List<String> late) {
            long started = System.nanoTime();
            try {
                int status = http.send(request, BodyHandlers.discarding()).statusCode();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (status >= 300 || took.compareTo(bound) > 0) {
                    late.add(request.uri().getPath() + " answered " + status + " in " + took.toMillis() + " ms");
                }
            } catch (Exception e) {
                late.add(request.uri().getPath() + " did not answer within " + bound.toMillis() + " ms: " + e);
            }
        }

        void stop() {
            running.set(false);
            done.join();
        }

        void assertAnsweredInTime() {
            assertThat(rounds.get()).as("rounds of health and feedback").isPositive();
            assertThat(late).as("answers later than 1 s (health) or 2 s (feedback)").isEmpty();
        }
    }
}
