package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Issue #12 saw hostile rules answered with a 500 (or not answered at all) by {@code /validate}:
 * each hostile rule set of the engine's suite is an error the author can read, naming its line.
 */
class HostileRulesValidateTest {

    private static final Path HOSTILE = Path.of("../engine/src/test/resources/hostile");

    @TempDir
    Path dataDir;

    private TestServer server;
    private String manager;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, Clock.systemUTC());
        manager = server.newToken("cx-manager");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @Timeout(120)
    void everyHostileRuleSetIsAnErrorWithALineNotACrash() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(HOSTILE)) {
            files = listed.filter(file -> file.toString().endsWith(".drl")).sorted().toList();
        }
        assertThat(files).isNotEmpty();

        for (Path file : files) {
            JsonArray sources = new JsonArray().add(new JsonObject().put("name", "custom/hostile.drl")
                    .put("drl", Files.readString(file, StandardCharsets.UTF_8)));
            HttpResponse<Buffer> answer = server.send(HttpMethod.POST, "/api/rulesets/validate", manager,
                    "application/json", new JsonObject().put("sources", sources).toBuffer());

            assertThat(answer.statusCode()).as(file.getFileName() + ": " + answer.bodyAsString()).isEqualTo(200);
            JsonObject validation = answer.bodyAsJsonObject();
            assertThat(validation.getBoolean("valid")).as(file.getFileName().toString()).isFalse();
            assertThat(validation.getJsonArray("errors").getJsonObject(0).getInteger("line"))
                    .as(file.getFileName().toString()).isPositive();
        }
    }
}
