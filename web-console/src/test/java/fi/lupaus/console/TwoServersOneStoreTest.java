package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.LupausConfig;
import fi.lupaus.engine.jdbc.TestDatabases;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Two servers on one PostgreSQL database (issue #15, the part that rests on the store): the same
 * feedback posted to both at once is decided once, and what both write is one chain that verifies.
 */
@Tag("store")
class TwoServersOneStoreTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void theSameFeedbackPostedToBothAtOnceIsDecidedOnceAndBothWriteOneChain() throws Exception {
        assumeTrue(TestDatabases.onPostgres(), "two servers share a store only on PostgreSQL");
        LupausConfig shared = TestServer.config(second).withDatabase(TestDatabases.settings(first));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try (TestServer a = TestServer.start(first, Clock.systemUTC());
             TestServer b = TestServer.start(shared, Clock.systemUTC())) {
            List<CompletableFuture<HttpResponse<Buffer>>[]> pairs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                JsonObject feedback = TestServer.feedback("twice-" + i, "C-" + (i % 7), "NPS", i % 11);
                @SuppressWarnings("unchecked")
                CompletableFuture<HttpResponse<Buffer>>[] pair = new CompletableFuture[] {
                        CompletableFuture.supplyAsync(() -> a.post("/api/feedback", feedback), senders),
                        CompletableFuture.supplyAsync(() -> b.post("/api/feedback", feedback), senders)};
                pairs.add(pair);
            }
            for (int i = 0; i < 60; i++) {
                TestServer to = i % 2 == 0 ? a : b;
                JsonObject feedback = TestServer.feedback("once-" + i, "C-" + (i % 5), "CSAT", 1 + i % 5);
                pairs.add(new CompletableFuture[] {CompletableFuture.supplyAsync(() -> to.post("/api/feedback", feedback),
                        senders)});
            }

            Set<String> decisions = new HashSet<>();
            int created = 0;
            for (CompletableFuture<HttpResponse<Buffer>>[] pair : pairs) {
                Set<String> ids = new HashSet<>();
                for (CompletableFuture<HttpResponse<Buffer>> answer : pair) {
                    HttpResponse<Buffer> response = answer.join();
                    assertThat(response.statusCode()).as(response.bodyAsString()).isIn(200, 201);
                    created += response.statusCode() == 201 ? 1 : 0;
                    ids.add(response.bodyAsJsonObject().getString("decisionId"));
                }
                assertThat(ids).as("both answers carry the one decision").hasSize(1);
                decisions.addAll(ids);
            }
            assertThat(decisions).hasSize(100);
            assertThat(created).as("each feedback created once").isEqualTo(100);
            for (TestServer server : List.of(a, b)) {
                String[] lines = server.send(HttpMethod.POST, "/api/audit/verify", TestServer.ADMIN_TOKEN, null, null)
                        .bodyAsString().split("\n");
                JsonObject report = new JsonObject(lines[lines.length - 1]);
                assertThat(report.getInteger("checked")).isEqualTo(100);
                assertThat(report.getBoolean("clean")).as(report.encode()).isTrue();
            }
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void aDeployThroughOneServerIsLiveOnTheOtherAndARollbackWithinASecond() throws InterruptedException {
        assumeTrue(TestDatabases.onPostgres(), "two servers share a store only on PostgreSQL");
        LupausConfig shared = TestServer.config(second).withDatabase(TestDatabases.settings(first));
        try (TestServer a = TestServer.start(first, Clock.systemUTC());
             TestServer b = TestServer.start(shared, Clock.systemUTC())) {
            String first = live(b);
            JsonArray sources = a.get("/api/rulesets/live").bodyAsJsonObject().getJsonArray("sources");
            JsonObject changed = sources.getJsonObject(0).copy();
            changed.put("drl", changed.getString("drl") + "\n// the same rules under a new version\n");
            JsonArray draft = sources.copy();
            draft.set(0, changed);
            String version = a.post("/api/rulesets", new JsonObject().put("sources", draft).put("comment", "new version"))
                    .bodyAsJsonObject().getString("version");
            var deployed = a.send(HttpMethod.POST, "/api/rulesets/" + version + "/deploy", TestServer.ADMIN_TOKEN,
                    "application/json", new JsonObject().put("comment", "through a").toBuffer());
            assertThat(deployed.statusCode()).as(deployed.bodyAsString()).isEqualTo(200);

            long deployAnswered = System.nanoTime();
            long deadline = deployAnswered + Duration.ofSeconds(30).toNanos();
            while (!version.equals(live(b)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(live(b)).as("live on the other server").isEqualTo(version);
            System.out.printf("a new version live on the other server %d ms after the deploy's answer (compiled there "
                    + "first)%n", (System.nanoTime() - deployAnswered) / 1_000_000);
            assertThat(b.post("/api/feedback", TestServer.feedback("after-deploy", "C-1", "NPS", 10))
                    .bodyAsJsonObject().getString("ruleSetVersion")).isEqualTo(version);

            // A version the other server has compiled already (its first) is live there within a second.
            var rolledBack = a.send(HttpMethod.POST, "/api/rulesets/" + first + "/rollback", TestServer.ADMIN_TOKEN,
                    "application/json", new JsonObject().put("comment", "back through a").toBuffer());
            assertThat(rolledBack.statusCode()).as(rolledBack.bodyAsString()).isEqualTo(200);
            long answered = System.nanoTime();
            Eventually.within(Duration.ofSeconds(1), "the rollback live on the other server", () -> first.equals(live(b)));
            System.out.printf("rollback live on the other server %d ms after its answer%n",
                    (System.nanoTime() - answered) / 1_000_000);
        }
    }

    private static String live(TestServer server) {
        return server.get("/api/rulesets").bodyAsJsonObject().getString("live");
    }
}
