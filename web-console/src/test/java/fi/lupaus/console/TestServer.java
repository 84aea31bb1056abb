package fi.lupaus.console;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.console.config.LupausConfig;
import fi.lupaus.console.config.SandboxConfig;
import fi.lupaus.console.decide.CaseSweeper;
import fi.lupaus.engine.jdbc.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * A real Lupaus server on a free port of 127.0.0.1 with its store in a given directory. Requests
 * carry the bootstrap admin token unless a test says otherwise.
 */
final class TestServer implements AutoCloseable {

    static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private final Vertx vertx = Vertx.vertx();
    private final LupausVerticle verticle;
    private final WebClient client;

    private TestServer(LupausConfig config, Clock clock) {
        this(config, ExtensionsConfig.defaults().withPluginsDir(config.dataDir().resolve("no-plugins")), clock);
    }

    private TestServer(LupausConfig config, ExtensionsConfig extensions, Clock clock) {
        this(config, extensions, SandboxConfig.defaults(), clock);
    }

    private TestServer(LupausConfig config, ExtensionsConfig extensions, SandboxConfig sandbox, Clock clock) {
        verticle = new LupausVerticle(config, extensions, sandbox, clock);
        await(vertx.deployVerticle(verticle));
        client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
    }

    static TestServer start(Path dataDir, Clock clock) {
        return new TestServer(config(dataDir), clock);
    }

    static LupausConfig config(Path dataDir) {
        // No periodic deadline sweep: a test sweeps at the times it simulates (sweeper()).
        return new LupausConfig("127.0.0.1", 0, dataDir, 64 * 1024, 10, 4096, 20_000, ADMIN_TOKEN)
                .withSweepInterval(Duration.ZERO)
                .withDatabase(TestDatabases.settings(dataDir));
    }

    static TestServer start(LupausConfig config, Clock clock) {
        return new TestServer(config, clock);
    }

    /** A server whose sandbox has the limits the test says. */
    static TestServer start(Path dataDir, SandboxConfig sandbox, Clock clock) {
        LupausConfig config = config(dataDir);
        return new TestServer(config, ExtensionsConfig.defaults().withPluginsDir(dataDir.resolve("no-plugins")),
                sandbox, clock);
    }

    /** A server with plugins, outbox and handlers configured as the test says. */
    static TestServer start(LupausConfig config, ExtensionsConfig extensions, Clock clock) {
        return new TestServer(config, extensions, clock);
    }

    HttpResponse<Buffer> post(String path, Object json) {
        return post(path, json, ADMIN_TOKEN);
    }

    HttpResponse<Buffer> post(String path, Object json, String token) {
        return send(HttpMethod.POST, path, token, "application/json",
                Buffer.buffer(json instanceof String text ? text : Json.encode(json)));
    }

    HttpResponse<Buffer> postRaw(String path, String contentType, Buffer body) {
        return send(HttpMethod.POST, path, ADMIN_TOKEN, contentType, body);
    }

    HttpResponse<Buffer> get(String path) {
        return get(path, ADMIN_TOKEN);
    }

    HttpResponse<Buffer> get(String path, String token) {
        return send(HttpMethod.GET, path, token, null, null);
    }

    /** Sends a request with a bearer token, or with none when {@code token} is null. */
    HttpResponse<Buffer> send(HttpMethod method, String path, String token, String contentType, Buffer body) {
        return send(method, path, token, contentType, body, Duration.ofSeconds(30));
    }

    /** Sends a request and waits for the answer as long as the test says. */
    HttpResponse<Buffer> send(HttpMethod method, String path, String token, String contentType, Buffer body,
                              Duration wait) {
        HttpRequest<Buffer> request = client.request(method, path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        return await(body == null ? request.send() : request.sendBuffer(body), wait);
    }

    /** A new API token with the role, created by the admin. */
    String newToken(String role) {
        HttpResponse<Buffer> created = post("/api/tokens", new JsonObject().put("name", role + "-test").put("role", role));
        if (created.statusCode() != 201) {
            throw new AssertionError("creating a token failed: " + created.bodyAsString());
        }
        return created.bodyAsJsonObject().getString("token");
    }

    /** The server's deadline sweep, to run at a simulated time. */
    CaseSweeper sweeper() {
        return verticle.sweeper();
    }

    /** Request body bytes the server holds in memory now. */
    long reservedBodyBytes() {
        return verticle.bodyBytesHeld();
    }

    /** The server's routes, to walk against the OpenAPI document. */
    io.vertx.ext.web.Router routes() {
        return verticle.routes();
    }

    WebClient client() {
        return client;
    }

    int port() {
        return verticle.actualPort();
    }

    static <T> T await(Future<T> future) {
        return await(future, Duration.ofSeconds(30));
    }

    static <T> T await(Future<T> future, Duration wait) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
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
