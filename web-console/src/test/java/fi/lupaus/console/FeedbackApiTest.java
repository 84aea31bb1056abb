package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

@Tag("store")
class FeedbackApiTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, CLOCK);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDecisionIsAnsweredReadBackAndSurvivesARestart() {
        JsonObject goldDetractor = feedback("fb-1", "C-1001", "NPS", 3).put("loyaltyTier", "gold")
                .put("comment", "Jono oli pitkä");

        HttpResponse<Buffer> posted = server.post("/api/feedback", goldDetractor);

        assertThat(posted.statusCode()).isEqualTo(201);
        JsonObject decision = posted.bodyAsJsonObject();
        assertThat(decision.getString("feedbackId")).isEqualTo("fb-1");
        assertThat(decision.getString("decidedAt")).isEqualTo(NOW.toString());
        assertThat(decision.getString("ruleSetVersion")).hasSize(64);
        assertThat(decision.getJsonArray("firedRules")).contains("Escalate a gold-tier detractor to the team lead");
        assertThat(decision.getJsonArray("actions")).contains(new JsonObject()
                .put("type", "OPEN_CASE").put("promise", "detractor-contact-48h").put("owner", "team-lead")
                .put("priority", "high").put("dueAt", "2026-11-22T10:15:00Z"));
        String location = posted.getHeader("Location");
        assertThat(location).isEqualTo("/api/decisions/" + decision.getString("decisionId"));

        JsonObject readBack = server.get(location).bodyAsJsonObject();
        assertThat(readBack.copy().put("feedback", null).fieldNames()).containsAll(decision.fieldNames());
        assertThat(readBack.getJsonObject("feedback").getString("comment")).isEqualTo("Jono oli pitkä");

        server.close();
        server = TestServer.start(dataDir, CLOCK);

        HttpResponse<Buffer> afterRestart = server.get(location);
        assertThat(afterRestart.statusCode()).isEqualTo(200);
        assertThat(afterRestart.bodyAsJsonObject()).isEqualTo(readBack);
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        JsonObject minimal = new JsonObject().put("customerId", "C-1").put("touchpoint", "web")
                .put("phase", "pre").put("survey", "CSAT").put("score", 3);

        JsonObject decision = server.post("/api/feedback", minimal).bodyAsJsonObject();
        JsonObject stored = server.get("/api/decisions/" + decision.getString("decisionId")).bodyAsJsonObject()
                .getJsonObject("feedback");

