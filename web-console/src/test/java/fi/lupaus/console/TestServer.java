package fi.lupaus.console;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import fi.lupaus.console.config.LupausConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A real Lupaus server on a free port of 127.0.0.1 with its store in a given directory. */
final class TestServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final LupausVerticle verticle;
    private final WebClient client;

    private TestServer(LupausConfig config, Clock clock) {
        verticle = new LupausVerticle(config, clock);
        await(vertx.deployVerticle(verticle));
        client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
    }

    static TestServer start(Path dataDir, Clock clock) {
        return new TestServer(config(dataDir), clock);
    }

    static LupausConfig config(Path dataDir) {
        return new LupausConfig("127.0.0.1", 0, dataDir, 64 * 1024, 10, 4096);
    }

    static TestServer start(LupausConfig config, Clock clock) {
        return new TestServer(config, clock);
    }

    HttpResponse<Buffer> post(String path, Object json) {
        return await(client.post(path).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(json instanceof String text ? text : io.vertx.core.json.Json.encode(json))));
    }

    HttpResponse<Buffer> postRaw(String path, String contentType, Buffer body) {
        return await(client.post(path).putHeader("Content-Type", contentType).sendBuffer(body));
    }

    HttpResponse<Buffer> get(String path) {
        return await(client.get(path).send());
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not answer: " + e.getMessage(), e);
        }
    }

    static JsonObject feedback(String id, String customerId, String survey, int score) {
        return new JsonObject()
                .put("id", id)
                .put("customerId", customerId)
                .put("receivedAt", "2026-11-20T10:15:00Z")
                .put("touchpoint", "store")
                .put("phase", "core")
                .put("survey", survey)
                .put("score", score);
    }

    @Override
    public void close() {
        client.close();
        await(vertx.close());
    }
}
