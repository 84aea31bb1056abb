package fi.lupaus.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.LupausVerticle;
import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.console.config.LupausConfig;
import fi.lupaus.console.config.SandboxConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/**
 * The load command against the real Lupaus server, started here on a free port with its own
 * store: what the command reports must be what the server decided and stored.
 */
class LoadAgainstTheServerTest {

    private static final String TOKEN = "load-test-admin-token-0123456789";

    @TempDir
    Path dataDir;

    private Vertx server;
    private Vertx client;
    private String url;

    @BeforeEach
    void startTheServer() throws Exception {
        server = Vertx.vertx();
        LupausConfig config = new LupausConfig("127.0.0.1", 0, dataDir, 64 * 1024, 100, 4096, 20_000, TOKEN)
                .withSweepInterval(Duration.ZERO);
        LupausVerticle verticle = new LupausVerticle(config,
                ExtensionsConfig.defaults().withPluginsDir(dataDir.resolve("no-plugins")), SandboxConfig.defaults(),
                Clock.systemUTC());
        server.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        url = "http://127.0.0.1:" + verticle.actualPort();
        client = Vertx.vertx();
    }

    @AfterEach
    void stopTheServer() {
        client.close().await();
        server.close().await();
    }

    private LoadResult load(String... args) {
        return LoadCommand.run(client, LoadCommand.parse(args), new PrintWriter(Writer.nullWriter()));
    }

    @Test
    void everyMeasuredFeedbackIsDecidedAndStoredAndItsActionsAreTheStoredOnes() throws Exception {
        LoadResult result = load("--url", url, "--token", TOKEN, "--connections", "8", "--count", "300",
                "--warmup", "50", "--seed", "7");

        assertThat(result.failures()).as(result.firstError()).isZero();
        assertThat(result.requests()).isEqualTo(300);
        assertThat(result.decisions()).isEqualTo(300);
        assertThat(result.answers()).containsExactly(Map.entry(201, 300L));
        assertThat(result.warmup()).isEqualTo(new LoadResult.Warmup(50, 50, 0));
        Map<String, JsonObject> stored = storedDecisionsByFeedbackId();
        assertThat(stored).hasSize(350);
        assertThat(result.actions()).isNotEmpty().isEqualTo(actionsOf(stored, 7, 51, 350));
    }

    @Test
    void batchesAreDecidedWholeByTheBatchEndpoint() throws Exception {
        LoadResult result = load("--url", url, "--token", TOKEN, "--connections", "4", "--count", "205",
                "--batch", "20", "--warmup", "0", "--seed", "8");

        assertThat(result.failures()).as(result.firstError()).isZero();
        assertThat(result.requests()).isEqualTo(11);
        assertThat(result.decisions()).isEqualTo(205);
        assertThat(result.answers()).containsExactly(Map.entry(201, 11L));
        Map<String, JsonObject> stored = storedDecisionsByFeedbackId();
        assertThat(stored).hasSize(205);
        assertThat(result.actions()).isEqualTo(actionsOf(stored, 8, 1, 205));
    }

    @Test
    void aRunWithoutTheTokenFailsEveryRequestWith401AndStoresNothing() throws Exception {
        LoadResult result = load("--url", url, "--connections", "2", "--count", "20", "--warmup", "0");

        assertThat(result.failures()).isEqualTo(20);
        assertThat(result.decisions()).isZero();
        assertThat(result.answers()).containsExactly(Map.entry(401, 20L));
        assertThat(storedDecisionsByFeedbackId()).isEmpty();
    }

    /** The decisions the server holds, read from its JSON Lines export. */
    private Map<String, JsonObject> storedDecisionsByFeedbackId() throws Exception {
        WebClient web = WebClient.create(client);
        try {
            var answer = web.getAbs(url + "/api/audit/export?format=jsonl")
                    .putHeader("Authorization", "Bearer " + TOKEN).send()
                    .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
            assertThat(answer.statusCode()).isEqualTo(200);
            Map<String, JsonObject> byFeedback = new HashMap<>();
            String body = answer.body() == null ? "" : answer.bodyAsString();
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    JsonObject record = new JsonObject(line);
                    assertThat(byFeedback.put(record.getString("feedbackId"), record)).isNull();
                }
            }
            return byFeedback;
        } finally {
            web.close();
        }
    }

    /** Actions by type of the stored decisions of feedback {@code fb-<seed>-<from>} to {@code fb-<seed>-<to>}. */
    private static Map<String, Long> actionsOf(Map<String, JsonObject> stored, long seed, int from, int to) {
        Map<String, Long> actions = new TreeMap<>();
        for (int n = from; n <= to; n++) {
            JsonObject record = stored.get("fb-" + seed + "-" + n);
            assertThat(record).as("fb-" + seed + "-" + n + " is stored").isNotNull();
            record.getJsonArray("actions").stream().map(JsonObject.class::cast)
                    .forEach(action -> actions.merge(action.getString("type"), 1L, Long::sum));
        }
        return actions;
    }
}
