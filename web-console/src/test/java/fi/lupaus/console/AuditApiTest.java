package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

class AuditApiTest {

    @TempDir
    Path dataDir;

    private TestServer server;
    private String auditor;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, Clock.systemUTC());
        auditor = server.newToken("auditor");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAuditorReplaysARecordedDecisionAndItIsIdentical() {
        String decisionId = server.post("/api/feedback", feedback("fb-r", "C-r", "NPS", 2).put("complaint", true))
                .bodyAsJsonObject().getString("decisionId");

        HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/audit/replay/" + decisionId, auditor,
                null, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject replay = answer.bodyAsJsonObject();
        assertThat(replay.getString("outcome")).isEqualTo("identical");
        assertThat(replay.getJsonObject("replayed")).isEqualTo(replay.getJsonObject("recorded"));
        assertThat(replay.getJsonObject("recorded").getJsonArray("firedRules"))
                .contains("Answer every complaint within 24 hours");
    }

    @Test
    void verifyStreamsItsProgressAndEndsWithAReport() {
        for (int i = 0; i < 3; i++) {
            var batch = new io.vertx.core.json.JsonArray();
            for (int j = 0; j < 10; j++) {
                batch.add(feedback("fb-v" + i + "-" + j, "C-v", "NPS", j));
            }
            assertThat(server.post("/api/feedback/batch", batch).statusCode()).isEqualTo(201);
        }

        HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/audit/verify", auditor,
                "application/json", new JsonObject().toBuffer());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/x-ndjson");
        List<JsonObject> lines = Arrays.stream(answer.bodyAsString().split("\n")).map(JsonObject::new).toList();
        JsonObject report = lines.get(lines.size() - 1);
        assertThat(report.getLong("checked")).isEqualTo(30);
        assertThat(report.getBoolean("clean")).isTrue();
        assertThat(report.getJsonArray("problems")).isEmpty();
    }

    @Test
    void aBadTimeInAVerifyIsNamed() {
        HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/audit/verify", auditor,
                "application/json", new JsonObject().put("from", "last week").toBuffer());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("from");
    }
}
