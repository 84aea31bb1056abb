package fi.lupaus.console.api.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fi.lupaus.console.api.decision.DecisionJson;
import fi.lupaus.console.ruleset.RuleSetStore;
import fi.lupaus.console.ruleset.RuleSets;
import fi.lupaus.console.ruleset.Scenario;
import fi.lupaus.console.ruleset.ScenarioJson;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.ruleset.CompileError;
import fi.lupaus.engine.ruleset.RuleSetDiff;
import fi.lupaus.engine.ruleset.RuleSource;
import fi.lupaus.engine.sandbox.Sandbox;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The rule-set API's answers. */
final class RuleSetJson {

    private RuleSetJson() {
    }

    static JsonObject list(String live, List<RuleSets.Listed> versions) {
        JsonArray items = new JsonArray();
        versions.forEach(listed -> items.add(version(listed.version(), listed.live())
                .put("deployedAt", listed.lastDeployedAt() == null ? null : listed.lastDeployedAt().toString())
                .put("sources", new JsonArray(listed.sources()))
                .put("scenarios", listed.scenarios())));
        return new JsonObject().put("live", live).put("versions", items);
    }

    static JsonObject detail(RuleSets.Detail detail) {
        JsonArray sources = new JsonArray();
        detail.sources().forEach(source -> sources.add(source(source)));
        JsonArray scenarios = new JsonArray();
        detail.scenarios().forEach(scenario -> scenarios.add(ScenarioJson.write(scenario)));
        return version(detail.version(), detail.live()).put("sources", sources).put("scenarios", scenarios);
    }

    private static JsonObject version(RuleSetStore.Version version, boolean live) {
        return new JsonObject().put("version", version.version()).put("author", version.author())
                .put("createdAt", version.createdAt().toString()).put("comment", version.comment())
                .put("basedOn", version.basedOn()).put("live", live);
    }

    static JsonObject source(RuleSource source) {
        return new JsonObject().put("name", source.name()).put("drl", source.drl());
    }

    static JsonObject deployments(List<RuleSetStore.Deployment> deployments) {
        JsonArray items = new JsonArray();
        deployments.forEach(deployment -> items.add(new JsonObject().put("version", deployment.version())
                .put("deployedAt", deployment.deployedAt().toString()).put("deployedBy", deployment.deployedBy())
                .put("kind", deployment.kind()).put("comment", deployment.comment())));
        return new JsonObject().put("items", items);
    }

    static JsonObject diff(String from, String to, RuleSetDiff diff) {
        JsonArray files = new JsonArray();
        diff.files().forEach(file -> files.add(new JsonObject().put("name", file.name())
                .put("status", file.status().name().toLowerCase(Locale.ROOT)).put("diff", file.diff())));
        return new JsonObject().put("from", from).put("to", to).put("files", files);
    }

    static JsonObject validation(Sandbox.Checked checked) {
        JsonArray errors = new JsonArray();
        checked.errors().forEach(error -> errors.add(compileError(error)));
        return new JsonObject().put("valid", checked.succeeded()).put("errors", errors);
    }

    /** The API's error shape, each error also naming its source, line and column. */
    static JsonObject compileErrors(List<CompileError> compileErrors, List<RuleSource> sources) {
        List<String> names = sources.stream().map(RuleSource::name).toList();
        JsonArray errors = new JsonArray();
        compileErrors.forEach(error -> {
            int index = names.indexOf(error.source());
            errors.add(compileError(error)
                    .put("field", index < 0 ? "sources" : "sources[" + index + "].drl")
                    .put("reason", (error.line() > 0 ? "line " + error.line() + ", column " + error.column() + ": " : "")
                            + error.message()));
        });
        return new JsonObject().put("errors", errors);
    }

    private static JsonObject compileError(CompileError error) {
        return new JsonObject().put("source", error.source()).put("line", error.line())
                .put("column", error.column()).put("message", error.message());
    }

    static JsonObject testRun(Instant decisionTime, RuleSets.TestRun run) {
        JsonObject candidate = decision(run.candidate())
                .put("rules", DecisionJson.explanation(run.explanation()).getJsonArray("rules"));
        return new JsonObject().put("decisionTime", decisionTime.toString()).put("candidate", candidate)
                .put("live", decision(run.live()));
    }

    private static JsonObject decision(Decision decision) {
        JsonArray actions = new JsonArray();
        decision.actions().forEach(action -> actions.add(DecisionJson.action(action)));
        return new JsonObject().put("version", decision.ruleSetVersion())
                .put("firedRules", new JsonArray(decision.firedRules())).put("actions", actions);
    }

    static JsonObject shadow(RuleSets.ShadowSummary summary) {
        JsonArray sample = new JsonArray();
        summary.sample().forEach(difference -> sample.add(new JsonObject().put("decisionId", difference.decisionId())
                .put("live", new JsonArray(difference.liveActions()))
                .put("shadow", new JsonArray(difference.shadowActions()))
                .put("shadowFiredRules", new JsonArray(difference.shadowRules()))));
        return new JsonObject().put("version", summary.run().version())
                .put("startedAt", summary.run().startedAt().toString()).put("startedBy", summary.run().startedBy())
                .put("countingSince", summary.countingSince().toString())
                .put("decided", summary.decided()).put("failed", summary.failed()).put("skipped", summary.skipped())
                .put("actions", new JsonObject().put("live", counts(summary.liveActions()))
                        .put("shadow", counts(summary.shadowActions())))
                .put("differing", summary.differing()).put("sample", sample);
    }

    private static JsonObject counts(Map<ActionType, Long> counts) {
        JsonObject json = new JsonObject();
        counts.forEach((type, count) -> json.put(type.name(), count));
        return json;
    }

    static JsonObject overlaps(List<RuleSets.Overlap> overlaps) {
        JsonArray items = new JsonArray();
        overlaps.forEach(overlap -> items.add(new JsonObject().put("feedback", DecisionJson.feedback(overlap.feedback()))
                .put("promises", new JsonArray(overlap.promises())).put("firedRules", new JsonArray(overlap.firedRules()))));
        return new JsonObject().put("overlaps", items);
    }

    static JsonObject scenarioResults(List<Scenario.Result> results) {
        JsonArray all = new JsonArray();
        JsonArray failed = new JsonArray();
        results.forEach(result -> {
            all.add(scenarioResult(result));
            if (!result.passed()) {
                failed.add(scenarioResult(result));
            }
        });
        return new JsonObject().put("passed", results.size() - failed.size()).put("failed", failed)
                .put("results", all);
    }

    static JsonObject scenarioResult(Scenario.Result result) {
        return new JsonObject().put("name", result.scenario().name()).put("passed", result.passed())
                .put("expected", expected(result.scenario().expected())).put("actual", expected(result.actual()));
    }

    private static JsonArray expected(List<Scenario.Expected> actions) {
        JsonArray json = new JsonArray();
        actions.forEach(action -> json.add(ScenarioJson.expected(action)));
        return json;
    }
}
