package fi.lupaus.console.api.decision;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.engine.audit.Explainer;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.DecisionLog;
import fi.lupaus.engine.log.DecisionQuery;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.log.Page;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/decisions/{decisionId}} and {@code GET /api/decisions?customerId=…&from=…&to=…&rule=…&action=…}
 * with the total the filters match; {@code rule} matches any part of a fired rule's name, in any case.
 */
public final class DecisionRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final Vertx vertx;
    private final DecisionLog log;
    private final Explainer explainer;

    public DecisionRoutes(Vertx vertx, DecisionLog log, Explainer explainer) {
        this.vertx = vertx;
        this.log = log;
        this.explainer = explainer;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route().handler(Permission.DECISIONS_READ.required());
        router.get("/").handler(this::list);
        router.get("/:decisionId").handler(this::one);
        router.get("/:decisionId/explanation").handler(this::explanation);
        return router;
    }

    private void one(RoutingContext ctx) {
        String decisionId = ctx.pathParam("decisionId");
        vertx.executeBlocking(() -> log.find(decisionId), false)
                .onSuccess(found -> found.ifPresentOrElse(
                        record -> Answers.send(ctx, 200, DecisionAnswers.decisionWithFeedback(record)),
                        () -> ctx.fail(ApiException.notFound("there is no decision " + decisionId))))
                .onFailure(ctx::fail);
    }

    private void explanation(RoutingContext ctx) {
        String decisionId = ctx.pathParam("decisionId");
        vertx.executeBlocking(() -> explainer.explain(decisionId), false)
                .onSuccess(found -> found.ifPresentOrElse(
                        explanation -> Answers.send(ctx, 200, DecisionAnswers.explanation(explanation)),
                        () -> ctx.fail(ApiException.notFound("there is no decision " + decisionId
                                + " whose rule set is kept"))))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        DecisionQuery query = query(ctx);
        vertx.executeBlocking(() -> page(log.query(query), log.count(query)), false)
                .onSuccess(page -> Answers.send(ctx, 200, page))
                .onFailure(ctx::fail);
    }

    private static DecisionQuery query(RoutingContext ctx) {
        List<FieldError> errors = new ArrayList<>();
        String customerId = ctx.queryParams().get("customerId");
        Instant from = instant(ctx, "from", errors);
        Instant to = instant(ctx, "to", errors);
        int limit = limit(ctx, errors);
        String after = ctx.queryParams().get("after");
        if (after != null && !after.matches("[0-9a-f-]{36}")) {
            errors.add(new FieldError("after", "must be the 'next' cursor of a previous page"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "must be after 'from'"));
        }
        String rule = ctx.queryParams().get("rule");
        ActionType action = actionType(ctx.queryParams().get("action"), errors);
        DecisionQuery.Answers answers = answers(ctx, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new DecisionQuery(customerId, from, to, after, limit, rule == null || rule.isBlank() ? null : rule,
                action, answers);
    }

    /** What a scoreboard number counts: the answers given in a time, to a survey, with scores, where. */
    private static DecisionQuery.Answers answers(RoutingContext ctx, List<FieldError> errors) {
        Instant receivedFrom = instant(ctx, "receivedFrom", errors);
        Instant receivedTo = instant(ctx, "receivedTo", errors);
        if (receivedFrom != null && receivedTo != null && !receivedFrom.isBefore(receivedTo)) {
            errors.add(new FieldError("receivedTo", "must be after 'receivedFrom'"));
        }
        String surveyText = ctx.queryParams().get("survey");
        boolean answered = surveyText != null;
        Survey survey = "any".equals(surveyText) ? null : named(Survey.class, "survey", surveyText, errors);
        Integer scoreMin = score(ctx, "scoreMin", errors);
        Integer scoreMax = score(ctx, "scoreMax", errors);
        Touchpoint touchpoint = named(Touchpoint.class, "touchpoint", ctx.queryParams().get("touchpoint"), errors);
        Phase phase = named(Phase.class, "phase", ctx.queryParams().get("phase"), errors);
        return new DecisionQuery.Answers(receivedFrom, receivedTo, answered || scoreMin != null || scoreMax != null,
                survey, scoreMin, scoreMax, touchpoint, phase);
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        errors.add(new FieldError(name, "'" + value + "' is not one of " + List.of(type.getEnumConstants()).stream()
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ("survey".equals(name) ? " or any" : "")));
        return null;
    }

    private static Integer score(RoutingContext ctx, String name, List<FieldError> errors) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return null;
        }
        if (!value.matches("\\d{1,2}") || Integer.parseInt(value) > 10) {
            errors.add(new FieldError(name, "must be a score from 0 to 10"));
            return null;
        }
        return Integer.parseInt(value);
    }

    private static ActionType actionType(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (ActionType type : ActionType.values()) {
            if (type.name().equalsIgnoreCase(value)) {
                return type;
            }
        }
        errors.add(new FieldError("action", "'" + value + "' is not one of " + List.of(ActionType.values())));
        return null;
    }

    private static Instant instant(RoutingContext ctx, String name, List<FieldError> errors) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z"));
            return null;
        }
    }

    private static int limit(RoutingContext ctx, List<FieldError> errors) {
        String value = ctx.queryParams().get("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    /** A page of decisions with how many match in all; {@code next} is absent on the last page. */
    record DecisionPage(List<DecisionAnswers.DecisionAnswer> items, long total, String next) {
    }

    private static DecisionPage page(Page<DecisionRecord> page, long total) {
        return new DecisionPage(page.items().stream().map(DecisionAnswers::decisionWithFeedback).toList(), total,
                page.next());
    }
}
