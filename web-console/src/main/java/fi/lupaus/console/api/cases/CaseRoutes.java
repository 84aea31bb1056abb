package fi.lupaus.console.api.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import fi.lupaus.console.access.AccessStore;
import fi.lupaus.console.access.Caller;
import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.RequestJson;
import fi.lupaus.console.api.openapi.RequestSchemas;
import fi.lupaus.engine.casework.CaseEvent;
import fi.lupaus.engine.casework.CaseFile;
import fi.lupaus.engine.casework.CaseQuery;
import fi.lupaus.engine.casework.CaseStore;
import fi.lupaus.engine.casework.CaseTransitionException;
import fi.lupaus.engine.casework.Outcome;
import fi.lupaus.engine.fact.CaseState;
import fi.lupaus.engine.log.Page;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The cases that keep the promises: {@code GET /api/cases?state=…&owner=…&promise=…&overdue=true&sort=due}
 * with the total the filters match,
 * {@code GET /api/cases/{caseId}} and the steps people take: acknowledge, resolve, reassign,
 * cancel. Every step is written to the audit log under the caller's name.
 */
public final class CaseRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final int MAX_DUE_WITHIN_HOURS = 2_160;
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final Vertx vertx;
    private final RequestSchemas schemas;
    private final CaseStore cases;
    private final AccessStore access;
    private final Clock clock;

    public CaseRoutes(Vertx vertx, CaseStore cases, AccessStore access, Clock clock, RequestSchemas schemas) {
        this.vertx = vertx;
        this.schemas = schemas;
        this.cases = cases;
        this.access = access;
        this.clock = clock;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get().handler(Permission.CASES_READ.required());
        router.post().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.post().handler(Permission.CASES_WORK.required());
        router.get("/").handler(this::list);
        router.get("/:caseId").handler(this::one);
        router.post("/:caseId/acknowledge").handler(ctx -> change(ctx, "acknowledged",
                (caseId, actor, at) -> cases.acknowledge(caseId, actor, at)));
        router.post("/:caseId/resolve").handler(schemas.check("resolveCase")).handler(this::resolve);
        router.post("/:caseId/reassign").handler(schemas.check("reassignCase")).handler(this::reassign);
        router.post("/:caseId/cancel").handler(schemas.check("cancelCase")).handler(this::cancel);
        return router;
    }

    private interface Step {
        Optional<CaseFile> apply(String caseId, String actor, Instant at);
    }

    // The bodies of the steps were checked against the document's schemas (LupausVerticle).
    private void resolve(RoutingContext ctx) {
        JsonObject body = RequestJson.object(ctx);
        Outcome outcome = Outcome.valueOf(body.getString("outcome").toUpperCase(Locale.ROOT).replace('-', '_'));
        String note = body.getString("note");
        change(ctx, "resolved", (caseId, actor, at) -> cases.resolve(caseId, outcome, note, actor, at));
    }

    /** A cancelled case cannot be opened again, so that the reason is asked for and kept. */
    private void cancel(RoutingContext ctx) {
        String note = RequestJson.object(ctx).getString("note");
        change(ctx, "cancelled", (caseId, actor, at) -> cases.cancel(caseId, note.strip(), actor, at));
    }

    private void reassign(RoutingContext ctx) {
        String owner = RequestJson.object(ctx).getString("owner");
        change(ctx, "reassigned", (caseId, actor, at) -> cases.reassign(caseId, owner.strip(), actor, at));
    }

    private void change(RoutingContext ctx, String done, Step step) {
        String caseId = ctx.pathParam("caseId");
        Caller actor = Caller.of(ctx.user());
        blocking(() -> {
            Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Optional<CaseFile> changed = step.apply(caseId, actor.name(), at);
            changed.ifPresent(file -> access.recordEvent(at, actor, "case." + done, caseId,
                    "state " + lower(file.state()) + ", owner " + file.owner()));
            return changed;
        }).onSuccess(changed -> changed.ifPresentOrElse(
                        file -> Answers.send(ctx, 200, CaseAnswer.of(file, clock.instant())),
                        () -> ctx.fail(ApiException.notFound("there is no case " + caseId))))
                .onFailure(failure -> ctx.fail(failure instanceof CaseTransitionException refused
                        ? new ApiException(409, List.of(new FieldError("state", refused.getMessage())))
                        : failure));
    }

    private void one(RoutingContext ctx) {
        String caseId = ctx.pathParam("caseId");
        blocking(() -> cases.find(caseId))
                .onSuccess(found -> found.ifPresentOrElse(
                        file -> Answers.send(ctx, 200, CaseAnswer.of(file, clock.instant())),
                        () -> ctx.fail(ApiException.notFound("there is no case " + caseId))))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        CaseQuery query = query(ctx, clock.instant());
        if (query == null) {
            Answers.send(ctx, 200, new CountedPage<>(List.of(), null, 0));
            return;
        }
        blocking(() -> {
            Instant now = clock.instant();
            Page<CaseFile> page = cases.query(query);
            return new CountedPage<>(page.items().stream().map(file -> CaseAnswer.of(file, now)).toList(), page.next(),
                    cases.count(query));
        })
                .onSuccess(page -> Answers.send(ctx, 200, page))
                .onFailure(ctx::fail);
    }

    private <T> io.vertx.core.Future<T> blocking(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    private static CaseQuery query(RoutingContext ctx, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Set<CaseState> states = EnumSet.noneOf(CaseState.class);
        for (String stateText : ctx.queryParams().getAll("state")) {
            try {
                states.add(CaseState.valueOf(stateText.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("state", "must be open, acknowledged, resolved or cancelled"));
            }
        }
        Instant dueFrom = null;
        Instant dueBefore = null;
        String overdue = ctx.queryParams().get("overdue");
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
            errors.add(new FieldError("overdue", "must be true or false"));
        }
        if ("true".equals(overdue)) {
            dueBefore = now;
        }
        String dueWithin = ctx.queryParams().get("dueWithin");
        if (dueWithin != null) {
            int hours = wholeNumber(dueWithin);
            if (hours < 1 || hours > MAX_DUE_WITHIN_HOURS || "true".equals(overdue)) {
                errors.add(new FieldError("dueWithin", "must be a whole number of hours from 1 to "
                        + MAX_DUE_WITHIN_HOURS + ", without overdue=true"));
            } else {
                dueFrom = now;
                dueBefore = now.plus(hours, ChronoUnit.HOURS);
            }
        }
        // Overdue and due soon are said of the cases still to be worked.
        if (dueBefore != null) {
            Set<CaseState> active = EnumSet.of(CaseState.OPEN, CaseState.ACKNOWLEDGED);
            if (!states.isEmpty()) {
                active.retainAll(states);
            }
            states = active.isEmpty() ? null : active;
        }
        CaseQuery.Order order = CaseQuery.Order.OPENED;
        String sort = ctx.queryParams().get("sort");
        if (sort != null) {
            switch (sort) {
                case "opened" -> order = CaseQuery.Order.OPENED;
                case "due" -> order = CaseQuery.Order.DUE;
                case "-due" -> order = CaseQuery.Order.DUE_LATEST_FIRST;
                default -> errors.add(new FieldError("sort", "must be opened, due or -due"));
            }
        }
        int limit = DEFAULT_LIMIT;
        String limitText = ctx.queryParams().get("limit");
        if (limitText != null) {
            limit = wholeNumber(limitText);
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        CaseQuery.Counted counted = counted(ctx, now, errors);
        String after = ctx.queryParams().get("after");
        if (after != null && !CaseQuery.isCursor(order, after)) {
            errors.add(new FieldError("after", "must be the 'next' cursor of a previous page of the same sort"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        if (states == null) {
            // Overdue among resolved cases: none, whatever the rest says.
            return null;
        }
        Set<String> owners = ctx.queryParams().getAll("owner").stream().filter(o -> !o.isBlank())
                .collect(Collectors.toSet());
        String promise = ctx.queryParams().get("promise");
        return new CaseQuery(states, owners, promise == null || promise.isBlank() ? null : promise, dueFrom, dueBefore,
                order, after, limit, counted);
    }

    /** What a scoreboard number counts: the cases received in a time, kept, broken or on time now, recovered. */
    private static CaseQuery.Counted counted(RoutingContext ctx, Instant now, List<FieldError> errors) {
        Instant receivedFrom = instant(ctx, "receivedFrom", errors);
        Instant receivedTo = instant(ctx, "receivedTo", errors);
        Set<CaseQuery.Keeping> keeping = EnumSet.noneOf(CaseQuery.Keeping.class);
        for (String promised : ctx.queryParams().getAll("promised")) {
            switch (promised) {
                case "kept" -> keeping.add(CaseQuery.Keeping.KEPT);
                case "broken" -> keeping.add(CaseQuery.Keeping.BROKEN);
                case "on-time" -> keeping.add(CaseQuery.Keeping.ON_TIME);
                default -> errors.add(new FieldError("promised", "must be kept, broken or on-time"));
            }
        }
        String recovered = ctx.queryParams().get("recovered");
        if (recovered != null && !recovered.equals("true") && !recovered.equals("false")) {
            errors.add(new FieldError("recovered", "must be true or false"));
        }
        return new CaseQuery.Counted(receivedFrom, receivedTo, keeping, "true".equals(recovered), now);
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

    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A case as the API answers it; what a case has not (an outcome, a history) is left out. */
    record CaseAnswer(String caseId, String customerId, String promise, String owner, String priority, String state,
                      Instant receivedAt, Instant openedAt, Instant dueAt, boolean overdue, boolean kept, boolean broken,
                      List<String> stages, String openedBy, Instant resolvedAt, Instant cancelledAt, String outcome,
                      String note, Instant recoveredAt, List<String> allowed, List<Step> history) {

        record Step(Instant at, String step, String by, String detail, String decisionId) {
        }

        static CaseAnswer of(CaseFile file, Instant now) {
            boolean resolved = file.state() == CaseState.RESOLVED;
            return new CaseAnswer(file.caseId(), file.customerId(), file.promise(), file.owner(), lower(file.priority()),
                    lower(file.state()), file.receivedAt(), file.openedAt(), file.dueAt(), file.isOverdue(now),
                    file.isKept(), file.isBroken(now), file.stages().stream().sorted().toList(), file.decisionId(),
                    resolved ? file.closedAt() : null, resolved ? null : file.closedAt(),
                    file.outcome() == null ? null : lower(file.outcome()), file.note(), file.recoveredAt(),
                    CaseStore.allowedFrom(file.state()),
                    file.history().isEmpty() ? null : file.history().stream()
                            .map(e -> new Step(e.at(), e.kind(), e.actor(), e.detail(), e.decisionId())).toList());
        }
    }

    /** A page of a list with how many its filters match on all pages. */
    record CountedPage<T>(List<T> items, String next, long total) {
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
