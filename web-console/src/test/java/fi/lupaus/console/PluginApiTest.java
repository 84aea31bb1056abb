package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.ExtensionsConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class PluginApiTest {

    @TempDir
    Path dataDir;

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBrokenPluginJarIsReportedAndTheServerStillServes() throws Exception {
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.writeString(plugins.resolve("broken.jar"), "not a jar at all");

        server = TestServer.start(TestServer.config(dataDir),
                ExtensionsConfig.defaults().withPluginsDir(plugins), Clock.systemUTC());

        JsonObject listed = server.get("/api/plugins").bodyAsJsonObject();
        assertThat(listed.getJsonArray("plugins")).singleElement().satisfies(plugin -> {
            JsonObject broken = (JsonObject) plugin;
            assertThat(broken.getString("file")).isEqualTo("broken.jar");
            assertThat(broken.getString("state")).isEqualTo("failed");
            assertThat(broken.getString("problem")).startsWith("it could not be loaded");
        });
        assertThat(listed.getJsonArray("extensionPoints")).containsExactly("fi.lupaus.rule-pack/1",
                "fi.lupaus.action-handler/1", "fi.lupaus.fact-enricher/1", "fi.lupaus.feedback-source/1");
        assertThat(listed.getJsonArray("classPath")).contains(new JsonObject()
                .put("extensionPoint", "fi.lupaus.rule-pack/1").put("class", "fi.lupaus.rules.StandardPolicyPack"));
        assertThat(listed.getJsonArray("actionHandlers")).isEqualTo(new JsonArray().add("log"));
        assertThat(server.get("/api/health").statusCode()).isEqualTo(200);
        assertThat(server.post("/api/feedback", TestServer.feedback("fb-1", "C-1", "NPS", 10)).statusCode())
                .isEqualTo(201);
    }

    @Test
    void auditorsMayReadThePluginsAndIngestTokensMayNot() {
        server = TestServer.start(dataDir, Clock.systemUTC());

        assertThat(server.get("/api/plugins", server.newToken("auditor")).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/plugins", server.newToken("ingest")).statusCode()).isEqualTo(403);
    }
}
