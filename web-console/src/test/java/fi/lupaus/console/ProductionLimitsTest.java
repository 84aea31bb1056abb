package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.config.LupausConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;

/**
 * The other suites run with a batch limit of 10 and 64 KiB bodies; this one runs the server as
 * configured by the defaults file, as in production, with only where it listens, its store and
 * its admin token given (as -D properties), and holds it to the README's figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionLimitsTest {

    private static final Map<String, String> WHERE = Map.of("LUPAUS_HTTP_HOST", "127.0.0.1", "LUPAUS_HTTP_PORT", "0",
            "LUPAUS_BOOTSTRAP_TOKEN", TestServer.ADMIN_TOKEN);

    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        Vertx vertx = Vertx.vertx();
        LupausConfig config;
        try {
            WHERE.forEach(System::setProperty);
            System.setProperty("LUPAUS_DATA_DIR", dataDir.toString());
            config = LupausConfig.load(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            WHERE.keySet().forEach(System::clearProperty);
            System.clearProperty("LUPAUS_DATA_DIR");
            vertx.close().await();
        }
        server = TestServer.start(config, Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static JsonArray batch(String prefix, int size) {
        JsonArray batch = new JsonArray();
        for (int i = 1; i <= size; i++) {
            batch.add(feedback(prefix + i, "C-" + prefix + (i % 300), "NPS", i % 11)
                    .put("comment", "Kassajono oli pitkä, mutta myyjä oli ystävällinen ja auttoi löytämään oikean koon."));
        }
        return batch;
    }

    @Test
    void aBatchOfAThousandIsDecidedWhole() {
        String body = batch("fb-k-", 1000).encode();
        assertThat(body.length()).as("more than the 64 KiB of the other suites").isGreaterThan(64 * 1024);

        HttpResponse<Buffer> answer = server.post("/api/feedback/batch", body);

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        assertThat(answer.bodyAsJsonArray()).hasSize(1000);
    }

    @Test
    void aBatchOfAThousandAndOneIsRefusedNamingTheLimit() {
        HttpResponse<Buffer> answer = server.post("/api/feedback/batch", batch("fb-x-", 1001).encode());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyAsString()).contains("must hold from 1 to 1000 feedback, not 1001");
    }

    @Test
    void aBodyOfTwoMebibytesIsTakenAndOneByteMoreIsRefusedWith413() {
        String one = feedback("fb-big", "C-big", "NPS", 9).encode();
        String justFits = one.substring(0, one.length() - 1) + " ".repeat(2 * 1024 * 1024 - one.length()) + "}";
        String tooBig = " " + justFits;

        HttpResponse<Buffer> taken = server.post("/api/feedback", justFits);
        HttpResponse<Buffer> refused = server.post("/api/feedback", tooBig);

        assertThat(justFits.length()).isEqualTo(2 * 1024 * 1024);
        assertThat(taken.statusCode()).as(taken.bodyAsString()).isEqualTo(201);
        assertThat(refused.statusCode()).isEqualTo(413);
    }
}
