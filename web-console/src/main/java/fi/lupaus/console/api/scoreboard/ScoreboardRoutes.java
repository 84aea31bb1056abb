package fi.lupaus.console.api.scoreboard;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.engine.casework.CaseStore;
import fi.lupaus.engine.scoreboard.Responses;
import fi.lupaus.engine.scoreboard.Scoreboard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/metrics?from=…&to=…&by=touchpoint|phase|week}: the promise scoreboard. */
public final class ScoreboardRoutes {

    private final Vertx vertx;
    private final Responses log;
    private final CaseStore cases;
    private final ZoneId zone;
    private final Clock clock;

    public ScoreboardRoutes(Vertx vertx, Responses log, CaseStore cases, ZoneId zone, Clock clock) {
        this.vertx = vertx;
        this.log = log;
        this.cases = cases;
        this.zone = zone;
        this.clock = clock;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/").handler(Permission.METRICS_READ.required()).handler(this::metrics);
        return router;
    }

    private void metrics(RoutingContext ctx) {
        List<FieldError> errors = new ArrayList<>();
        Instant from = instant(ctx, "from", errors);
        Instant to = instant(ctx, "to", errors);
        Scoreboard.By by = Scoreboard.By.NONE;
        String byText = ctx.queryParams().get("by");
        if (byText != null) {
            try {
                by = Scoreboard.By.valueOf(byText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("by", "must be touchpoint, phase or week"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        Scoreboard.By grouping = by;
        vertx.executeBlocking(() -> Scoreboard.of(log.responses(from, to), cases.receivedBetween(from, to), grouping,
                        zone, clock.instant()), false)
                .onSuccess(report -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(json(report, from, to, grouping).encode()))
                .onFailure(ctx::fail);
    }

    private static JsonObject json(Scoreboard.Report report, Instant from, Instant to, Scoreboard.By by) {
        JsonObject json = new JsonObject();
        if (from != null) {
            json.put("from", from.toString());
        }
        if (to != null) {
            json.put("to", to.toString());
        }
        json.put("total", measures(report.total()));
        if (by != Scoreboard.By.NONE) {
            JsonArray groups = new JsonArray();
            report.groups().forEach(group -> groups.add(measures(group).put(by.name().toLowerCase(Locale.ROOT),
                    group.group())));
            json.put("by", by.name().toLowerCase(Locale.ROOT)).put("groups", groups);
        }
        JsonArray promises = new JsonArray();
        report.promises().forEach(p -> promises.add(new JsonObject().put("promise", p.promise())
                .put("opened", p.opened()).put("kept", p.kept()).put("broken", p.broken())
                .put("stillOpen", p.stillOpen()).put("cancelled", p.cancelled()).put("keptRate", p.keptRate())
                .put("medianHoursToResolve", p.medianHoursToResolve())
                .put("recoveredCustomers", p.recoveredCustomers())));
        return json.put("promises", promises);
    }

    private static JsonObject measures(Scoreboard.Measures m) {
        return new JsonObject().put("responses", m.responses()).put("npsAnswers", m.npsAnswers())
                .put("promoters", m.promoters()).put("passives", m.passives()).put("detractors", m.detractors())
                .put("nps", m.nps()).put("csatAnswers", m.csatAnswers()).put("satisfied", m.satisfied())
                .put("csi", m.csi());
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
}
