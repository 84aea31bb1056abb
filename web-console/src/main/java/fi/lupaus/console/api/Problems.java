package fi.lupaus.console.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.console.decide.DecisionAbandonedException;
import fi.lupaus.console.decide.OverloadedException;
import fi.lupaus.engine.log.LogFullException;
import fi.lupaus.engine.ruleset.InvalidRuleSetException;
import fi.lupaus.engine.sandbox.SandboxLimitException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * The one place where failures become responses: {@code {"errors":[{"field":…,"reason":…}]}}
 * with a fitting status, never a stack trace. Unexpected failures are logged under a reference
 * that the response gives, so that an operator can find them.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    /** Seconds a caller told to back off should wait. */
    static final String RETRY_AFTER_SECONDS = "1";

    private Problems() {
    }

    /** The router's failure handler. */
    public static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException api) {
            if (api.retryAfterSeconds() > 0) {
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(api.retryAfterSeconds()));
            }
            send(ctx, api.status(), api.errors());
        } else if (failure instanceof HttpException http) {
            if (http.getStatusCode() == 401) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
            }
            send(ctx, http.getStatusCode(), List.of(byStatus(ctx, http.getStatusCode(), http.getPayload())));
        } else if (failure instanceof SandboxLimitException limit) {
            // Rules that hit a limit are the rules' fault, told in words; a full sandbox is a moment's.
            if (limit.limit() == SandboxLimitException.Limit.BUSY) {
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            }
            send(ctx, limit.limit() == SandboxLimitException.Limit.BUSY ? 503 : 422,
                    List.of(new FieldError("sources", limit.getMessage())));
        } else if (failure instanceof InvalidRuleSetException invalid) {
            send(ctx, 422, invalid.errors().stream().map(error -> new FieldError("sources", error.source() + ":"
                    + error.line() + ":" + error.column() + ": " + error.message())).toList());
        } else if (failure instanceof LogFullException || failure instanceof OverloadedException
                || failure instanceof DecisionAbandonedException) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            send(ctx, 503, List.of(FieldError.of(failure.getMessage())));
        } else if (failure instanceof HttpClosedException) {
            LOG.debug("{} {}: the client closed the connection", ctx.request().method(), ctx.request().path());
        } else if (failure == null || (ctx.statusCode() >= 400 && ctx.statusCode() < 500)) {
            send(ctx, ctx.statusCode(), List.of(byStatus(ctx, ctx.statusCode(), null)));
        } else if (!ctx.request().isEnded() && hasBody(ctx.request())) {
            // The request broke while its body was being read (bad chunk framing, say): the
            // sender's fault, and nothing of it was handled.
            send(ctx, 400, List.of(new FieldError("body", "could not be read: " + failure.getMessage())));
        } else {
            String reference = UUID.randomUUID().toString();
            RequestIds.log(ctx, () -> LOG.error("{} {} failed, reference {}", ctx.request().method(),
                    pathWithoutParameters(ctx), reference, failure));
            send(ctx, 500, List.of(FieldError.of(
                    "the server failed to handle this request; nothing was stored; reference " + reference)));
        }
    }

    private static FieldError byStatus(RoutingContext ctx, int status, String detail) {
        return switch (status) {
            case 401 -> FieldError.of(detail != null ? detail : "sign in, or send Authorization: Bearer <token>");
            case 403 -> FieldError.of(detail != null && !detail.isBlank() ? detail
                    : "not allowed: your role may not do this (a signed-in console request also needs its "
                    + CSRF_HEADER + " header)");
            case 404 -> FieldError.of("there is no " + ctx.request().path());
            case 405 -> FieldError.of(ctx.request().method() + " is not allowed on " + ctx.request().path());
            case 413 -> new FieldError("body", "the body is larger than the limit of "
                    + String.valueOf(ctx.<Object>get(BODY_LIMIT_KEY, "the configured")) + " bytes");
            case 415 -> new FieldError("Content-Type", "send application/json");
            default -> FieldError.of("the request could not be handled (HTTP " + status + ")");
        };
    }

    /** The header the console sends its CSRF token in. */
    public static final String CSRF_HEADER = "X-XSRF-TOKEN";

    /** Where routes leave the body limit, so that a 413 can name it. */
    public static final String BODY_LIMIT_KEY = "lupaus.bodyLimit";

    /**
     * Whether the request carries a body. One without (a GET, say) is never read, so it is not
     * ended when a route fails: that failure is the server's, not a body that broke.
     */
    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return (length != null && !length.strip().equals("0")) || encoding != null;
    }

    /**
     * The path with its parameters (usernames, ids) left out, segment by segment, so that logs hold
     * no personal data. A sub-router's wildcard, the rest of the path or nothing, is not a parameter.
     */
    private static String pathWithoutParameters(RoutingContext ctx) {
        List<String> values = ctx.pathParams().values().stream()
                .filter(value -> !value.isEmpty() && !value.contains("/")).toList();
        String[] segments = ctx.request().path().split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (values.contains(segments[i]) || values.contains(decoded(segments[i]))) {
                segments[i] = "{…}";
            }
        }
        return String.join("/", segments);
    }

    private static String decoded(String segment) {
        try {
            return URLDecoder.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /**
     * Until a route reads the body, a failure of the request (its body's framing broke) is answered
     * 400 and the connection closed; a route that reads the body takes the failures over.
     */
    public static void answerBrokenFraming(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.exceptionHandler(failure -> {
            if (!ctx.response().headWritten()) {
                malformed(request, 400, failure);
            }
        });
        ctx.next();
    }

    /** Requests so malformed that they never reach the router still get an error in our shape. */
    public static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpLineException ? 414
                : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        malformed(request, status, cause);
    }

    private static void malformed(HttpServerRequest request, int status, Throwable cause) {
        FieldError error = FieldError.of("the HTTP request is malformed"
                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Answers.encode(new Answers.Errors(List.of(error))));
    }

    public static void send(RoutingContext ctx, int status, List<FieldError> errors) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status < 400 ? 500 : status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Answers.encode(new Answers.Errors(errors)));
    }
}
