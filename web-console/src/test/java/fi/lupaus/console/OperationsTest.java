package fi.lupaus.console;

import static fi.lupaus.console.TestServer.await;
import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.console.config.OpsConfig;
import fi.lupaus.console.config.SandboxConfig;
import fi.lupaus.console.ops.Meters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * Issue #17, operations: the server started as Main starts it, with its Prometheus endpoint on a
 * port of its own, shows the series an operator needs once feedback has been decided; readiness
 * answers for a load balancer.
 */
@Tag("store")
class OperationsTest {

    @TempDir
    Path dataDir;

    private Meters meters;
    private Vertx vertx;
    private LupausVerticle verticle;
    private WebClient client;

    @BeforeEach
    void start() {
        meters = new Meters();
        vertx = meters.newVertx();
        verticle = new LupausVerticle(TestServer.config(dataDir),
                ExtensionsConfig.defaults().withPluginsDir(dataDir.resolve("no-plugins")), SandboxConfig.defaults(),
                OpsConfig.defaults().withMetricsPort(0), meters, Clock.systemUTC());
        await(vertx.deployVerticle(verticle));
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        client.close();
        await(vertx.close());
        meters.close();
    }

    private HttpResponse<Buffer> get(int port, String path) {
        return await(client.get(port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .send());
    }

    private String scrape() {
        HttpResponse<Buffer> answer = await(client.get(verticle.metricsPort(), "127.0.0.1", "/metrics").send());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.getHeader("Content-Type")).startsWith("text/plain");
        return answer.bodyAsString();
    }

    @Test
    void prometheusScrapesDecisionsLatencyTheStoreTheOutboxDeliveriesRefusalsJvmAndVertx() throws Exception {
        // Given three feedback decided (one posted twice) and a request refused for its missing token.
        for (int i = 1; i <= 3; i++) {
            JsonObject one = feedback("fb-ops-" + i, "C-" + i, "NPS", i == 1 ? 3 : 10);
            assertThat(await(client.post(verticle.actualPort(), "127.0.0.1", "/api/feedback")
                    .putHeader("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).sendJsonObject(one)).statusCode())
                    .isIn(201);
        }
        assertThat(await(client.post(verticle.actualPort(), "127.0.0.1", "/api/feedback")
                .putHeader("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .sendJsonObject(feedback("fb-ops-1", "C-1", "NPS", 3))).statusCode()).isEqualTo(200);
        assertThat(await(client.post(verticle.actualPort(), "127.0.0.1", "/api/feedback")
                .sendJsonObject(feedback("fb-ops-9", "C-9", "NPS", 3))).statusCode()).isEqualTo(401);
        // A collection, so that the GC's series exist however quiet this JVM was; they appear when
        // the JVM's notice of it has been handled, a moment later. So do the log handler's deliveries.
        System.gc();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String metrics = scrape();
        while ((!metrics.contains("lupaus_delivery_latency_seconds_count{handler=\"log\",outcome=\"delivered\"")
                || !metrics.contains("jvm_gc_pause_seconds")) && System.nanoTime() < until) {
            Thread.sleep(200);
            metrics = scrape();
        }
        String live = get(verticle.actualPort(), "/api/health").bodyAsJsonObject().getString("ruleSetVersion");

        assertThat(metrics)
                .contains("lupaus_decisions_total{outcome=\"created\",ruleset=\"" + live.substring(0, 12) + "\"} 3.0")
                .contains("lupaus_decisions_total{outcome=\"existing\",ruleset=\"" + live.substring(0, 12) + "\"} 1.0")
                .contains("lupaus_decisions_total{outcome=\"refused\",ruleset=\"none\"} 0.0")
                .contains("lupaus_decision_latency_seconds_count{stage=\"deciding\"} 4")
                .contains("lupaus_decision_latency_seconds_count{stage=\"storing\"} 4")
                .contains("lupaus_decision_latency_seconds_count{stage=\"total\"} 4")
                .containsPattern("lupaus_decision_latency_seconds_bucket\\{stage=\"total\",le=\"[0-9.]+\"} [0-9]+")
                .contains("lupaus_store_connections{state=\"active\"}")
                .contains("lupaus_store_connections{state=\"pending\"}")
                .contains("lupaus_outbox_deliveries{state=\"pending\"}")
                .contains("lupaus_outbox_deliveries{state=\"dead\"}")
                .contains("lupaus_delivery_latency_seconds_count{handler=\"log\",outcome=\"delivered\"}")
                .contains("lupaus_group_commit_decisions_sum 4.0")
                .containsPattern("(?m)^lupaus_group_commit_decisions_count [1-4]$")
                .containsPattern("(?m)^lupaus_group_commit_seconds_count [1-4]$")
                .containsPattern("lupaus_group_commit_seconds_bucket\\{le=\"[0-9.]+\"} [0-9]+")
                .contains("lupaus_sweep_duration_seconds_count")
                .contains("lupaus_sweep_lag_seconds_count")
                .containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"401\"[^}]*} 1.0")
                .containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"201\"[^}]*route=\"/api/feedback\"[^}]*} 3.0")
                .containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"401\"[^}]*route=\"/api/feedback\"[^}]*} 1.0")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_pause_seconds")
                .contains("vertx_pool_");
        // Nothing of a caller or a customer labels a series.
        assertThat(metrics).doesNotContain("C-1").doesNotContain(TestServer.ADMIN_TOKEN);
        // Every series the example dashboard charts is one the server has.
        String scraped = metrics;
        assertThat(dashboardSeries()).isNotEmpty().allSatisfy(series -> assertThat(scraped).as(series)
                .containsPattern("(?m)^" + series + "[{ ]"));
    }

    /** The series the example Grafana dashboard queries. */
    private static Set<String> dashboardSeries() throws IOException {
        JsonObject dashboard = new JsonObject(Files.readString(Path.of("..", "examples", "grafana", "lupaus-dashboard.json")));
        Set<String> series = new TreeSet<>();
        for (Object panel : dashboard.getJsonArray("panels")) {
            for (Object target : ((JsonObject) panel).getJsonArray("targets")) {
                Matcher names = Pattern.compile("\\b((?:lupaus|vertx|jvm)_[a-z_]+)").matcher(((JsonObject) target).getString("expr"));
                while (names.find()) {
                    series.add(names.group(1));
                }
            }
        }
        return series;
    }

    @Test
    void metricsAreOnTheirOwnPortAndNotOnTheApis() {
        assertThat(verticle.metricsPort()).isNotEqualTo(verticle.actualPort()).isPositive();
        assertThat(get(verticle.actualPort(), "/metrics").statusCode()).isEqualTo(404);
    }

    @Test
    void readinessSaysTheStoreAnswersAndWhichRuleSetIsLiveWithoutACaller() {
        HttpResponse<Buffer> ready = await(client.get(verticle.actualPort(), "127.0.0.1", "/api/ready").send());

        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject body = ready.bodyAsJsonObject();
        assertThat(body.getBoolean("ready")).isTrue();
        assertThat(body.getBoolean("store")).isTrue();
        assertThat(body.getString("ruleSet")).hasSize(64);
        assertThat(body.getJsonArray("problems", new JsonArray())).isEmpty();
    }
}
