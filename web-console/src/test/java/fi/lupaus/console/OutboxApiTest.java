package fi.lupaus.console;

import static fi.lupaus.console.TestServer.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.console.delivery.MailActionHandler;
import fi.lupaus.console.delivery.WebhookHandler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.internet.MimeMessage;

@Tag("store")
class OutboxApiTest {

    private static final String SECRET = "webhook-secret-0123456789";
    /** Short waits, so that retries happen within the test. */
    private static final ExtensionsConfig.Outbox FAST = new ExtensionsConfig.Outbox(Duration.ofMillis(50), 3,
            Duration.ofMillis(100), Duration.ofMillis(400), true);

    @TempDir
    Path dataDir;

    private final Vertx receiverVertx = Vertx.vertx();
    private TestServer server;

    /**
     * A real HTTP server that answers each delivery's requests with the statuses in turn (the
     * last one for ever after) and keeps what it got.
     */
    private final class Receiver {
        final List<Received> requests = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
        final List<Integer> statuses;
        final HttpServer http;

        Receiver(Integer... statuses) {
            this.statuses = List.of(statuses);
            http = TestServer.await(receiverVertx.createHttpServer()
                    .requestHandler(request -> request.body().onSuccess(body -> {
                        requests.add(new Received(body, request.getHeader(WebhookHandler.IDEMPOTENCY_HEADER),
                                request.getHeader(WebhookHandler.SIGNATURE_HEADER),
                                request.getHeader(WebhookHandler.ATTEMPT_HEADER)));
                        String key = request.getHeader(WebhookHandler.IDEMPOTENCY_HEADER);
                        int index = Math.min(answered.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement(),
                                this.statuses.size() - 1);
                        request.response().setStatusCode(this.statuses.get(index)).end();
                    }))
                    .listen(0, "127.0.0.1"));
        }

        List<Received> of(String key) {
            return requests.stream().filter(request -> key.equals(request.idempotencyKey())).toList();
        }

        String url() {
            return "http://127.0.0.1:" + http.actualPort() + "/lupaus-actions";
        }
    }

    private record Received(Buffer body, String idempotencyKey, String signature, String attempt) {
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        TestServer.await(receiverVertx.close());
    }

    private TestServer startWithWebhook(String url) {
        return startWithWebhook(url, FAST);
    }

    private TestServer startWithWebhook(String url, ExtensionsConfig.Outbox outbox) {
        return TestServer.start(TestServer.config(dataDir), ExtensionsConfig.defaults()
                .withPluginsDir(dataDir.resolve("plugins")).withOutbox(outbox)
                .withWebhook(new ExtensionsConfig.Webhook(url, SECRET, Duration.ofSeconds(2))), Clock.systemUTC());
    }

    /** A promoter, thanked (and whatever else the rules ask); answers the decision. */
    private JsonObject postPromoter(String id) {
        HttpResponse<Buffer> posted = server.post("/api/feedback", feedback(id, "C-1", "NPS", 10));
        assertThat(posted.statusCode()).isEqualTo(201);
        assertThat(posted.bodyAsJsonObject().getJsonArray("actions")).isNotEmpty();
        return posted.bodyAsJsonObject();
    }

    private JsonArray outbox(String state) {
        HttpResponse<Buffer> listed = server.get("/api/outbox?state=" + state);
        assertThat(listed.statusCode()).isEqualTo(200);
        return listed.bodyAsJsonObject().getJsonArray("items");
    }

    /** Every delivery in the outbox, whatever its state. */
    private List<JsonObject> deliveries() {
        return Stream.of("pending", "delivered", "dead").flatMap(state -> outbox(state).stream())
                .map(JsonObject.class::cast).toList();
    }

