package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/**
 * A store that fails for a while: writes are refused (the process may grow no file, as when a
 * disk is full or write access is taken away), then allowed again. The server says so in its
 * health, loses nothing it acknowledged, and takes feedback and tokens again without a restart.
 */
class StoreRecoveryIT {

    @TempDir
    Path dataDir;

    /** Kept after the test: what the server said while its store failed. */
    private final Path log = Path.of("target", "store-recovery-it.log");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger sequence = new AtomicInteger();

    @Test
    @Timeout(420)
    void aStoreThatFailedIsReopenedOnceItTakesWritesAgain() throws Exception {
        Files.deleteIfExists(log);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "prlimit (util-linux) sets the file size limit");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ServerProcess server = ServerProcess.start(dataDir, log, "512m",
                Map.of("LUPAUS_STORE_PROBE_INTERVAL", "PT1S"))) {
            String ingest = newIngestToken(server);
            // Never used until the store is broken: its first lookup then finds the store broken.
            String unused = newIngestToken(server);
            for (int i = 0; i < 20; i++) {
                assertThat(post(server, ingest, acknowledged)).isEqualTo(201);
            }

            // The store's files may grow no more (the soft limit; the hard one stays, to lift it again).
            fileSizeLimit(server, Files.size(dataDir.resolve("lupaus.mv.db")) + ":unlimited");
            Set<Integer> whileBroken = ConcurrentHashMap.newKeySet();
            ExecutorService senders = Executors.newFixedThreadPool(8);
            AtomicBoolean broken = new AtomicBoolean(true);
            try {
                for (int i = 0; i < 8; i++) {
                    senders.submit(() -> {
                        while (broken.get()) {
                            whileBroken.add(post(server, TestServer.ADMIN_TOKEN, acknowledged));
                        }
                        return null;
                    });
                }
                eventually(() -> whileBroken.contains(500) && health(server) == 503, Duration.ofSeconds(120));
                assertThat(post(server, unused, acknowledged)).as("a valid token while the store is broken")
                        .isNotEqualTo(401);
            } finally {
                broken.set(false);
                senders.shutdown();
                assertThat(senders.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(whileBroken).as("answers while broken; -1 is none within a minute")
                    .allSatisfy(status -> assertThat(status).isIn(201, 500, 503, -1));

            fileSizeLimit(server, "unlimited");

            eventually(() -> health(server) == 200, Duration.ofSeconds(60));
            String freshToken = newIngestToken(server);
            assertThat(post(server, ingest, acknowledged)).isEqualTo(201);
            assertThat(post(server, freshToken, acknowledged)).isEqualTo(201);
            assertThat(stored(server)).containsAll(acknowledged);
        }
    }

    private static void fileSizeLimit(ServerProcess server, String bytes) throws Exception {
        Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(server.pid()), "--fsize=" + bytes)
                .inheritIO().start();
        assertThat(prlimit.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(prlimit.exitValue()).isZero();
    }

    /** Posts a new feedback: the status, or -1 when there was no answer within a minute. */
    private int post(ServerProcess server, String token, Set<String> acknowledged) throws Exception {
        String id = "fb-store-" + sequence.incrementAndGet();
        int status;
        try {
            status = client.send(HttpRequest.newBuilder(server.uri("/api/feedback"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(TestServer.feedback(id, "C-store", "NPS", 4).encode()))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException noAnswer) {
            return -1;
        }
        if (status / 100 == 2) {
            acknowledged.add(id);
        }
        return status;
    }

    private String newIngestToken(ServerProcess server) throws Exception {
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(server.uri("/api/tokens"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", "ingest-" + sequence.get())
                        .put("role", "ingest").encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new JsonObject(created.body()).getString("token");
    }

    private int health(ServerProcess server) {
        try {
            return client.send(HttpRequest.newBuilder(server.uri("/api/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private Set<String> stored(ServerProcess server) throws Exception {
        Set<String> ids = new HashSet<>();
        JsonObject page = new JsonObject(client.send(HttpRequest.newBuilder(
                        server.uri("/api/decisions?customerId=C-store&limit=1000"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("feedbackId")));
        return ids;
    }

    private static void eventually(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", timeout).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
