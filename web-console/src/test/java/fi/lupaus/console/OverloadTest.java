package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.LupausConfig;
import fi.lupaus.engine.jdbc.TestDatabases;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;

/** Past LUPAUS_MAX_IN_FLIGHT feedback in hand the server answers 503 with Retry-After and stores nothing. */
@Tag("store")
class OverloadTest {

    @TempDir
    Path dataDir;

    private TestServer server;

    @BeforeEach
    void start() {
        // At most 3 feedback in hand; batches of up to 10.
        LupausConfig config = new LupausConfig("127.0.0.1", 0, dataDir, 64 * 1024, 10, 3, 20_000,
                TestServer.ADMIN_TOKEN).withSweepInterval(Duration.ZERO)
                .withDatabase(TestDatabases.settings(dataDir));
        server = TestServer.start(config, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonArray batch(int size) {
        JsonArray batch = new JsonArray();
        for (int i = 1; i <= size; i++) {
            batch.add(feedback("fb-" + i, "C-" + i, "NPS", 3));
        }
        return batch;
    }

    @Test
    void moreFeedbackThanMayBeInHandIsRefusedWith503AndRetryAfterAndNothingIsStored() {
        HttpResponse<Buffer> refused = server.post("/api/feedback/batch", batch(4).encode());

        assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isPositive();
        assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("reason"))
                .contains("deciding 3 feedback already");
        assertThat(server.get("/api/audit/export").body()).as("nothing was stored").isNull();
        assertThat(server.get("/api/cases").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    }

    @Test
    void aRefusalHoldsNothingBackSoTheSameFeedbackIsDecidedAfterAsNew() {
        assertThat(server.post("/api/feedback/batch", batch(4).encode()).statusCode()).isEqualTo(503);

        HttpResponse<Buffer> first = server.post("/api/feedback/batch", new JsonArray(batch(4).getList().subList(0, 3)).encode());
        HttpResponse<Buffer> last = server.post("/api/feedback", batch(4).getJsonObject(3));

        assertThat(first.statusCode()).as("201: created, not a replay of anything stored").isEqualTo(201);
        assertThat(first.bodyAsJsonArray()).hasSize(3);
        assertThat(last.statusCode()).isEqualTo(201);
    }
}
