package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

// The scoreboard on a small known data set, every number computed by hand below.
@Tag("store")
class MetricsApiTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");

    @TempDir
    Path dataDir;

    private final SimulatedClock clock = new SimulatedClock(T.plusSeconds(60));
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(TestServer.config(dataDir), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void post(String id, String customer, String touchpoint, String survey, int score, Instant receivedAt) {
        int status = server.post("/api/feedback", feedback(id, customer, survey, score)
                .put("touchpoint", touchpoint).put("receivedAt", receivedAt.toString())).statusCode();
        assertThat(status).isEqualTo(201);
    }

    private String caseOf(String customer) {
        return server.get("/api/cases").bodyAsJsonObject().getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(c -> c.getString("customerId").equals(customer))
                .findFirst().orElseThrow().getString("caseId");
    }

    @Test
    void npsCsiAndKeptRatesMatchTheHandComputedNumbers() {
        // NPS at the store: 10, 9, 9 (promoters), 3, 0 (detractors, each opens a 48 h case).
        post("fb-1", "C-1", "store", "NPS", 10, T);
        post("fb-2", "C-2", "store", "NPS", 9, T);
        post("fb-3", "C-3", "store", "NPS", 9, T);
        post("fb-4", "C-4", "store", "NPS", 3, T);
        post("fb-5", "C-5", "store", "NPS", 0, T);
        // CSAT on the web: 5, 4 (satisfied), 2.
        post("fb-6", "C-6", "web", "CSAT", 5, T);
        post("fb-7", "C-7", "web", "CSAT", 4, T);
        post("fb-8", "C-8", "web", "CSAT", 2, T);
        // C-4's case is resolved 10 hours after the feedback (kept); C-5's is left alone (broken at T + 49 h).
        clock.set(T.plus(Duration.ofHours(10)));
        server.post("/api/cases/" + caseOf("C-4") + "/resolve", new JsonObject().put("outcome", "contacted"));
        // C-4 then answers 10 on the web: recovered.
        clock.set(T.plus(Duration.ofHours(20)));
        post("fb-9", "C-4", "web", "NPS", 10, T.plus(Duration.ofHours(20)));
        clock.set(T.plus(Duration.ofHours(49)));

        JsonObject metrics = server.get("/api/metrics?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&by=touchpoint")
                .bodyAsJsonObject();

        // NPS answers 10, 9, 9, 3, 0, 10: 4 promoters, 2 detractors of 6 → (4 − 2) / 6 = 33.3.
        JsonObject total = metrics.getJsonObject("total");
        assertThat(total.getInteger("responses")).isEqualTo(9);
        assertThat(total.getInteger("npsAnswers")).isEqualTo(6);
        assertThat(total.getDouble("nps")).isEqualTo(33.3);
        // CSAT 5, 4, 2: 2 of 3 satisfied → 66.7.
        assertThat(total.getInteger("csatAnswers")).isEqualTo(3);
        assertThat(total.getDouble("csi")).isEqualTo(66.7);
        // At the store 10, 9, 9, 3, 0: (3 − 2) / 5 = 20.0; on the web the one NPS answer is a promoter: 100.0.
        JsonArray groups = metrics.getJsonArray("groups");
        assertThat(groups.getJsonObject(0).getString("touchpoint")).isEqualTo("store");
        assertThat(groups.getJsonObject(0).getDouble("nps")).isEqualTo(20.0);
        assertThat(groups.getJsonObject(1).getString("touchpoint")).isEqualTo("web");
        assertThat(groups.getJsonObject(1).getDouble("nps")).isEqualTo(100.0);
        assertThat(groups.getJsonObject(1).getDouble("csi")).isEqualTo(66.7);
        // Two detractor cases: one kept, one broken → 50.0 %; resolved in 10.0 h; C-4 recovered.
        JsonObject detractors = metrics.getJsonArray("promises").getJsonObject(0);
        assertThat(detractors.getString("promise")).isEqualTo("detractor-contact-48h");
        assertThat(detractors.getInteger("opened")).isEqualTo(2);
        assertThat(detractors.getInteger("kept")).isEqualTo(1);
        assertThat(detractors.getInteger("broken")).isEqualTo(1);
        assertThat(detractors.getInteger("stillOpen")).isZero();
        assertThat(detractors.getDouble("keptRate")).isEqualTo(50.0);
        assertThat(detractors.getDouble("medianHoursToResolve")).isEqualTo(10.0);
        assertThat(detractors.getInteger("recoveredCustomers")).isEqualTo(1);
    }

    @Test
    void theCatalogueListsThePromisesOfTheLiveRuleSetWithTheirEscalationChain() {
        JsonObject catalogue = server.get("/api/promises").bodyAsJsonObject();

        JsonArray promises = catalogue.getJsonArray("promises");
        assertThat(promises.stream().map(JsonObject.class::cast).map(p -> p.getString("id")))
                .containsExactly("complaint-answer-24h", "detractor-contact-48h");
        JsonObject detractor = promises.getJsonObject(1);
        assertThat(detractor.getString("text")).isEqualTo("Every detractor gets a personal contact within 48 hours");
        assertThat(detractor.getString("within")).isEqualTo("48h");
        assertThat(detractor.getJsonArray("owners")).containsExactlyInAnyOrder("service-team", "team-lead");
        assertThat(detractor.getJsonArray("escalation").stream().map(JsonObject.class::cast)
                .map(s -> s.getString("stage"))).containsExactly("reminder", "team-lead", "cx-manager");
    }
}
