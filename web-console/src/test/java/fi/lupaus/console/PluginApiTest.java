package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.console.testplugins.TestPlugins;
import fi.lupaus.engine.plugin.PluginJar;
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
    void aPluginsFeedbackSourceIsDecidedAndPluginsWhoseContributionsFailAreDisabled() throws Exception {
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        PluginJar.plugin("mailbox", "1.0.0").extension(TestPlugins.OneFeedbackSource.class)
                .writeTo(plugins, "mailbox.jar");
        PluginJar.plugin("survey-poller", "1.0.0").extension(TestPlugins.UnreachableSource.class)
                .writeTo(plugins, "survey-poller.jar");
        PluginJar.plugin("escaping", "1.0.0").extension(TestPlugins.EscapingRules.class)
                .writeTo(plugins, "escaping.jar");

        server = TestServer.start(TestServer.config(dataDir),
                ExtensionsConfig.defaults().withPluginsDir(plugins), Clock.systemUTC());

        OutboxApiTest.eventually(() -> server.get("/api/decisions?customerId=C-SOURCE").bodyAsJsonObject()
                .getJsonArray("items").size() == 1);
        JsonArray listed = server.get("/api/plugins").bodyAsJsonObject().getJsonArray("plugins");
        assertThat(listed.stream().map(JsonObject.class::cast).map(p -> p.getString("id") + ":" + p.getString("state")))
                .containsExactly("escaping:failed", "mailbox:started", "survey-poller:failed");
        assertThat(listed.getJsonObject(0).getString("problem"))
                .startsWith("its rule pack escaping does not compile").contains("'System' is not allowed in rules");
        assertThat(listed.getJsonObject(2).getString("problem")).contains("the survey tool does not answer");
        assertThat(server.get("/api/rulesets/live").bodyAsJsonObject().getString("comment"))
                .isEqualTo("rule packs: standard 1.0.0");
    }

    @Test
    void whatAFactEnricherTellsReachesTheRulesIsRecordedAndReplaysWithoutThePlugin() throws Exception {
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        PluginJar.plugin("crm", "1.0.0").extension(TestPlugins.CrmTier.class)
                .extension(TestPlugins.KeyAccountRules.class).writeTo(plugins, "crm.jar");
        PluginJar.plugin("broken-crm", "1.0.0").extension(TestPlugins.BrokenCrm.class)
                .writeTo(plugins, "broken-crm.jar");
        server = TestServer.start(TestServer.config(dataDir),
                ExtensionsConfig.defaults().withPluginsDir(plugins), Clock.systemUTC());

        JsonObject gold = server.post("/api/feedback", TestServer.feedback("fb-gold", "C-GOLD", "NPS", 3))
                .bodyAsJsonObject();
        JsonObject other = server.post("/api/feedback", TestServer.feedback("fb-other", "C-OTHER", "NPS", 3))
                .bodyAsJsonObject();

        String rule = "Escalate a gold customer's detractor answer to the key-account team";
        assertThat(gold.getJsonArray("firedRules")).contains(rule);
        assertThat(other.getJsonArray("firedRules")).doesNotContain(rule);
        String decisionId = gold.getString("decisionId");
        JsonObject recorded = server.get("/api/decisions/" + decisionId).bodyAsJsonObject();
        assertThat(recorded.getJsonObject("context").getJsonArray("attributes")).containsExactly(
                new JsonObject().put("name", "crm.tier").put("value", "gold"));

        server.close();
        Files.delete(plugins.resolve("crm.jar"));
        server = TestServer.start(TestServer.config(dataDir),
                ExtensionsConfig.defaults().withPluginsDir(plugins), Clock.systemUTC());

        JsonObject replay = server.send(io.vertx.core.http.HttpMethod.POST, "/api/audit/replay/" + decisionId,
                TestServer.ADMIN_TOKEN, null, null).bodyAsJsonObject();
        assertThat(replay.getString("outcome")).isEqualTo("identical");
        assertThat(server.post("/api/feedback", TestServer.feedback("fb-gold-2", "C-GOLD", "NPS", 3))
                .bodyAsJsonObject().getJsonArray("firedRules")).doesNotContain(rule);
    }

    @Test
    void auditorsMayReadThePluginsAndIngestTokensMayNot() {
        server = TestServer.start(dataDir, Clock.systemUTC());

        assertThat(server.get("/api/plugins", server.newToken("auditor")).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/plugins", server.newToken("ingest")).statusCode()).isEqualTo(403);
    }
}
