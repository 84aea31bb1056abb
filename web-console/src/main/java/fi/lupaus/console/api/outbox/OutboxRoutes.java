package fi.lupaus.console.api.outbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.engine.delivery.Outbox;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/outbox?state=pending|delivered|dead}: deliveries, oldest first, a page at a
 * time; {@code POST /api/outbox/{id}/retry} and {@code POST /api/outbox/retry}: send one or every
 * dead delivery round again.
 */
public final class OutboxRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final Vertx vertx;
    private final Outbox outbox;

    public OutboxRoutes(Vertx vertx, Outbox outbox) {
        this.vertx = vertx;
        this.outbox = outbox;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(Permission.OUTBOX_READ.required()).handler(this::list);
        router.post("/retry").handler(Permission.OUTBOX_MANAGE.required()).handler(this::retryAll);
        router.post("/:id/retry").handler(Permission.OUTBOX_MANAGE.required()).handler(this::retry);
        return router;
    }

    private void list(RoutingContext ctx) {
        Outbox.State state = state(ctx.queryParams().get("state"));
        long after = number(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        vertx.executeBlocking(() -> {
                    List<Outbox.Delivery> page = outbox.list(state, after, limit + 1);
                    Map<String, Long> counts = new LinkedHashMap<>();
                    outbox.counts().forEach((key, count) -> counts.put(key.wireName(), count));
                    return new OutboxPage(counts, page.stream().limit(limit).map(DeliveryAnswer::of).toList(),
                            page.size() > limit ? Long.toString(page.get(limit - 1).id()) : null);
                }, false)
                .onSuccess(body -> Answers.send(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private void retry(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("there is no delivery " + ctx.pathParam("id"));
        }
        vertx.executeBlocking(() -> {
                    Outbox.Delivery delivery = outbox.find(id)
                            .orElseThrow(() -> ApiException.notFound("there is no delivery " + id));
                    if (!outbox.retry(id)) {
                        throw new ApiException(409, List.of(FieldError.of("delivery " + id + " is "
                                + delivery.state().wireName() + ", not dead")));
                    }
                    return DeliveryAnswer.of(outbox.find(id).orElseThrow());
                }, false)
                .onSuccess(body -> Answers.send(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private void retryAll(RoutingContext ctx) {
        vertx.executeBlocking(outbox::retryAllDead, false)
                .onSuccess(count -> Answers.send(ctx, 200, new Retried(count)))
                .onFailure(ctx::fail);
    }

    private static Outbox.State state(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Outbox.State.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(List.of(new FieldError("state", "'" + value
                    + "' is not one of pending, delivered, dead")));
        }
    }

    private static long number(RoutingContext ctx, String name, long fallback, long min, long max) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(List.of(new FieldError(name, "must be a whole number from " + min + " to " + max)));
    }

    /** The outbox's deliveries by state, and a page of them. */
    record OutboxPage(Map<String, Long> counts, List<DeliveryAnswer> items, String next) {
    }

    record Retried(long retried) {
    }

    /** A delivery; when it is tried next only while it is pending. */
    record DeliveryAnswer(String id, String deliveryId, String decisionId, int actionIndex, String actionType,
                          String handler, String state, int attempts, Instant createdAt, Instant nextAttemptAt,
                          Instant deliveredAt, String lastError) {
        static DeliveryAnswer of(Outbox.Delivery delivery) {
            return new DeliveryAnswer(Long.toString(delivery.id()), delivery.deliveryId(), delivery.decisionId(),
                    delivery.actionIndex(), delivery.actionType(), delivery.handler(), delivery.state().wireName(),
                    delivery.attempts(), delivery.createdAt(),
                    delivery.state() == Outbox.State.PENDING ? delivery.nextAttemptAt() : null, delivery.deliveredAt(),
                    delivery.lastError());
        }
    }
}
