package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Issue #17: with LUPAUS_LOG_FORMAT=json the packaged server logs JSON lines, one object a line,
 * naming the request id and caller of what a request logs and the decision id of each action it
 * delivers; still no bodies or tokens.
 */
class LogFormatIT {

    private static final String COMMENT = "Kassajono oli kohtuuttoman pitkä";

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    @Timeout(300)
    void jsonLinesNameTheRequestTheCallerAndTheDecision() throws Exception {
        Path serverLog = logs.resolve("server.log");
        String decisionId;
        try (ServerProcess server = ServerProcess.start(dataDir, serverLog, "512m",
                Map.of("LUPAUS_LOG_FORMAT", "json", "LUPAUS_OUTBOX_POLL_MS", "100"))) {
            HttpResponse<String> posted = client.send(HttpRequest.newBuilder(server.uri("/api/feedback"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TestServer.feedback("fb-log-1", "C-LOG-1", "NPS", 2)
                            .put("comment", COMMENT).encode()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(201);
            assertThat(posted.headers().firstValue("X-Request-Id")).isPresent();
            decisionId = new JsonObject(posted.body()).getString("decisionId");
            HttpResponse<String> imported = client.send(HttpRequest.newBuilder(server.uri("/api/imports/csv"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                    .header("Content-Type", "text/csv")
                    .header("X-Request-Id", "import-4711")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "customerId,touchpoint,phase,survey,score\nC-LOG-2,web,after,NPS,10\n"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(imported.statusCode()).isEqualTo(200);
            assertThat(imported.headers().firstValue("X-Request-Id")).contains("import-4711");
            OutboxApiTest.eventually(() -> read(serverLog).contains(decisionId));
        }

        List<JsonObject> lines = read(serverLog).lines().filter(line -> !line.isBlank()).map(line -> {
            try {
                return new JsonObject(line);
            } catch (DecodeException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.getString("level")).isEqualTo("INFO");
            assertThat(line.getString("loggerName")).isEqualTo("fi.lupaus.console.LupausVerticle");
            assertThat(line.getString("formattedMessage")).startsWith("Lupaus listens on http://127.0.0.1:");
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.getString("loggerName")).isEqualTo("fi.lupaus.console.api.imports.ImportRoutes");
            assertThat(line.getJsonObject("mdc").getString("requestId")).isEqualTo("import-4711");
            assertThat(line.getJsonObject("mdc").getString("caller")).startsWith("token:");
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.getString("loggerName")).isEqualTo("fi.lupaus.actions");
            assertThat(line.getJsonObject("mdc").getString("decisionId")).isEqualTo(decisionId);
        });
        assertThat(read(serverLog)).doesNotContain(COMMENT).doesNotContain(TestServer.ADMIN_TOKEN);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