    private JsonArray webhookDeliveries(String state) {
        JsonArray webhook = new JsonArray();
        outbox(state).stream().map(JsonObject.class::cast).filter(item -> item.getString("handler").equals("webhook"))
                .forEach(webhook::add);
        return webhook;
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheActionAgainAfterEachFailureSignedTheSameWay() {
        Receiver receiver = new Receiver(500, 503, 204);
        server = startWithWebhook(receiver.url());

        JsonObject decision = postPromoter("fb-1");
        String decisionId = decision.getString("decisionId");
        int actions = decision.getJsonArray("actions").size();

        eventually(() -> webhookDeliveries("delivered").size() == actions);
        String thanks = decisionId + "/0/webhook";
        assertThat(receiver.of(thanks)).extracting(Received::attempt).containsExactly("1", "2", "3");
        assertThat(receiver.requests).hasSize(3 * actions);
        for (Received request : receiver.requests) {
            assertThat(signatureChecks(request, Instant.now())).as(request.signature()).isTrue();
            JsonObject body = request.body().toJsonObject();
            assertThat(body.getString("decisionId")).isEqualTo(decisionId);
            assertThat(body.getString("customerId")).isEqualTo("C-1");
            assertThat(body.getString("deliveryId")).isEqualTo(request.idempotencyKey());
        }
        assertThat(receiver.of(thanks).get(0).body().toJsonObject().getJsonObject("action").getString("type"))
                .isEqualTo("THANK");
        assertThat(webhookDeliveries("delivered").stream().map(JsonObject.class::cast)
                .map(delivery -> delivery.getInteger("attempts"))).containsOnly(3);
        Received first = receiver.requests.get(0);
        assertThat(signatureChecks(new Received(Buffer.buffer("tampered"), first.idempotencyKey(), first.signature(),
                first.attempt()), Instant.now())).isFalse();
        assertThat(signatureChecks(first, Instant.now().plus(Duration.ofMinutes(6))))
                .as("a signature replayed after the receiver's five-minute window").isFalse();
    }

    /**
     * What a receiver does (docs/security.md): {@code t=<seconds>,v1=<hex>}, the hex the
     * HMAC-SHA256 of {@code <seconds>.<body>}, and the time within five minutes of its clock.
     */
    private static boolean signatureChecks(Received request, Instant receiverNow) {
        Map<String, String> parts = new HashMap<>();
        for (String part : request.signature().split(",")) {
            String[] pair = part.split("=", 2);
            parts.put(pair[0], pair[1]);
        }
        long timestamp = Long.parseLong(parts.get("t"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + request.body().toString(StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1")))
                    && Math.abs(receiverNow.getEpochSecond() - timestamp) <= 300;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aReceiverThatNeverSucceedsEndsInTheDeadLetterListFromWhichItCanBeRetried() {
        Receiver receiver = new Receiver(500);
        server = startWithWebhook(receiver.url());
        int actions = postPromoter("fb-1").getJsonArray("actions").size();

        eventually(() -> webhookDeliveries("dead").size() == actions);
        JsonObject dead = webhookDeliveries("dead").getJsonObject(0);
        assertThat(dead.getInteger("attempts")).isEqualTo(3);
        assertThat(dead.getString("lastError")).contains("the webhook answered 500");
        assertThat(receiver.of(dead.getString("deliveryId"))).hasSize(3);

        String auditor = server.newToken("auditor");
        assertThat(server.get("/api/outbox?state=dead", auditor).statusCode()).isEqualTo(200);
        assertThat(server.post("/api/outbox/" + dead.getString("id") + "/retry", "{}", auditor).statusCode())
                .isEqualTo(403);

        HttpResponse<Buffer> retried = server.post("/api/outbox/" + dead.getString("id") + "/retry", "{}");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.bodyAsJsonObject().getString("state")).isEqualTo("pending");
        eventually(() -> receiver.of(dead.getString("deliveryId")).size() == 6
                && webhookDeliveries("dead").size() == actions);
        assertThat(server.post("/api/outbox/999999/retry", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void aServerStoppedWithUndeliveredActionsDeliversThemAfterRestart() {
        Receiver down = new Receiver(503);
        ExtensionsConfig.Outbox patient = new ExtensionsConfig.Outbox(Duration.ofMillis(50), 100,
                Duration.ofMillis(100), Duration.ofMillis(200), true);
        server = startWithWebhook(down.url(), patient);
        JsonObject first = postPromoter("fb-1");
        JsonObject second = postPromoter("fb-2");
        int actions = first.getJsonArray("actions").size() + second.getJsonArray("actions").size();
        eventually(() -> down.answered.size() == actions);
        server.close();
        server = null;

        Receiver up = new Receiver(200);
        server = startWithWebhook(up.url(), patient);

        eventually(() -> up.answered.keySet().equals(down.answered.keySet()));
        assertThat(up.answered.keySet()).contains(first.getString("decisionId") + "/0/webhook",
                second.getString("decisionId") + "/0/webhook");
        eventually(() -> webhookDeliveries("delivered").size() == actions);
    }

    @Test
    void theLogHandlerDeliversEveryActionAndTheOutboxCountsThem() {
        server = TestServer.start(TestServer.config(dataDir), ExtensionsConfig.defaults()
                .withPluginsDir(dataDir.resolve("plugins")).withOutbox(FAST), Clock.systemUTC());

        int actions = postPromoter("fb-1").getJsonArray("actions").size();

        eventually(() -> outbox("delivered").size() == actions);
        JsonObject listed = server.get("/api/outbox").bodyAsJsonObject();
        assertThat(listed.getJsonObject("counts")).isEqualTo(new JsonObject().put("pending", 0)
                .put("delivered", actions).put("dead", 0));
        assertThat(listed.getJsonArray("items").getJsonObject(0).getString("handler")).isEqualTo("log");
        assertThat(server.get("/api/outbox?state=lost").statusCode()).isEqualTo(400);
    }

    @Test
    void caseActionsAreMailedThroughSmtp() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            server = TestServer.start(TestServer.config(dataDir), ExtensionsConfig.defaults()
                    .withPluginsDir(dataDir.resolve("plugins")).withOutbox(FAST)
                    .withSmtp(new ExtensionsConfig.Smtp("127.0.0.1", smtp.getSmtp().getPort(), null, null, false,
                            "lupaus@example.com", List.of("service-team@example.com"), List.of("OPEN_CASE"),
                            Duration.ofSeconds(5))), Clock.systemUTC());

            HttpResponse<Buffer> posted = server.post("/api/feedback",
                    feedback("fb-1", "C-1001", "NPS", 3).put("loyaltyTier", "gold"));
            String thanked = postPromoter("fb-2").getString("decisionId");

            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("Lupaus: OPEN_CASE detractor-contact-48h for customer C-1001");
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("service-team@example.com");
            assertThat(mail.getHeader(MailActionHandler.DELIVERY_HEADER)[0])
                    .startsWith(posted.bodyAsJsonObject().getString("decisionId"));
            assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("Owner: team-lead");
            // A sweep makes every handler's deliveries of a decision at once: when the promoter's
            // decision has its log delivery, an e-mail delivery it should not get would be there too.
            eventually(() -> deliveries().stream().anyMatch(delivery -> delivery.getString("handler").equals("log")
                    && delivery.getString("decisionId").equals(thanked)));
            eventually(() -> deliveries().stream().filter(delivery -> delivery.getString("handler").equals("email"))
                    .allMatch(delivery -> delivery.getString("state").equals("delivered")));
            assertThat(deliveries()).filteredOn(delivery -> delivery.getString("handler").equals("email"))
                    .as("the promoter's thanks are not mailed").extracting(delivery -> delivery.getString("decisionId"))
                    .containsExactly(posted.bodyAsJsonObject().getString("decisionId"));
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        } finally {
            smtp.stop();
        }
    }

    static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not hold within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
