package fi.lupaus.console.api.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.decision.DecisionJson;
import fi.lupaus.engine.audit.Auditor;
import fi.lupaus.engine.audit.Replay;
import fi.lupaus.engine.audit.VerifyReport;
import fi.lupaus.engine.decision.Decision;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /api/audit/replay/{decisionId}} and {@code POST /api/audit/verify}: decide a
 * recorded decision again, and check the log's chain and replays over a time range.
 */
public final class AuditRoutes {

    private final Vertx vertx;
    private final Auditor auditor;

    public AuditRoutes(Vertx vertx, Auditor auditor) {
        this.vertx = vertx;
        this.auditor = auditor;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route().handler(Permission.AUDIT_READ.required());
        router.post("/replay/:decisionId").handler(this::replay);
        router.post("/verify").handler(BodyHandler.create().setBodyLimit(4 * 1024)).handler(this::verify);
        return router;
    }

    private void replay(RoutingContext ctx) {
        String decisionId = ctx.pathParam("decisionId");
        vertx.executeBlocking(() -> auditor.replay(decisionId), false)
                .onSuccess(found -> found.ifPresentOrElse(
                        replay -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .end(replay(replay).encode()),
                        () -> ctx.fail(ApiException.notFound("there is no decision " + decisionId))))
                .onFailure(ctx::fail);
    }

    /**
     * Answers JSON Lines as it goes: a {@code {"checked":n}} line every thousand records, then
     * the report, so that a long verify shows its progress.
     */
    private void verify(RoutingContext ctx) {
        JsonObject body = body(ctx);
        List<FieldError> errors = new ArrayList<>();
        Instant from = instant(body, "from", errors);
        Instant to = instant(body, "to", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson");
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> auditor.verify(from, to, checked -> context.runOnContext(v -> {
                    if (!response.ended()) {
                        response.write(new JsonObject().put("checked", checked).encode() + "\n");
                    }
                })), false)
                .onSuccess(report -> response.end(report(report).encode() + "\n"))
                .onFailure(ctx::fail);
    }

    private static JsonObject replay(Replay replay) {
        return new JsonObject()
                .put("decisionId", replay.decisionId())
                .put("outcome", replay.identical() ? "identical" : "different")
                .put("differences", new JsonArray(replay.differences()))
                .put("recorded", decision(replay.recorded()))
                .put("replayed", replay.replayed() == null ? null : decision(replay.replayed()));
    }

    private static JsonObject decision(Decision decision) {
        JsonArray actions = new JsonArray();
        decision.actions().forEach(action -> actions.add(DecisionJson.action(action)));
        return new JsonObject().put("ruleSetVersion", decision.ruleSetVersion())
                .put("decidedAt", decision.decidedAt().toString())
                .put("firedRules", new JsonArray(decision.firedRules()))
                .put("actions", actions);
    }

    private static JsonObject report(VerifyReport report) {
        JsonArray problems = new JsonArray();
        report.problems().forEach(problem -> problems.add(new JsonObject().put("seq", problem.seq())
                .put("decisionId", problem.decisionId()).put("reason", problem.reason())));
        return new JsonObject().put("checked", report.checked()).put("clean", report.clean())
                .put("problems", problems);
    }

    private static JsonObject body(RoutingContext ctx) {
        if (ctx.body().isEmpty()) {
            return new JsonObject();
        }
        try {
            JsonObject body = ctx.body().asJsonObject();
            return body == null ? new JsonObject() : body;
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.badRequest(List.of(new FieldError("body", "is not a JSON object")));
        }
    }

    private static Instant instant(JsonObject body, String field, List<FieldError> errors) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z"));
            return null;
        }
    }
}
