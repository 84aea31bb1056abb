package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.vertx.core.json.JsonObject;

/**
 * Nothing undelivered is lost when the packaged server is killed with SIGKILL (no shutdown hook,
 * nothing flushed) while actions wait in its outbox: restarted on the same store, it delivers
 * every one of them to a real webhook receiver.
 */
@Tag("store")
class OutboxKillIT {

    private static final String SECRET = "webhook-secret-0123456789";

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private Receiver receiver;

    /**
     * A webhook receiver as a customer would write one: it checks the signature (HMAC-SHA256 of
     * "<t>.<body>" under the shared secret) and takes the deliveries it is willing to, answering
     * 204; the others get 503, which the outbox retries.
     */
    private static final class Receiver {
        final HttpServer http;
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final Set<String> badlySigned = ConcurrentHashMap.newKeySet();
        volatile Predicate<String> takes = key -> false;

        Receiver() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/lupaus-actions", this::handle);
            http.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (!signedBySender(exchange.getRequestHeaders().getFirst("X-Lupaus-Signature"), body)) {
                badlySigned.add(String.valueOf(key));
                exchange.sendResponseHeaders(401, -1);
            } else if (takes.test(key)) {
                accepted.add(key);
                exchange.sendResponseHeaders(204, -1);
            } else {
                refused.add(key);
                exchange.sendResponseHeaders(503, -1);
            }
            exchange.close();
        }

        private static boolean signedBySender(String header, byte[] body) {
            if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
                return false;
            }
            String t = header.substring(2, header.indexOf(','));
            String v1 = header.substring(header.indexOf("v1=") + 3);
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(mac.doFinal(body)).equals(v1);
            } catch (Exception e) {
                return false;
            }
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/lupaus-actions";
        }
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.http.stop(0);
    }

    private Map<String, String> settings() {
        // No deadline sweep: the detractors' cases are days old by the clock, and the sweep's own
        // decisions (escalations, with actions of their own) would reach the receiver too.
        return Map.of("LUPAUS_WEBHOOK_URL", receiver.url(), "LUPAUS_WEBHOOK_SECRET", SECRET,
                "LUPAUS_OUTBOX_POLL_MS", "50", "LUPAUS_OUTBOX_BACKOFF_MS", "50", "LUPAUS_OUTBOX_MAX_BACKOFF_MS", "200",
                "LUPAUS_OUTBOX_MAX_ATTEMPTS", "100000", "LUPAUS_LOG_ACTIONS", "false", "LUPAUS_SWEEP_INTERVAL", "PT0S");
    }

    /** Posts the feedback and returns the delivery ids its actions must have: decision/index/webhook. */
    private Set<String> post(ServerProcess server, String prefix, int count) throws Exception {
        Set<String> deliveries = new HashSet<>();
        for (int i = 0; i < count; i++) {
            JsonObject feedback = TestServer.feedback(prefix + i, "C-" + prefix + i, "NPS", i % 2 == 0 ? 2 : 10);
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(server.uri("/api/feedback"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(feedback.encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            JsonObject decision = new JsonObject(answer.body());
            int actions = decision.getJsonArray("actions").size();
            assertThat(actions).as("every feedback here asks for something").isPositive();
            for (int index = 0; index < actions; index++) {
                deliveries.add(decision.getString("decisionId") + "/" + index + "/webhook");
            }
        }
        return deliveries;
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void everyActionPendingWhenTheServerIsKilledIsDeliveredAfterTheRestart() throws Exception {
        Path log = logs.resolve("server.log");
        Set<String> early;
        Set<String> pending;
        ServerProcess first = ServerProcess.start(dataDir, log, "512m", settings());
        try {
            early = post(first, "fb-early-", 10);
            pending = post(first, "fb-pending-", 10);
            receiver.takes = early::contains;

            Eventually.within(Duration.ofSeconds(60), "the early actions delivered and the others tried and refused",
                    () -> receiver.accepted.containsAll(early) && receiver.refused.containsAll(pending));
            first.kill();
        } finally {
            if (first.isAlive()) {
                first.kill();
            }
        }
        assertThat(receiver.accepted).as("nothing pending got through before the kill").doesNotContainAnyElementsOf(pending);

        receiver.takes = key -> true;
        ServerProcess second = ServerProcess.start(dataDir, log, "512m", settings());
        try {
            // A delivery claimed when the server was killed waits out its lease (Deliverer.CLAIM_LEASE, 30 s).
            Eventually.within(Duration.ofMinutes(4), "every pending action delivered after the restart",
                    () -> receiver.accepted.containsAll(pending));
        } finally {
            second.close();
        }

        Set<String> all = new HashSet<>(early);
        all.addAll(pending);
        assertThat(receiver.accepted).as("every action delivered, and nothing that is not one")
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(receiver.badlySigned).isEmpty();
        assertThat(Files.readString(log)).doesNotContain(" ERROR ");
    }
}
