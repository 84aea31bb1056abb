package fi.lupaus.console.api.ruleset;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import fi.lupaus.console.access.Caller;
import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.RequestJson;
import fi.lupaus.console.api.feedback.FeedbackJson;
import fi.lupaus.console.decide.CustomerContexts;
import fi.lupaus.console.ruleset.RuleSets;
import fi.lupaus.console.ruleset.Scenario;
import fi.lupaus.console.ruleset.ScenarioJson;
import fi.lupaus.console.api.openapi.RequestSchemas;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.guided.InvalidPromiseFormException;
import fi.lupaus.engine.guided.PromiseRuleReader;
import fi.lupaus.engine.guided.PromiseRuleWriter;
import fi.lupaus.engine.ruleset.InvalidRuleSetException;
import fi.lupaus.engine.ruleset.RuleSource;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code /api/rulesets}: the versions of the rules, drafts, validation while typing, tests
 * without side effects, scenarios, deploys and rollbacks, and the guided promise form.
 */
public final class RuleSetRoutes {

    /** Rule sets are text people type; a quarter of a megabyte is a very large one. */
    static final int MAX_BODY = 256 * 1024;
    static final int SHADOW_SAMPLE = 20;
    static final int MAX_OVERLAP_EXAMPLES = 50;

    private final Vertx vertx;
    private final RequestSchemas schemas;
    /** Rule-set work waits for the sandbox: on threads of its own, so that feedback never waits behind it. */
    private final WorkerExecutor ruleSetWork;
    private final RuleSets ruleSets;
    private final CustomerContexts contexts;
    private final Clock clock;

    public RuleSetRoutes(Vertx vertx, WorkerExecutor ruleSetWork, RuleSets ruleSets, CustomerContexts contexts,
                         Clock clock, RequestSchemas schemas) {
        this.vertx = vertx;
        this.schemas = schemas;
        this.ruleSetWork = ruleSetWork;
        this.ruleSets = ruleSets;
        this.contexts = contexts;
        this.clock = clock;
    }

    public Router router() {
        Router router = Router.router(vertx);
        // Vert.x wants a route's body handler before its authorization handler.
        router.post().handler(BodyHandler.create().setBodyLimit(MAX_BODY));
        router.delete().handler(BodyHandler.create().setBodyLimit(MAX_BODY));
        router.get().handler(Permission.RULES_READ.required());
        router.get("/").handler(ctx -> answer(ctx, 200, () -> RuleSetAnswers.Versions.of(ruleSets.live().current().version(),
                ruleSets.versions())));
        router.get("/shadow").handler(ctx -> answer(ctx, 200,
                () -> RuleSetAnswers.Shadow.of(ruleSets.shadowSummary(SHADOW_SAMPLE))));
        router.delete("/shadow").handler(Permission.RULES_DEPLOY.required()).handler(ctx -> answer(ctx, 204, () -> {
            ruleSets.stopShadow(Caller.of(ctx.user()));
            return null;
        }));
        router.get("/deployments").handler(ctx -> answer(ctx, 200, () -> RuleSetAnswers.Deployments.of(ruleSets.deployments())));
        router.get("/:version").handler(ctx -> answer(ctx, 200,
                () -> RuleSetAnswers.Detail.of(ruleSets.version(ctx.pathParam("version")))));
        router.get("/:version/form/:promise").handler(this::form);
        router.get("/:from/diff/:to").handler(ctx -> answer(ctx, 200, () -> RuleSetAnswers.Diff.of(ctx.pathParam("from"),
                ctx.pathParam("to"), ruleSets.diff(ctx.pathParam("from"), ctx.pathParam("to")))));

        router.post("/validate").handler(Permission.RULES_EDIT.required()).handler(schemas.check("validateRuleSet"))
                .handler(this::validate);
        // Not checked against the document's schema: the form's own reader answers its mistakes with
        // 422 and the field the console labels, and takes the choices in any case and null for "any".
        router.post("/compose").handler(Permission.RULES_EDIT.required())
                .handler(this::compose);
        router.post("/overlaps").handler(Permission.RULES_EDIT.required()).handler(schemas.check("findOverlaps"))
                .handler(this::overlaps);
        router.post("/").handler(Permission.RULES_EDIT.required()).handler(schemas.check("saveRuleSet"))
                .handler(this::save);
        router.post("/:version/test").handler(Permission.RULES_EDIT.required()).handler(schemas.check("testRuleSet"))
                .handler(this::test);
        router.post("/:version/scenarios/run").handler(Permission.RULES_READ.required())
                .handler(ctx -> answer(ctx, 200, () -> RuleSetAnswers.ScenarioResults.of(
                        ruleSets.runScenarios(ctx.pathParam("version")))));
        router.post("/:version/scenarios").handler(Permission.RULES_EDIT.required())
                .handler(schemas.check("saveScenario")).handler(this::saveScenario);
        router.delete("/:version/scenarios/:name").handler(Permission.RULES_EDIT.required())
                .handler(ctx -> answer(ctx, 204, () -> {
                    ruleSets.deleteScenario(ctx.pathParam("version"), ctx.pathParam("name"), Caller.of(ctx.user()));
                    return null;
                }));
        router.post("/:version/deploy").handler(Permission.RULES_DEPLOY.required())
                .handler(schemas.check("deployRuleSet")).handler(ctx -> makeLive(ctx, false));
        router.post("/:version/shadow").handler(Permission.RULES_DEPLOY.required()).handler(ctx -> answer(ctx, 200,
                () -> RuleSetAnswers.Shadow.of(ruleSets.startShadow(ctx.pathParam("version"), Caller.of(ctx.user())))));
        router.post("/:version/rollback").handler(Permission.RULES_DEPLOY.required())
                .handler(schemas.check("rollBackRuleSet")).handler(ctx -> makeLive(ctx, true));
        return router;
    }

