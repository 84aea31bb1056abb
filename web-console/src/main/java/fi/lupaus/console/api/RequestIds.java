package fi.lupaus.console.api;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.slf4j.MDC;

import fi.lupaus.console.access.Caller;
import io.vertx.ext.web.RoutingContext;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} when it is a plain token, else a
 * new one; the answer carries it back. Log lines written for a request name it and the caller
 * (MDC {@code requestId}, {@code caller}), so that an operator can find what a caller reports.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "lupaus.requestId";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    /** The router's first handler. */
    public static void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given
                : Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    /** Writes a log line with the request's id and caller in the MDC. */
    public static void log(RoutingContext ctx, Runnable line) {
        String id = ctx.get(KEY);
        if (id != null) {
            MDC.put("requestId", id);
        }
        if (ctx.user() != null && ctx.user().principal().containsKey("caller")) {
            MDC.put("caller", Caller.of(ctx.user()).id());
        }
        try {
            line.run();
        } finally {
            MDC.remove("requestId");
            MDC.remove("caller");
        }
    }
}
