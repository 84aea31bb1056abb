package fi.lupaus.console.api.scoreboard;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.engine.casework.CaseStore;
import fi.lupaus.engine.scoreboard.Responses;
import fi.lupaus.engine.scoreboard.Scoreboard;
import io.vertx.core.Vertx;
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
                .onSuccess(report -> Answers.send(ctx, 200, ScoreboardAnswer.of(report, from, to, grouping)))
                .onFailure(ctx::fail);
    }

    /** The scoreboard: {@code from} and {@code to} as asked, {@code by} and {@code groups} only when grouped. */
    record ScoreboardAnswer(Instant from, Instant to, MeasuresAnswer total, String by, List<MeasuresAnswer> groups,
                            List<PromiseAnswer> promises) {
        static ScoreboardAnswer of(Scoreboard.Report report, Instant from, Instant to, Scoreboard.By by) {
            boolean grouped = by != Scoreboard.By.NONE;
            return new ScoreboardAnswer(from, to, MeasuresAnswer.of(report.total(), Scoreboard.By.NONE),
                    grouped ? by.name().toLowerCase(Locale.ROOT) : null,
                    grouped ? report.groups().stream().map(group -> MeasuresAnswer.of(group, by)).toList() : null,
                    report.promises().stream().map(PromiseAnswer::of).toList());
        }
    }

    /**
     * The measures of all answers or of a group; a group names itself under the grouping's name
     * ({@code touchpoint}, {@code phase} or {@code week}). {@code nps} and {@code csi} are null
     * without answers to count.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record MeasuresAnswer(int responses, int npsAnswers, int promoters, int passives, int detractors, Double nps,
                          int csatAnswers, int satisfied, Double csi,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String touchpoint,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String phase,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String week) {
        static MeasuresAnswer of(Scoreboard.Measures m, Scoreboard.By by) {
            return new MeasuresAnswer(m.responses(), m.npsAnswers(), m.promoters(), m.passives(), m.detractors(),
                    m.nps(), m.csatAnswers(), m.satisfied(), m.csi(),
                    by == Scoreboard.By.TOUCHPOINT ? m.group() : null, by == Scoreboard.By.PHASE ? m.group() : null,
                    by == Scoreboard.By.WEEK ? m.group() : null);
        }
    }

    /** How a promise was kept; the rates are null without cases to count. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PromiseAnswer(String promise, int opened, int kept, int broken, int stillOpen, int cancelled, Double keptRate,
                         Double medianHoursToResolve, int recoveredCustomers) {
        static PromiseAnswer of(Scoreboard.PromiseMeasures p) {
            return new PromiseAnswer(p.promise(), p.opened(), p.kept(), p.broken(), p.stillOpen(), p.cancelled(),
                    p.keptRate(), p.medianHoursToResolve(), p.recoveredCustomers());
        }
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