    private void validate(RoutingContext ctx) {
        List<RuleSource> sources = sources(ctx, RequestJson.object(ctx));
        answer(ctx, 200, () -> RuleSetAnswers.Validation.of(ruleSets.validate(sources)));
    }

    private void compose(RoutingContext ctx) {
        JsonObject body = RequestJson.object(ctx);
        try {
            RuleSource source = PromiseRuleWriter.write(PromiseFormJson.read(body));
            answer(ctx, 200, () -> new RuleSetAnswers.Composed(RuleSetAnswers.Source.of(source)));
        } catch (InvalidPromiseFormException e) {
            throw new ApiException(422, List.of(new FieldError(e.field(), e.getMessage())));
        }
    }

    /** A guided promise's form, read back from its rule, so that the console can open it in the form again. */
    private void form(RoutingContext ctx) {
        String name = PromiseRuleWriter.FOLDER + ctx.pathParam("promise") + ".drl";
        answer(ctx, 200, () -> {
            RuleSource source = ruleSets.version(ctx.pathParam("version")).sources().stream()
                    .filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("the version has no promise " + ctx.pathParam("promise")));
            return PromiseRuleReader.read(source).map(PromiseFormJson::write).orElseThrow(() -> new ApiException(422,
                    List.of(new FieldError("promise", "its rule was changed by hand since the form wrote it: edit it as DRL"))));
        });
    }

    /**
     * Which feedback the sources would answer with cases of two or more promises: {@code sources},
     * optionally {@code basedOn} (whose scenarios are decided too) and {@code feedback}, examples.
     */
    private void overlaps(RoutingContext ctx) {
        JsonObject body = RequestJson.object(ctx);
        List<RuleSource> sources = sources(ctx, body);
        String basedOn = body.getValue("basedOn") instanceof String text ? text : null;
        List<FieldError> errors = new ArrayList<>();
        List<Feedback> examples = new ArrayList<>();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // The document's schema made sure each example is a feedback object; the reader checks the rest.
        if (body.getValue("feedback") instanceof JsonArray given) {
            for (int i = 0; i < given.size() && i < MAX_OVERLAP_EXAMPLES; i++) {
                Feedback feedback = FeedbackJson.read(tree(given.getJsonObject(i)), "feedback[" + i + "].", now, errors);
                if (feedback != null) {
                    examples.add(feedback);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        ruleSetWork.executeBlocking(() -> RuleSetAnswers.Overlaps.of(ruleSets.overlaps(sources, basedOn, examples)), false)
                .onSuccess(json -> send(ctx, 200, json)).onFailure(failure -> {
                    if (failure instanceof InvalidRuleSetException invalid) {
                        send(ctx, 422, RuleSetAnswers.compileErrors(invalid.errors(), sources));
                    } else {
                        ctx.fail(failure);
                    }
                });
    }

    private void save(RoutingContext ctx) {
        JsonObject body = RequestJson.object(ctx);
        List<RuleSource> sources = sources(ctx, body);
        String comment = comment(body);
        String basedOn = body.getValue("basedOn") instanceof String text ? text : null;
        Caller author = Caller.of(ctx.user());
        ruleSetWork.executeBlocking(() -> {
            RuleSets.Saved saved = ruleSets.save(sources, comment, basedOn, author);
            return new Answer(saved.created() ? 201 : 200, RuleSetAnswers.Detail.of(ruleSets.version(saved.version())));
        }, false).onSuccess(answer -> send(ctx, answer.status(), answer.body())).onFailure(failure -> {
            if (failure instanceof InvalidRuleSetException invalid) {
                send(ctx, 422, RuleSetAnswers.compileErrors(invalid.errors(), sources));
            } else {
                ctx.fail(failure);
            }
        });
    }

    private void test(RoutingContext ctx) {
        // The document's schema made sure of a feedback object and a decisionTime's form.
        JsonObject body = RequestJson.object(ctx);
        List<FieldError> errors = new ArrayList<>();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant decisionTime = RequestJson.time(body, "decisionTime");
        Feedback feedback = FeedbackJson.read(tree(body.getJsonObject("feedback")), "feedback.", now, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        Instant at = decisionTime == null ? now : decisionTime;
        // The customer's history as a live decision would see it now.
        answer(ctx, 200, () -> RuleSetAnswers.TestRun.of(at, ruleSets.test(ctx.pathParam("version"), feedback,
                contexts.load(Set.of(feedback.customerId()), at).of(feedback), at)));
    }

    private void saveScenario(RoutingContext ctx) {
        List<FieldError> errors = new ArrayList<>();
        Scenario scenario = ScenarioJson.read(RequestJson.object(ctx), clock.instant(), errors);
        if (scenario == null) {
            throw ApiException.badRequest(errors);
        }
        Caller author = Caller.of(ctx.user());
        answer(ctx, 201, () -> RuleSetAnswers.ScenarioResult.of(
                ruleSets.saveScenario(ctx.pathParam("version"), scenario, author)));
    }

    private void makeLive(RoutingContext ctx, boolean rollback) {
        String comment = comment(RequestJson.object(ctx));
        String version = ctx.pathParam("version");
        Caller by = Caller.of(ctx.user());
        answer(ctx, 200, () -> new RuleSetAnswers.Live(rollback
                ? ruleSets.rollback(version, comment, by) : ruleSets.deploy(version, comment, by)));
    }

    /** The sources of a body the document's schema checked: it requires them, and says how many and how named. */
    private static List<RuleSource> sources(RoutingContext ctx, JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        List<RuleSource> sources = RequestJson.sources(body, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return sources;
    }

    /** A comment, which the document's schema holds to text of at most 2,000 characters; none is "". */
    private static String comment(JsonObject body) {
        return body.getValue("comment") instanceof String text ? text.strip() : "";
    }

    private void answer(RoutingContext ctx, int status, Callable<?> work) {
        ruleSetWork.executeBlocking(work, false)
                .onSuccess(answer -> send(ctx, status, answer))
                .onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, int status, Object answer) {
        if (answer == null) {
            ctx.response().setStatusCode(status).end();
        } else {
            Answers.send(ctx, status, answer);
        }
    }

    private static JsonNode tree(JsonObject json) {
        return DatabindCodec.mapper().valueToTree(json.getMap());
    }

    private record Answer(int status, Object body) {
    }
}
