package fi.lupaus.console.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import fi.lupaus.console.LupausVerticle;
import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.console.config.LupausConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The real Lupaus server on a free port, for the browser to open; the test sets it up over the API. */
final class ConsoleServer implements AutoCloseable {

    static final String ADMIN_TOKEN = "browser-test-admin-token-0123456789";

    private final Vertx vertx = Vertx.vertx();
    private final LupausVerticle verticle;
    private final HttpClient http = HttpClient.newHttpClient();

    ConsoleServer(Path dataDir) {
        this(dataDir, ExtensionsConfig.defaults());
    }

    /** With its plugins directory and action handlers set as the test needs. */
    ConsoleServer(Path dataDir, ExtensionsConfig extensions) {
        verticle = new LupausVerticle(new LupausConfig("127.0.0.1", 0, dataDir, 1024 * 1024, 1000, 4096, 100_000,
                ADMIN_TOKEN).withSweepInterval(Duration.ZERO), extensions, Clock.systemUTC());
        try {
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the Lupaus server did not start: " + e.getMessage(), e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + verticle.actualPort() + "/";
    }

    void createUser(String username, String password, String role) {
        post("/api/users", new JsonObject().put("username", username).put("password", password).put("role", role), 201);
    }

    JsonObject postFeedback(JsonObject feedback) {
        return new JsonObject(post("/api/feedback", feedback, 201));
    }

    JsonArray postBatch(JsonArray feedback) {
        return new JsonArray(post("/api/feedback/batch", feedback, 201));
    }

    /** The deadline sweep, now: the server runs none of its own, so that a test knows when cases escalate. */
    void sweep() {
        verticle.sweeper().sweep(Instant.now());
    }

    JsonObject get(String path) {
        return new JsonObject(send(HttpRequest.newBuilder(URI.create(url() + path.substring(1))).GET(), 200));
    }

    String post(String path, Object json, int expectedStatus) {
        String body = json instanceof JsonObject object ? object.encode() : ((JsonArray) json).encode();
        return send(HttpRequest.newBuilder(URI.create(url() + path.substring(1)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), expectedStatus);
    }

    private String send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("the server did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
