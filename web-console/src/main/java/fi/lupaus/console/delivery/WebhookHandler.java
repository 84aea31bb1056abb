package fi.lupaus.console.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.engine.delivery.ActionDelivery;
import fi.lupaus.engine.delivery.ActionHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * POSTs every action as JSON to the configured URL. The receiver can check that Lupaus sent it,
 * and when: {@value #SIGNATURE_HEADER} is {@code t=<unix seconds>,v1=<hex>}, the hex being the
 * HMAC-SHA256 under the shared secret of the text {@code <unix seconds>.<exact body bytes>}.
 * A receiver refuses a signature whose time is more than five minutes from its own clock, so a
 * captured request cannot be replayed later (docs/security.md); every attempt is signed anew.
 * {@value #IDEMPOTENCY_HEADER} is the delivery id, the same on every attempt, so a receiver can
 * drop a repeat. Any answer but 2xx, or none within the timeout, is a failed attempt.
 */
public final class WebhookHandler implements ActionHandler {

    public static final String SIGNATURE_HEADER = "X-Lupaus-Signature";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String ATTEMPT_HEADER = "X-Lupaus-Attempt";

    private final Context context;
    private final WebClient client;
    private final ExtensionsConfig.Webhook config;
    private final Clock clock;

    /** @param context an event-loop context: requests are sent from it, delivery threads only wait */
    public WebhookHandler(Vertx vertx, Context context, ExtensionsConfig.Webhook config, Clock clock) {
        this.context = context;
        this.config = config;
        this.clock = clock;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setUserAgent("Lupaus-Webhook/1"));
    }

    @Override
    public String id() {
        return "webhook";
    }

    @Override
    public void deliver(ActionDelivery delivery) throws Exception {
        byte[] body = ActionJson.of(delivery).encode().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        CompletableFuture<Integer> answered = new CompletableFuture<>();
        context.runOnContext(v -> client.postAbs(config.url())
                .timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(IDEMPOTENCY_HEADER, delivery.deliveryId())
                .putHeader(ATTEMPT_HEADER, Integer.toString(delivery.attempt()))
                .putHeader(SIGNATURE_HEADER, "t=" + timestamp + ",v1=" + sign(config.secret(), timestamp, body))
                .sendBuffer(Buffer.buffer(body))
                .onSuccess(response -> answered.complete(response.statusCode()))
                .onFailure(answered::completeExceptionally));
        int status = answered.get(config.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        if (status < 200 || status > 299) {
            throw new IOException("the webhook answered " + status);
        }
    }

    /** The hex HMAC-SHA256 under the secret of {@code <timestamp>.<body>}. */
    static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public void close() {
        client.close();
    }
}