        assertThat(stored.getString("id")).startsWith("fb-");
        assertThat(stored.getString("receivedAt")).isEqualTo(NOW.toString());
        assertThat(stored.getBoolean("complaint")).isFalse();
        assertThat(stored.getString("loyaltyTier")).isEqualTo("none");
        assertThat(decision.getJsonArray("actions")).isEmpty();
    }

    @Test
    void postingTheSameFeedbackAgainAnswersTheOriginalDecisionWith200() {
        JsonObject promoter = feedback("fb-again", "C-1", "NPS", 10);
        JsonObject first = server.post("/api/feedback", promoter).bodyAsJsonObject();

        HttpResponse<Buffer> again = server.post("/api/feedback", promoter.copy());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.bodyAsJsonObject()).isEqualTo(first);
        assertThat(server.get("/api/decisions?customerId=C-1").bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    }

    @Nested
    class BadInput {

        @Test
        void everyProblemIsNamedByFieldAndReason() {
            JsonObject bad = new JsonObject().put("touchpoint", "shop").put("phase", "core")
                    .put("survey", "NPS").put("score", 11).put("colour", "blue");

            HttpResponse<Buffer> answer = server.post("/api/feedback", bad);

            assertThat(answer.statusCode()).isEqualTo(400);
            JsonArray errors = answer.bodyAsJsonObject().getJsonArray("errors");
            assertThat(errors.stream().map(e -> ((JsonObject) e).getString("field")))
                    .containsExactlyInAnyOrder("colour", "customerId", "touchpoint", "score");
            assertThat(errors.stream().map(e -> ((JsonObject) e).getString("reason"))).contains(
                    "is required", "'shop' is not one of store, web, app, phone, chat, email, social",
                    "11 is outside from 0 to 10 for NPS");
        }

        @Test
        void aCsatScoreIsCheckedAgainstItsOwnRange() {
            HttpResponse<Buffer> answer = server.post("/api/feedback", feedback("fb-c", "C-1", "CSAT", 0));

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.bodyAsJsonObject().getJsonArray("errors")).containsExactly(
                    new JsonObject().put("field", "score").put("reason", "0 is outside from 1 to 5 for CSAT"));
        }

        @Test
        void malformedJsonIsRefusedWithWhereItBroke() {
            HttpResponse<Buffer> answer = server.post("/api/feedback", "{\"customerId\": ");

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("reason"))
                    .startsWith("is not valid JSON at line 1");
        }

        @Test
        void aBodyOverTheLimitIs413() {
            JsonObject huge = feedback("fb-h", "C-1", "NPS", 5).put("comment", "x".repeat(70 * 1024));

            HttpResponse<Buffer> answer = server.post("/api/feedback", huge);

            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                    .isEqualTo("body");
        }

        @Test
        void anythingButJsonIs415() {
            HttpResponse<Buffer> answer = server.postRaw("/api/feedback", "text/plain", Buffer.buffer("score=3"));

            assertThat(answer.statusCode()).isEqualTo(415);
        }

        @Test
        void aBatchWithOneBadItemIsRefusedWholeAndNothingIsStored() {
            JsonArray batch = new JsonArray()
                    .add(feedback("fb-b0", "C-batch", "NPS", 9))
                    .add(feedback("fb-b1", "C-batch", "NPS", 42))
                    .add(feedback("fb-b2", "C-batch", "CSAT", 1));

            HttpResponse<Buffer> answer = server.post("/api/feedback/batch", batch);

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.bodyAsJsonObject().getJsonArray("errors")).containsExactly(
                    new JsonObject().put("field", "[1].score").put("reason", "42 is outside from 0 to 10 for NPS"));
            assertThat(server.get("/api/decisions?customerId=C-batch").bodyAsJsonObject().getJsonArray("items"))
                    .isEmpty();
        }

        @Test
        void aBatchOverItsLimitIsRefused() {
            JsonArray batch = new JsonArray();
            for (int i = 0; i < 11; i++) {
                batch.add(feedback("fb-" + i, "C-1", "NPS", 9));
            }

            HttpResponse<Buffer> answer = server.post("/api/feedback/batch", batch);

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.bodyAsString()).contains("must hold from 1 to 10 feedback, not 11");
        }
    }

    @Test
    void aBatchIsDecidedInOrderAndListedByCustomerPageByPage() {
        JsonArray batch = new JsonArray();
        for (int i = 0; i < 5; i++) {
            batch.add(feedback("fb-p" + i, "C-pages", "NPS", 10));
        }

        HttpResponse<Buffer> answer = server.post("/api/feedback/batch", batch);

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.bodyAsJsonArray().stream().map(d -> ((JsonObject) d).getString("feedbackId")))
                .containsExactly("fb-p0", "fb-p1", "fb-p2", "fb-p3", "fb-p4");

        JsonObject first = server.get("/api/decisions?customerId=C-pages&limit=3").bodyAsJsonObject();
        JsonObject second = server.get("/api/decisions?customerId=C-pages&limit=3&after=" + first.getString("next"))
                .bodyAsJsonObject();
        assertThat(first.getJsonArray("items")).hasSize(3);
        assertThat(second.getJsonArray("items")).hasSize(2);
        assertThat(second.containsKey("next")).isFalse();
        assertThat(server.get("/api/decisions?customerId=C-pages&from=2026-11-21T00:00:00Z").bodyAsJsonObject()
                .getJsonArray("items")).isEmpty();
    }

    @Test
    void badQueryParametersAreNamed() {
        HttpResponse<Buffer> answer = server.get("/api/decisions?from=yesterday&limit=0");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field"))).containsExactly("from", "limit");
    }

    @Test
    void anUnknownDecisionIs404InJson() {
        HttpResponse<Buffer> answer = server.get("/api/decisions/nope");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("reason"))
                .isEqualTo("there is no decision nope");
    }

    @Test
    void healthSaysUpAndNamesTheRuleSet() {
        JsonObject health = server.get("/api/health").bodyAsJsonObject();

        assertThat(health.getString("status")).isEqualTo("up");
        assertThat(health.getString("ruleSetVersion")).hasSize(64);
    }

    @Test
    void theConsoleIsServedAtTheRoot() {
        HttpResponse<Buffer> page = server.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("<title>Lupaus</title>");
    }
}
