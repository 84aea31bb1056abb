package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * One open case per customer and promise, even for answers that arrive at the same moment in
 * separate requests and so do not see each other's case (README, "Cases").
 */
@Tag("store")
class ConcurrentCasesTest {

    private static final int ANSWERS = 16;

    @TempDir
    Path dataDir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void detractorAnswersPostedSideBySideOpenOneCaseThatHoldsThemAll() {
        // Rounds until one really races: in a round, answers decided one after another see the case.
        for (int round = 0; round < 10; round++) {
            String customer = "C-same-" + round;
            List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
            for (int i = 0; i < ANSWERS; i++) {
                // All sent before any is answered: each its own request, on its own connection of the pool.
                posts.add(server.client().post("/api/feedback")
                        .putHeader("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                        .sendJsonObject(feedback("fb-" + round + "-" + i, customer, "NPS", 2)));
            }
            List<HttpResponse<Buffer>> answers = posts.stream().map(TestServer::await).toList();
            assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
            // Some answers decided side by side, each without the others' case, so each opened one.
            if (answers.stream().filter(answer -> answer.bodyAsString().contains("\"OPEN_CASE\"")).count() > 1) {
                assertOneCaseHolds(customer, answers);
                return;
            }
        }
        fail("in 10 rounds of " + ANSWERS + " answers posted side by side none was decided beside another: "
                + "the race this test is about never happened");
    }

    private void assertOneCaseHolds(String customer, List<HttpResponse<Buffer>> answers) {
        List<JsonObject> open = server.get("/api/cases?limit=1000").bodyAsJsonObject().getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(c -> c.getString("customerId").equals(customer)).toList();
        assertThat(open).extracting(c -> c.getString("promise")).containsExactly("detractor-contact-48h");
        JsonObject theCase = server.get("/api/cases/" + open.get(0).getString("caseId")).bodyAsJsonObject();
        assertThat(theCase.getString("state")).isEqualTo("open");
        List<String> decisions = theCase.getJsonArray("history").stream().map(JsonObject.class::cast)
                .map(step -> step.getString("decisionId")).filter(id -> id != null).distinct().toList();
        assertThat(decisions).as("every answer's decision is in the case's history")
                .containsExactlyInAnyOrderElementsOf(answers.stream()
                        .map(answer -> answer.bodyAsJsonObject().getString("decisionId")).toList());
    }
}
