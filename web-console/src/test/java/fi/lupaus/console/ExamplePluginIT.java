package fi.lupaus.console;

import static fi.lupaus.console.OutboxApiTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.ExtensionsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * The example plugin as a third party would ship it: its jar, built by its own module, dropped
 * into the plugins directory of a real server. Runs after the reactor has packaged the jar.
 */
class ExamplePluginIT {

    private static final Path EXAMPLE_TARGET = Path.of("..", "examples", "example-plugin", "target");
    private static final String RULE = "Call back a gold-tier customer who complains about the app within 4 hours";

    @TempDir
    Path dir;

    private TestServer server;
    private Path inbox;

    @BeforeEach
    void deskInbox() {
        inbox = dir.resolve("vip-desk-inbox.tsv");
        System.setProperty("lupaus.example.inbox", inbox.toString());
    }

    @AfterEach
    void stop() {
        // The server first: a delivery still under way writes to the test's inbox, not the working directory.
        if (server != null) {
            server.close();
        }
        System.clearProperty("lupaus.example.inbox");
    }

    private static Path exampleJar() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLE_TARGET)) {
            return files.filter(file -> file.getFileName().toString().matches("lupaus-example-plugin-.*\\.jar"))
                    .findFirst().orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("the example plugin's jar is not built; run the reactor build "
                    + "(mvn -B verify), or mvn -B -pl examples/example-plugin -am package first", e);
        }
    }

    private TestServer start(Path plugins) {
        return TestServer.start(TestServer.config(dir.resolve("data")), ExtensionsConfig.defaults()
                .withPluginsDir(plugins)
                .withOutbox(new ExtensionsConfig.Outbox(Duration.ofMillis(50), 3, Duration.ofMillis(100),
                        Duration.ofMillis(400), true)), Clock.systemUTC());
    }

    private JsonObject goldAppComplaint(String id) {
        HttpResponse<Buffer> posted = server.post("/api/feedback", new JsonObject().put("id", id)
                .put("customerId", "C-" + id).put("touchpoint", "app").put("phase", "after").put("survey", "CSAT")
                .put("score", 2).put("complaint", true).put("loyaltyTier", "gold"));
        assertThat(posted.statusCode()).isEqualTo(201);
        return posted.bodyAsJsonObject();
    }

    private List<String> deliveriesTo(String handler) {
        return server.get("/api/outbox?limit=1000").bodyAsJsonObject().getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(item -> item.getString("handler").equals(handler))
                .map(item -> item.getString("decisionId") + ":" + item.getString("state")).toList();
    }

    @Test
    void droppingTheJarInMakesItsRuleFireAndItsHandlerReceiveTheAction_removingItRemovesBoth() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(exampleJar(), plugins.resolve("example-vip-desk.jar"));

        server = start(plugins);
        JsonObject plugin = server.get("/api/plugins").bodyAsJsonObject().getJsonArray("plugins").getJsonObject(0);
        assertThat(plugin.getString("id")).isEqualTo("example-vip-desk");
        assertThat(plugin.getString("version")).isEqualTo("1.0.0");
        assertThat(plugin.getString("state")).isEqualTo("started");
        assertThat(plugin.getJsonArray("contributions").stream().map(JsonObject.class::cast)
                .map(contribution -> contribution.getString("extensionPoint")))
                .containsExactlyInAnyOrder("fi.lupaus.rule-pack/1", "fi.lupaus.action-handler/1");

        JsonObject decided = goldAppComplaint("fb-1");
        assertThat(decided.getJsonArray("firedRules")).contains(RULE);
        assertThat(decided.getJsonArray("actions")).contains(new JsonObject().put("type", "OPEN_CASE")
                .put("promise", "gold-app-callback-4h").put("owner", "vip-desk").put("priority", "high")
                .put("dueAt", decided.getJsonArray("actions").stream().map(JsonObject.class::cast)
                        .filter(action -> "gold-app-callback-4h".equals(action.getString("promise")))
                        .findFirst().orElseThrow().getString("dueAt")));
        String decisionId = decided.getString("decisionId");
        eventually(() -> Files.exists(inbox));
        assertThat(Files.readAllLines(inbox)).singleElement().asString()
                .startsWith(decisionId + "/").contains("/vip-desk\tC-fb-1\t");
        eventually(() -> deliveriesTo("vip-desk").equals(List.of(decisionId + ":delivered")));

        server.close();
        Files.delete(plugins.resolve("example-vip-desk.jar"));
        server = start(plugins);

        assertThat(server.get("/api/plugins").bodyAsJsonObject().getJsonArray("plugins")).isEmpty();
        JsonObject without = goldAppComplaint("fb-2");
        assertThat(without.getJsonArray("firedRules")).doesNotContain(RULE);
        assertThat(server.get("/api/rulesets/live").bodyAsJsonObject().getString("version"))
                .isEqualTo(without.getString("ruleSetVersion"));
        eventually(() -> deliveriesTo("log").stream().anyMatch(d -> d.startsWith(without.getString("decisionId"))));
        assertThat(deliveriesTo("vip-desk")).as("no new deliveries to the removed handler")
                .containsExactly(decisionId + ":delivered");
        assertThat(Files.readAllLines(inbox)).hasSize(1);
    }

    @Test
    void aBrokenJarBesideTheExampleIsReportedAndTheServerServesWithTheExample() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(exampleJar(), plugins.resolve("example-vip-desk.jar"));
        Files.write(plugins.resolve("half-copied.jar"), new byte[] {'P', 'K', 3, 4, 0, 0});

        server = start(plugins);

        JsonArray listed = server.get("/api/plugins").bodyAsJsonObject().getJsonArray("plugins");
        assertThat(listed.stream().map(JsonObject.class::cast).map(p -> p.getString("id") + ":" + p.getString("state")))
                .containsExactly("example-vip-desk:started", "half-copied.jar:failed");
        assertThat(server.get("/api/health").statusCode()).isEqualTo(200);
        assertThat(goldAppComplaint("fb-1").getJsonArray("firedRules")).contains(RULE);
    }
}
