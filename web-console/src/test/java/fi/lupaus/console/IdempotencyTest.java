package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * A feedback id is the sender's idempotency key: the same feedback posted again answers its
 * original decision; other feedback under a taken id is a conflict that stores nothing and tells
 * nothing of what the id holds; and ids the server makes itself are no sender's to take.
 */
@Timeout(120)
@Tag("store")
class IdempotencyTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");

    @TempDir
    Path dataDir;

    private final SimulatedClock clock = new SimulatedClock(NOW);
    private TestServer server;
    private String ingest;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, clock);
        ingest = server.newToken("ingest");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonObject goldDetractor() {
        return feedback("fb-123", "C-1001", "NPS", 3).put("loyaltyTier", "gold").put("comment", "Jono oli pitkä");
    }

    private JsonArray itemsOf(String customerId) {
        return server.get("/api/decisions?customerId=" + customerId).bodyAsJsonObject().getJsonArray("items");
    }

    @Nested
    class TheSameFeedbackAgain {

        @Test
        void isAnsweredTheOriginalDecisionWith200AndStoresNothing() {
            JsonObject first = server.post("/api/feedback", goldDetractor(), ingest).bodyAsJsonObject();
            // The same feedback written another way: an offset time, enum names in capitals, defaults spelt out.
            JsonObject sameWrittenOtherwise = goldDetractor().put("receivedAt", "2026-11-20T12:15:00+02:00")
                    .put("touchpoint", "STORE").put("loyaltyTier", "Gold").put("complaint", false)
                    .put("orderId", null);

            HttpResponse<Buffer> again = server.post("/api/feedback", sameWrittenOtherwise, ingest);

            assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
            assertThat(again.bodyAsJsonObject()).isEqualTo(first);
            assertThat(itemsOf("C-1001")).hasSize(1);
        }

        @Test
        void leftToTheServerItsReceivedAtMatchesWhatWasRecorded() {
            JsonObject noTime = goldDetractor();
            noTime.remove("receivedAt");
            JsonObject first = server.post("/api/feedback", noTime).bodyAsJsonObject();
            clock.advance(Duration.ofMinutes(5));

            HttpResponse<Buffer> again = server.post("/api/feedback", noTime);
            HttpResponse<Buffer> otherTime = server.post("/api/feedback",
                    noTime.copy().put("receivedAt", "2026-11-20T10:00:00Z"));

            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.bodyAsJsonObject()).isEqualTo(first);
            assertThat(otherTime.statusCode()).as("a receivedAt given is compared").isEqualTo(409);
        }

        @Test
        void inABatchWithNewFeedbackIsAnsweredInItsPlace() {
            JsonObject first = server.post("/api/feedback", goldDetractor()).bodyAsJsonObject();

            HttpResponse<Buffer> batch = server.post("/api/feedback/batch", new JsonArray()
                    .add(feedback("fb-new", "C-1001", "NPS", 10)).add(goldDetractor()), ingest);

            assertThat(batch.statusCode()).isEqualTo(201);
            assertThat(batch.bodyAsJsonArray().getJsonObject(1)).isEqualTo(first);
            assertThat(itemsOf("C-1001")).hasSize(2);
        }
    }

    @Nested
    class OtherFeedbackUnderATakenId {

        @Test
        void is409NamingTheIdStoresNothingAndRevealsNothingOfTheOriginal() {
            JsonObject original = server.post("/api/feedback", goldDetractor(), ingest).bodyAsJsonObject();

            HttpResponse<Buffer> attack = server.post("/api/feedback",
                    goldDetractor().put("customerId", "ATTACKER").put("score", 10), ingest);

            assertThat(attack.statusCode()).isEqualTo(409);
            JsonArray errors = attack.bodyAsJsonObject().getJsonArray("errors");
            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(((JsonObject) error).getString("field")).isEqualTo("id");
                assertThat(((JsonObject) error).getString("reason"))
                        .startsWith("'fb-123' is the id of other feedback already; nothing of this feedback was stored");
            });
            assertThat(attack.bodyAsString()).doesNotContain("C-1001", original.getString("decisionId"), "OPEN_CASE",
                    "team-lead", "Escalate", "customerId", "score");
            assertThat(attack.getHeader("Location")).isNull();
            assertThat(itemsOf("ATTACKER")).isEmpty();
            assertThat(itemsOf("C-1001")).singleElement()
                    .satisfies(item -> assertThat(((JsonObject) item).getString("decisionId"))
                            .isEqualTo(original.getString("decisionId")));
        }

        @Test
        void inABatchIs409NamingTheItemAndNothingOfTheBatchIsStored() {
            server.post("/api/feedback", goldDetractor());

            HttpResponse<Buffer> batch = server.post("/api/feedback/batch", new JsonArray()
                    .add(feedback("fb-b0", "C-batch", "NPS", 9))
                    .add(goldDetractor().put("customerId", "C-batch"))
                    .add(feedback("fb-b2", "C-batch", "CSAT", 1)), ingest);

            assertThat(batch.statusCode()).isEqualTo(409);
            assertThat(batch.bodyAsJsonObject().getJsonArray("errors")).singleElement()
                    .satisfies(error -> assertThat(((JsonObject) error).getString("field")).isEqualTo("[1].id"));
            assertThat(itemsOf("C-batch")).isEmpty();
        }

        @Test
        void twiceInOneBatchIs409NamingTheLaterItem() {
            HttpResponse<Buffer> batch = server.post("/api/feedback/batch", new JsonArray()
                    .add(feedback("fb-twice", "C-twice", "NPS", 9))
                    .add(feedback("fb-twice", "C-twice", "NPS", 2)));

            assertThat(batch.statusCode()).isEqualTo(409);
            assertThat(batch.bodyAsJsonObject().getJsonArray("errors")).singleElement()
                    .satisfies(error -> assertThat(((JsonObject) error).getString("field")).isEqualTo("[1].id"));
            assertThat(itemsOf("C-twice")).isEmpty();
        }
    }

    @Nested
    class IdsOfTheServersOwnMaking {

        @ParameterizedTest
        @ValueSource(strings = {"erased:0193a4b2-7c1d-7e00-8000-000000000001", "ERASED:x", "case-due:CASE-1:reminder",
            "csv-0123456789abcdef-2", "fb-3f2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f"})
        void areRefusedWith400NamingTheId(String id) {
            HttpResponse<Buffer> single = server.post("/api/feedback", feedback(id, "C-own", "NPS", 9), ingest);
            HttpResponse<Buffer> batch = server.post("/api/feedback/batch",
                    new JsonArray().add(feedback("fb-fine", "C-own", "NPS", 9)).add(feedback(id, "C-own", "NPS", 9)),
                    ingest);

            assertThat(single.statusCode()).isEqualTo(400);
            assertThat(single.bodyAsJsonObject().getJsonArray("errors")).singleElement()
                    .satisfies(error -> assertThat(((JsonObject) error).getString("field")).isEqualTo("id"));
            assertThat(batch.statusCode()).isEqualTo(400);
            assertThat(batch.bodyAsJsonObject().getJsonArray("errors")).singleElement()
                    .satisfies(error -> assertThat(((JsonObject) error).getString("field")).isEqualTo("[1].id"));
            assertThat(itemsOf("C-own")).isEmpty();
        }

        @Test
        void soAnErasedRecordsIdCannotBeTakenAndErasureStillWorks() {
            String decisionId = server.post("/api/feedback", goldDetractor()).bodyAsJsonObject().getString("decisionId");

            HttpResponse<Buffer> squat = server.post("/api/feedback",
                    feedback("erased:" + decisionId, "C-squat", "NPS", 9), ingest);
            HttpResponse<Buffer> erased = server.send(HttpMethod.DELETE, "/api/customers/C-1001", TestServer.ADMIN_TOKEN,
                    null, null);

            assertThat(squat.statusCode()).isEqualTo(400);
            assertThat(erased.statusCode()).as(erased.bodyAsString()).isEqualTo(200);
            assertThat(erased.bodyAsJsonObject().getInteger("erasedRecords")).isEqualTo(1);
        }

        @Test
        void idsThatMerelyLookAlikeAreTheSendersOwn() {
            for (String id : new String[] {"fb-123", "csv-export-7", "erased", "case-due"}) {
                assertThat(server.post("/api/feedback", feedback(id, "C-alike", "NPS", 9), ingest).statusCode())
                        .as(id).isEqualTo(201);
            }
        }
    }
}
