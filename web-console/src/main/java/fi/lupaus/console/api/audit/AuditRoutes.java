package fi.lupaus.console.api.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.RequestIds;
import fi.lupaus.console.api.RequestJson;
import fi.lupaus.console.api.decision.DecisionAnswers;
import fi.lupaus.console.api.openapi.RequestSchemas;
import fi.lupaus.engine.audit.Auditor;
import fi.lupaus.engine.audit.BacktestReport;
import fi.lupaus.engine.audit.Replay;
import fi.lupaus.engine.audit.VerifyReport;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.ruleset.RuleSource;
import fi.lupaus.engine.sandbox.Sandbox;
import fi.lupaus.engine.sandbox.SandboxCase;
import fi.lupaus.engine.sandbox.SandboxLimitException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /api/audit/replay/{decisionId}} and {@code POST /api/audit/verify}: decide a
 * recorded decision again, and check the log's chain and replays over a time range.
 */
public final class AuditRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRoutes.class);
    static final int BACKTEST_SAMPLE = 20;
    private static final int MAX_BACKTEST_BODY = 1024 * 1024;

    private final Vertx vertx;
    private final RequestSchemas schemas;
    private final Auditor auditor;
    private final Sandbox sandbox;
    /** Long audit work, and backtests waiting for the sandbox, run here: never on the threads that decide feedback. */
    private final WorkerExecutor longWork;
    // Exports wait on their readers: they get threads of their own, so that slow readers starve
    // nothing else, and at most maxExports of them hold a store connection at once.
    private final int maxExports;
    private final WorkerExecutor exports;
    private final AtomicInteger exporting = new AtomicInteger();

    public AuditRoutes(Vertx vertx, Auditor auditor, int maxExports, Sandbox sandbox, WorkerExecutor longWork,
                       RequestSchemas schemas) {
        this.vertx = vertx;
        this.schemas = schemas;
        this.auditor = auditor;
        this.sandbox = sandbox;
        this.longWork = longWork;
        this.maxExports = maxExports;
        this.exports = vertx.createSharedWorkerExecutor("lupaus-export", maxExports);
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/export").handler(Permission.AUDIT_READ.required()).handler(this::export);
        router.post("/replay/:decisionId").handler(Permission.AUDIT_VERIFY.required()).handler(this::replay);
        // Vert.x wants a route's body handler before its authorization handler.
        router.post("/verify").handler(BodyHandler.create().setBodyLimit(4 * 1024))
                .handler(Permission.AUDIT_VERIFY.required()).handler(schemas.check("verifyLog")).handler(this::verify);
        router.post("/backtest").handler(BodyHandler.create().setBodyLimit(MAX_BACKTEST_BODY))
                .handler(Permission.RULES_BACKTEST.required()).handler(schemas.check("backtest")).handler(this::backtest);
        return router;
    }

    private void replay(RoutingContext ctx) {
        String decisionId = ctx.pathParam("decisionId");
        vertx.executeBlocking(() -> auditor.replay(decisionId), false)
                .onSuccess(found -> found.ifPresentOrElse(
                        replay -> Answers.send(ctx, 200, ReplayAnswer.of(replay)),
                        () -> ctx.fail(ApiException.notFound("there is no decision " + decisionId))))
                .onFailure(ctx::fail);
    }

    /**
     * Answers JSON Lines as it goes: a {@code {"checked":n}} line every thousand records, then
     * the report, so that a long verify shows its progress.
     */
    private void verify(RoutingContext ctx) {
        // The document's schema holds from and to to ISO-8601 times.
        JsonObject body = RequestJson.object(ctx);
        Instant from = RequestJson.time(body, "from");
        Instant to = RequestJson.time(body, "to");
        streamLines(ctx, "checked", progress -> auditor.verify(from, to, progress), VerifyAnswer::of);
    }

    /**
     * Runs long work on a worker and answers JSON Lines: a {@code {"<progressName>":n}} line each
     * time the work reports progress, then the result.
     */
    private <T> void streamLines(RoutingContext ctx, String progressName, Function<LongConsumer, T> work,
                                 Function<T, ?> result) {
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson");
        Context context = vertx.getOrCreateContext();
        LongConsumer progress = count -> context.runOnContext(v -> {
            if (!response.ended()) {
                response.write(line(Map.of(progressName, count)));
            }
        });
        longWork.executeBlocking(() -> work.apply(progress), false)
                .onSuccess(done -> response.end(line(result.apply(done))))
                .onFailure(failure -> {
                    if (response.headWritten()) {
                        // Lines went out already: the last line says why the work stopped.
                        String reason = failure instanceof SandboxLimitException ? failure.getMessage()
                                : "the work stopped; see the server log";
                        if (!(failure instanceof SandboxLimitException)) {
                            RequestIds.log(ctx, () -> LOG.error("{} stopped after its first lines",
                                    ctx.request().path(), failure));
                        }
                        response.end(line(new Stopped(reason)));
                    } else {
                        ctx.fail(failure);
                    }
                });
    }

    /**
     * Backtests a kept rule-set version ({@code "ruleSetVersion"}) or draft sources
     * ({@code "sources":[{"name","drl"}]}) over {@code from}..{@code to}; answers JSON Lines like
     * verify. Either way the rules are checked by the rule guard and decide in the sandbox, a
     * chunk of records per request; the records are read here.
     */
    private void backtest(RoutingContext ctx) {
        // The document's schema holds from and to to times, and the sources to their form.
        JsonObject body = RequestJson.object(ctx);
        List<FieldError> errors = new ArrayList<>();
        Instant from = RequestJson.time(body, "from");
        Instant to = RequestJson.time(body, "to");
        String version = body.getString("ruleSetVersion");
        List<RuleSource> sources = RequestJson.sources(body, errors);
        if ((version == null) == (sources == null)) {
            errors.add(new FieldError("ruleSetVersion", "give either a kept ruleSetVersion or draft sources"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        longWork.executeBlocking(() -> candidate(version, sources), false)
                .onSuccess(candidate -> streamLines(ctx, "decided",
                        progress -> auditor.backtest(from, to, candidate.version(),
                                records -> sandbox.decide(candidate.sources(), records.stream()
                                        .map(record -> new SandboxCase(record.feedback(), record.context(),
                                                record.decision().decidedAt()))
                                        .toList()),
                                1, BACKTEST_SAMPLE, progress),
                        BacktestAnswer::of))
                .onFailure(ctx::fail);
    }

    private record Candidate(String version, List<RuleSource> sources) {
    }

    /** The candidate's sources, compiled in the sandbox to report errors before any record is read. */
    private Candidate candidate(String version, List<RuleSource> sources) {
        List<RuleSource> candidate = version == null ? sources : auditor.keptSources(version);
        if (candidate.isEmpty()) {
            throw ApiException.badRequest(List.of(
                    new FieldError("ruleSetVersion", "no rule set " + version + " is kept in the log")));
        }
        Sandbox.Checked checked = sandbox.compile(candidate);
        if (!checked.succeeded()) {
            List<FieldError> errors = new ArrayList<>();
            checked.errors().forEach(error -> errors.add(new FieldError("sources", error.source() + ":"
                    + error.line() + ":" + error.column() + ": " + error.message())));
            throw ApiException.badRequest(errors);
        }
        return new Candidate(checked.version(), candidate);
    }

    /** Streams the records of a range as JSON Lines or CSV, oldest first, in the log's order. */
    private void export(RoutingContext ctx) {
        // The parameters were checked against the document (RequestSchemas.parameters): format is jsonl or csv.
        Instant from = RequestJson.queryTime(ctx, "from");
        Instant to = RequestJson.queryTime(ctx, "to");
        String format = ctx.queryParams().get("format") == null ? "jsonl" : ctx.queryParams().get("format");
        if (exporting.incrementAndGet() > maxExports) {
            exporting.decrementAndGet();
            throw new ApiException(503, List.of(FieldError.of(
                    maxExports + " exports are running, the most at once; try again shortly")), 5);
        }
        boolean csv = format.equals("csv");
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .putHeader("Content-Disposition", "attachment; filename=\"lupaus-decisions." + format + "\"");
        ExportWriter writer = new ExportWriter(response, csv);
        exports.executeBlocking(() -> {
                    writer.header();
                    auditor.export(from, to, writer::record);
                    return null;
                }, false)
                .andThen(done -> exporting.decrementAndGet())
                .onSuccess(done -> response.end())
                .onFailure(failure -> {
                    if (response.headWritten()) {
                        response.reset();
                    } else {
                        ctx.fail(failure);
                    }
                });
    }

    /** One line of JSON Lines. */
    private static Buffer line(Object answer) {
        return Answers.encode(answer).appendString("\n");
    }

    /** {@code POST /api/audit/replay/{decisionId}}; {@code recorded} and {@code replayed} are null for an erased one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReplayAnswer(String decisionId, String outcome, List<String> differences, Decided recorded,
                        Decided replayed) {
        static ReplayAnswer of(Replay replay) {
            return new ReplayAnswer(replay.decisionId(),
                    replay.erased() ? "erased" : replay.identical() ? "identical" : "different", replay.differences(),
                    Decided.of(replay.recorded()), Decided.of(replay.replayed()));
        }
    }

    /** A decision as the audit shows it: by which rules, when, what it did. */
    record Decided(String ruleSetVersion, Instant decidedAt, List<String> firedRules,
                   List<DecisionAnswers.ActionAnswer> actions) {
        static Decided of(Decision decision) {
            return decision == null ? null : new Decided(decision.ruleSetVersion(), decision.decidedAt(),
                    decision.firedRules(), DecisionAnswers.actions(decision.actions()));
        }
    }

    /** The last line of a verify. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record VerifyAnswer(long checked, boolean clean, List<Problem> problems, String anchoring) {
        static VerifyAnswer of(VerifyReport report) {
            return new VerifyAnswer(report.checked(), report.clean(), report.problems().stream()
                    .map(p -> new Problem(p.seq(), p.decisionId(), p.reason())).toList(), report.anchoring());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Problem(long seq, String decisionId, String reason) {
    }

    /** The last line of work that stopped after its first lines went out. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Stopped(String error) {
    }

    /** The last line of a backtest: counts by action and rule, before and after, and a sample of changes. */
    record BacktestAnswer(String candidateVersion, long decided, long changed, BeforeAfter actions, BeforeAfter rules,
                          List<Change> sample) {
        static BacktestAnswer of(BacktestReport report) {
            return new BacktestAnswer(report.candidateVersion(), report.decided(), report.changed(),
                    new BeforeAfter(report.actionsBefore(), report.actionsAfter()),
                    new BeforeAfter(report.rulesBefore(), report.rulesAfter()),
                    report.sample().stream().map(change -> new Change(change.decisionId(),
                            Decided.of(change.before()), Decided.of(change.after()))).toList());
        }
    }

    record BeforeAfter(Map<String, Long> before, Map<String, Long> after) {
    }

    record Change(String decisionId, Decided before, Decided after) {
    }
}
