package fi.lupaus.console.api.feedback;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.Problems;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.decision.DecisionJson;
import fi.lupaus.console.decide.FeedbackDecider;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.log.Appended;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /api/feedback} and {@code POST /api/feedback/batch}: feedback in, decision out.
 * Every feedback of a request is checked before anything is decided; a request with any
 * problem is refused whole and nothing of it is stored.
 */
public final class FeedbackRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private void requireJson(RoutingContext ctx) {
        ctx.put(Problems.BODY_LIMIT_KEY, maxBodyBytes);
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            ctx.fail(415);
        } else {
            ctx.next();
        }
    }

    private void decideOne(RoutingContext ctx) {
        Instant arrival = decider.now();
        JsonNode body = parse(ctx);
        List<FieldError> errors = new ArrayList<>();
        Feedback feedback = FeedbackJson.read(body, "", arrival, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        decider.decide(List.of(feedback), arrival)
                .onSuccess(appended -> {
                    Appended one = appended.get(0);
                    ctx.response()
                            .setStatusCode(one.created() ? 201 : 200)
                            .putHeader(HttpHeaders.LOCATION, "/api/decisions/" + one.record().decisionId())
                            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .end(DecisionJson.decision(one.record()).encode());
                })
                .onFailure(ctx::fail);
    }

    private void decideBatch(RoutingContext ctx) {
        Instant arrival = decider.now();
        JsonNode body = parse(ctx);
        if (!body.isArray()) {
            throw ApiException.badRequest(List.of(new FieldError("body", "must be a JSON array of feedback")));
        }
        if (body.isEmpty() || body.size() > maxBatchSize) {
            throw ApiException.badRequest(List.of(new FieldError("body",
                    "must hold from 1 to " + maxBatchSize + " feedback, not " + body.size())));
        }
        List<FieldError> errors = new ArrayList<>();
        List<Feedback> batch = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            batch.add(FeedbackJson.read(body.get(i), "[" + i + "].", arrival, errors));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        decider.decide(batch, arrival)
                .onSuccess(appended -> {
                    JsonArray decisions = new JsonArray();
                    appended.forEach(one -> decisions.add(DecisionJson.decision(one.record())));
                    boolean anyCreated = appended.stream().anyMatch(Appended::created);
                    ctx.response()
                            .setStatusCode(anyCreated ? 201 : 200)
                            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .end(decisions.encode());
                })
                .onFailure(ctx::fail);
    }

    private static JsonNode parse(RoutingContext ctx) {
        if (ctx.body().isEmpty()) {
            throw ApiException.badRequest(List.of(new FieldError("body", "is empty; send the feedback as JSON")));
        }
        try {
            return JSON.readTree(ctx.body().buffer().getBytes());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest(List.of(new FieldError("body", "is not valid JSON" + where)));
        } catch (IOException e) {
            throw ApiException.badRequest(List.of(new FieldError("body", "is not valid UTF-8 JSON")));
        }
    }
}
