package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/**
 * The deadline sweep runs by itself every LUPAUS_SWEEP_INTERVAL: no test calls it here. The clock
 * is simulated, the schedule is real (100 ms).
 */
@Tag("store")
class PeriodicSweepTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");

    @TempDir
    Path dataDir;

    private final SimulatedClock clock = new SimulatedClock(T.plusSeconds(60));
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> steps(String caseId) {
        return server.get("/api/cases/" + caseId).bodyAsJsonObject().getJsonArray("history").stream()
                .map(JsonObject.class::cast).map(step -> step.getString("step")).toList();
    }

    @Test
    void aCaseIsRemindedThenEscalatedAsItsTimeRunsWithoutAnyoneSweeping() {
        server = TestServer.start(TestServer.config(dataDir).withSweepInterval(Duration.ofMillis(100)), clock);
        assertThat(server.post("/api/feedback", feedback("fb-1", "C-1", "NPS", 3)).statusCode()).isEqualTo(201);
        String caseId = server.get("/api/cases?state=open").bodyAsJsonObject().getJsonArray("items")
                .getJsonObject(0).getString("caseId");
        assertThat(steps(caseId)).containsExactly("opened");

        // 75 % of the promised 48 hours: the owner is reminded at the next sweep.
        clock.set(T.plus(Duration.ofHours(36)));
        Eventually.within(Duration.ofSeconds(30), "the reminder",
                () -> steps(caseId).equals(List.of("opened", "reminded")));

        // 100 %: the team lead takes it over, again at a sweep nobody asked for.
        clock.set(T.plus(Duration.ofHours(48)));
        Eventually.within(Duration.ofSeconds(30), "the escalation",
                () -> steps(caseId).equals(List.of("opened", "reminded", "escalated")));
        assertThat(server.get("/api/cases/" + caseId).bodyAsJsonObject().getString("owner")).isEqualTo("team-lead");
    }
}
