package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.LupausConfig;
import fi.lupaus.engine.jdbc.Database;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A data directory written by the release before the one migration history (main at 68c5695: 301
 * decisions from the load command and one by hand, their cases, a user) opens on today's server,
 * migrates, loses nothing and verifies clean. stores/data-68c5695.zip is that directory.
 */
class StoreUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryOfTheReleaseBeforeOpensMigratesAndVerifiesClean() throws IOException {
        unzip("/stores/data-68c5695.zip", dataDir);
        LupausConfig config = TestServer.config(dataDir).withDatabase(Database.Settings.embedded(dataDir));

        try (TestServer server = TestServer.start(config, Clock.systemUTC())) {
            assertThat(verify(server)).isEqualTo(new JsonObject().put("checked", 301).put("clean", true));
            JsonObject byHand = server.get("/api/decisions?customerId=cust-fixture").bodyAsJsonObject();
            assertThat(byHand.getJsonArray("items")).hasSize(1);
            assertThat(byHand.getJsonArray("items").getJsonObject(0).getString("customerId")).isEqualTo("cust-fixture");
            assertThat(server.get("/api/users").bodyAsString()).contains("\"aino\"");
            assertThat(server.get("/api/cases?promise=complaint-answer-24h&limit=100").bodyAsJsonObject()
                    .getJsonArray("items")).extracting(c -> ((JsonObject) c).getString("customerId"))
                    .contains("cust-fixture");

            assertThat(server.post("/api/feedback", TestServer.feedback("after-upgrade", "C-new", "NPS", 10))
                    .statusCode()).isEqualTo(201);
        }
        try (TestServer again = TestServer.start(config, Clock.systemUTC())) {
            assertThat(verify(again)).isEqualTo(new JsonObject().put("checked", 302).put("clean", true));
        }
    }

    /** The verify report's count and verdict. */
    private static JsonObject verify(TestServer server) {
        String[] lines = server.send(HttpMethod.POST, "/api/audit/verify", TestServer.ADMIN_TOKEN, null, null)
                .bodyAsString().split("\n");
        JsonObject report = new JsonObject(lines[lines.length - 1]);
        assertThat(report.getJsonArray("problems", new JsonArray())).isEmpty();
        return new JsonObject().put("checked", report.getInteger("checked")).put("clean", report.getBoolean("clean"));
    }

    private static void unzip(String resource, Path into) throws IOException {
        try (InputStream in = StoreUpgradeTest.class.getResourceAsStream(resource);
             ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Files.copy(zip, into.resolve(entry.getName()));
            }
        }
    }
}
