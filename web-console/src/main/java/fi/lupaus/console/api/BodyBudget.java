package fi.lupaus.console.api;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds the request bodies held in memory by all connections together, and how slowly a body
 * may arrive. Mounted where the caller is known (and on sign-in), before any route reads a
 * body: each request with a body reserves its length (at most the largest body a route
 * buffers) until it is answered; past the budget it is answered 503 with Retry-After and
 * its connection closed, unread. A body must arrive within five seconds plus its length at the
 * minimum rate, or its connection is closed.
 */
public final class BodyBudget implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(BodyBudget.class);
    private static final String RESERVED_KEY = "lupaus.bodyReserved";
    private static final long GRACE_MILLIS = 5_000;

    private final Vertx vertx;
    private final long budget;
    private final long largestBody;
    private final int minBytesPerSecond;
    private final AtomicLong reserved = new AtomicLong();

    /**
     * @param budget            body bytes all requests together may hold
     * @param largestBody       the largest body any route buffers: what a body without a length reserves
     * @param minBytesPerSecond the slowest a body may arrive
     */
    public BodyBudget(Vertx vertx, long budget, long largestBody, int minBytesPerSecond) {
        this.vertx = vertx;
        this.budget = budget;
        this.largestBody = largestBody;
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long length = contentLength(request);
        if (ctx.get(RESERVED_KEY) != null || length == 0 || request.isEnded()) {
            ctx.next();
            return;
        }
        long reserve = length < 0 ? largestBody : Math.min(length, largestBody);
        if (reserved.addAndGet(reserve) > budget) {
            reserved.addAndGet(-reserve);
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.fail(new ApiException(503, List.of(FieldError.of(
                    "the server holds as many request bodies as it may; try again shortly")), 1));
            return;
        }
        ctx.put(RESERVED_KEY, reserve);
        long deadline = GRACE_MILLIS + reserve * 1_000 / minBytesPerSecond;
        long timer = vertx.setTimer(deadline, id -> {
            if (!request.isEnded()) {
                LOG.debug("a body did not arrive within {} ms; closing its connection", deadline);
                request.connection().close();
            }
        });
        AtomicBoolean released = new AtomicBoolean();
        ctx.addEndHandler(done -> {
            vertx.cancelTimer(timer);
            if (released.compareAndSet(false, true)) {
                reserved.addAndGet(-reserve);
            }
        });
        ctx.next();
    }

    /** Body bytes held now, for tests and metrics. */
    public long reserved() {
        return reserved.get();
    }

    /** The declared length; -1 when the body is chunked, 0 when there is none. */
    private static long contentLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                return Math.max(0, Long.parseLong(length.strip()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null ? -1 : 0;
    }
}
