package fi.lupaus.console.api.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.Problems;
import fi.lupaus.console.api.RequestJson;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.decision.DecisionAnswers;
import fi.lupaus.console.decide.FeedbackDecider;
import fi.lupaus.console.decide.Posted;
import fi.lupaus.engine.log.Appended;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /api/feedback} and {@code POST /api/feedback/batch}: feedback in, decision out.
 * Every feedback of a request is checked before anything is decided; a request with any
 * problem is refused whole and nothing of it is stored. An id seen before answers its original
 * decision for the same feedback ({@link Posted#sameAs}) and {@code 409} for other feedback,
 * telling nothing of what the id holds.
 */
public final class FeedbackRoutes {

    private final Vertx vertx;
    private final FeedbackDecider decider;
    private final int maxBodyBytes;
    private final int maxBatchSize;

    public FeedbackRoutes(Vertx vertx, FeedbackDecider decider, int maxBodyBytes, int maxBatchSize) {
        this.vertx = vertx;
        this.decider = decider;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBatchSize = maxBatchSize;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.post().handler(Permission.FEEDBACK_POST.required());
        router.post().handler(this::requireJson);
        router.post().handler(BodyHandler.create().setBodyLimit(maxBodyBytes));
        router.post("/").handler(this::decideOne);
        router.post("/batch").handler(this::decideBatch);
        return router;
    }

    /**
     * JSON is {@code application/json}, with parameters or without; a charset, if named, is
     * UTF-8 (RFC 8259). {@code application/jsonfoo} or {@code application/json-patch+json} is not.
     */
    private void requireJson(RoutingContext ctx) {
        ctx.put(Problems.BODY_LIMIT_KEY, maxBodyBytes);
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String problem = contentTypeProblem(contentType);
        if (problem != null) {
            throw new ApiException(415, List.of(new FieldError("Content-Type", problem)));
        }
        ctx.next();
    }

    static String contentTypeProblem(String contentType) {
        if (contentType == null) {
            return "is missing; send Content-Type: application/json";
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return "'" + shorten(contentType) + "' is not application/json; send Content-Type: application/json";
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && (parameter.length < 2
                    || !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return "'" + shorten(contentType) + "' names a charset other than UTF-8; JSON is sent in UTF-8";
            }
        }
        return null;
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private void decideOne(RoutingContext ctx) {
        Instant arrival = decider.now();
        JsonNode body = RequestJson.strictTree(ctx);
        List<FieldError> errors = new ArrayList<>();
        Posted posted = FeedbackJson.readPosted(body, "", arrival, null, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        decider.decide(List.of(posted.feedback()), arrival)
                .onSuccess(appended -> {
                    if (!FeedbackDecider.conflicts(List.of(posted), appended).isEmpty()) {
                        ctx.fail(conflict(List.of(new FieldError("id", taken(posted)))));
                        return;
                    }
                    Appended one = appended.get(0);
                    ctx.response()
                            .setStatusCode(one.created() ? 201 : 200)
                            .putHeader(HttpHeaders.LOCATION, "/api/decisions/" + one.record().decisionId())
                            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .end(Answers.encode(DecisionAnswers.decision(one.record())));
                })
                .onFailure(ctx::fail);
    }

    private void decideBatch(RoutingContext ctx) {
        Instant arrival = decider.now();
        JsonNode body = RequestJson.strictTree(ctx);
        if (!body.isArray()) {
            throw ApiException.badRequest(List.of(new FieldError("body", "must be a JSON array of feedback")));
        }
        if (body.isEmpty() || body.size() > maxBatchSize) {
            throw ApiException.badRequest(List.of(new FieldError("body",
                    "must hold from 1 to " + maxBatchSize + " feedback, not " + body.size())));
        }
        List<FieldError> errors = new ArrayList<>();
        List<Posted> batch = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            batch.add(FeedbackJson.readPosted(body.get(i), "[" + i + "].", arrival, null, errors));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        // Checked before deciding, so that a batch with a taken id is refused whole; a post of the
        // same id racing this one is caught after, when the log answers with its record.
        decider.conflicts(batch)
                .compose(conflicts -> {
                    if (!conflicts.isEmpty()) {
                        return Future.failedFuture(conflict(itemErrors(batch, conflicts, "")));
                    }
                    return decider.decide(batch.stream().map(Posted::feedback).toList(), arrival);
                })
                .onSuccess(appended -> {
                    List<Integer> conflicts = FeedbackDecider.conflicts(batch, appended);
                    if (!conflicts.isEmpty()) {
                        ctx.fail(conflict(itemErrors(batch, conflicts, "; the batch's other feedback was decided: "
                                + "post them again, without this one, to read their decisions")));
                        return;
                    }
                    List<DecisionAnswers.DecisionAnswer> decisions = appended.stream()
                            .map(one -> DecisionAnswers.decision(one.record())).toList();
                    boolean anyCreated = appended.stream().anyMatch(Appended::created);
                    ctx.response()
                            .setStatusCode(anyCreated ? 201 : 200)
                            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .end(Answers.encode(decisions));
                })
                .onFailure(ctx::fail);
    }

    private static List<FieldError> itemErrors(List<Posted> batch, List<Integer> conflicts, String more) {
        return conflicts.stream().map(i -> new FieldError("[" + i + "].id", taken(batch.get(i)) + more)).toList();
    }

    /** Names the conflict, and nothing of the other feedback nor of its decision. */
    private static String taken(Posted posted) {
        return "'" + shorten(posted.feedback().id()) + "' is the id of other feedback already; nothing of this "
                + "feedback was stored. The same id answers the original decision only for the same feedback: "
                + "send new feedback under a new id";
    }

    private static ApiException conflict(List<FieldError> errors) {
        return new ApiException(409, errors);
    }
}
