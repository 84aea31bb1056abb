package fi.lupaus.console.api.ruleset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import fi.lupaus.console.api.decision.DecisionAnswers;
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

/**
 * The rule-set API's answers, written by {@link fi.lupaus.console.api.Answers}. A version's
 * {@code comment}, {@code basedOn} and {@code deployedAt} are {@code null} when there is none, not
 * left out: the console reads them so.
 */
final class RuleSetAnswers {

    private RuleSetAnswers() {
    }

    /** {@code GET /api/rulesets}: every version, newest first. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Versions(String live, List<Listed> versions) {
        static Versions of(String live, List<RuleSets.Listed> versions) {
            return new Versions(live, versions.stream().map(Listed::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Listed(String version, String author, Instant createdAt, String comment, String basedOn, boolean live,
                  Instant deployedAt, List<String> sources, int scenarios) {
        static Listed of(RuleSets.Listed listed) {
            RuleSetStore.Version v = listed.version();
            return new Listed(v.version(), v.author(), v.createdAt(), v.comment(), v.basedOn(), listed.live(),
                    listed.lastDeployedAt(), listed.sources(), listed.scenarios());
        }
    }

    /** {@code GET /api/rulesets/{version}}: one version with its sources and scenarios. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Detail(String version, String author, Instant createdAt, String comment, String basedOn, boolean live,
                  List<Source> sources, List<ScenarioJson.Written> scenarios) {
        static Detail of(RuleSets.Detail detail) {
            RuleSetStore.Version v = detail.version();
            return new Detail(v.version(), v.author(), v.createdAt(), v.comment(), v.basedOn(), detail.live(),
                    detail.sources().stream().map(Source::of).toList(),
                    detail.scenarios().stream().map(ScenarioJson::write).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Source(String name, String drl) {
        static Source of(RuleSource source) {
            return new Source(source.name(), source.drl());
        }
    }

    /** {@code POST /api/rulesets/compose}. */
    record Composed(Source source) {
    }

    /** A deploy or rollback: the version live now. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Live(String live) {
    }

    record Deployments(List<Deployment> items) {
        static Deployments of(List<RuleSetStore.Deployment> deployments) {
            return new Deployments(deployments.stream().map(d -> new Deployment(d.version(), d.deployedAt(),
                    d.deployedBy(), d.kind(), d.comment())).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Deployment(String version, Instant deployedAt, String deployedBy, String kind, String comment) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Diff(String from, String to, List<DiffFile> files) {
        static Diff of(String from, String to, RuleSetDiff diff) {
            return new Diff(from, to, diff.files().stream().map(file -> new DiffFile(file.name(),
                    file.status().name().toLowerCase(Locale.ROOT), file.diff())).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DiffFile(String name, String status, String diff) {
    }

    /** {@code POST /api/rulesets/validate}. */
    record Validation(boolean valid, List<Problem> errors) {
        static Validation of(Sandbox.Checked checked) {
            return new Validation(checked.succeeded(), checked.errors().stream()
                    .map(error -> Problem.of(error, null, null)).toList());
        }
    }

    /**
     * A compile error: where and what; in the API's error shape ({@link #compileErrors}) also
     * the {@code field} and {@code reason} after them, which a validation leaves out.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Problem(String source, int line, int column, String message,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String field,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
        static Problem of(CompileError error, String field, String reason) {
            return new Problem(error.source(), error.line(), error.column(), error.message(), field, reason);
        }
    }

    record CompileErrors(List<Problem> errors) {
    }

    /** The API's error shape, each error also naming its source, line and column. */
    static CompileErrors compileErrors(List<CompileError> compileErrors, List<RuleSource> sources) {
        List<String> names = sources.stream().map(RuleSource::name).toList();
        List<Problem> errors = new ArrayList<>();
        compileErrors.forEach(error -> {
            int index = names.indexOf(error.source());
            errors.add(Problem.of(error, index < 0 ? "sources" : "sources[" + index + "].drl",
                    (error.line() > 0 ? "line " + error.line() + ", column " + error.column() + ": " : "")
                            + error.message()));
        });
        return new CompileErrors(errors);
    }

    /** {@code POST /api/rulesets/{version}/test}: the draft's decision, with its rules explained, beside the live one's. */
    record TestRun(Instant decisionTime, Tried candidate, Tried live) {
        static TestRun of(Instant decisionTime, RuleSets.TestRun run) {
            return new TestRun(decisionTime,
                    Tried.of(run.candidate(), DecisionAnswers.explanation(run.explanation()).rules()),
                    Tried.of(run.live(), null));
        }
    }

    /** A decision tried; {@code rules} only for the candidate. */
    record Tried(String version, List<String> firedRules, List<DecisionAnswers.ActionAnswer> actions,
                 List<DecisionAnswers.RuleAnswer> rules) {
        static Tried of(Decision decision, List<DecisionAnswers.RuleAnswer> rules) {
            return new Tried(decision.ruleSetVersion(), decision.firedRules(),
                    DecisionAnswers.actions(decision.actions()), rules);
        }
    }

    /** A shadow run: counts by action, live and shadow, differing decisions, the newest differences. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Shadow(String version, Instant startedAt, String startedBy, Instant countingSince, long decided, long failed,
                  long skipped, ShadowActions actions, long differing, List<ShadowDifference> sample) {
        static Shadow of(RuleSets.ShadowSummary summary) {
            return new Shadow(summary.run().version(), summary.run().startedAt(), summary.run().startedBy(),
                    summary.countingSince(), summary.decided(), summary.failed(), summary.skipped(),
                    new ShadowActions(counts(summary.liveActions()), counts(summary.shadowActions())),
                    summary.differing(), summary.sample().stream().map(d -> new ShadowDifference(d.decisionId(),
                            new JsonArray(d.liveActions()), new JsonArray(d.shadowActions()),
                            new JsonArray(d.shadowRules()))).toList());
        }
    }

    record ShadowActions(Map<String, Long> live, Map<String, Long> shadow) {
    }

    /** A decision the shadow decided otherwise; the store keeps its lists as JSON text. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ShadowDifference(String decisionId, JsonArray live, JsonArray shadow, JsonArray shadowFiredRules) {
    }

    private static Map<String, Long> counts(Map<ActionType, Long> counts) {
        Map<String, Long> byName = new LinkedHashMap<>();
        counts.forEach((type, count) -> byName.put(type.name(), count));
        return byName;
    }

    /** {@code POST /api/rulesets/overlaps}. */
    record Overlaps(List<Overlap> overlaps) {
        static Overlaps of(List<RuleSets.Overlap> overlaps) {
            return new Overlaps(overlaps.stream().map(o -> new Overlap(DecisionAnswers.feedback(o.feedback()),
                    o.promises(), o.firedRules())).toList());
        }
    }

    record Overlap(DecisionAnswers.FeedbackAnswer feedback, List<String> promises, List<String> firedRules) {
    }

    /** {@code POST /api/rulesets/{version}/scenarios/run}: every result, and the failed ones again. */
    record ScenarioResults(int passed, List<ScenarioResult> failed, List<ScenarioResult> results) {
        static ScenarioResults of(List<Scenario.Result> results) {
            List<ScenarioResult> all = results.stream().map(ScenarioResult::of).toList();
            List<ScenarioResult> failed = all.stream().filter(result -> !result.passed()).toList();
            return new ScenarioResults(all.size() - failed.size(), failed, all);
        }
    }

    record ScenarioResult(String name, boolean passed, List<ScenarioJson.Expected> expected,
                          List<ScenarioJson.Expected> actual) {
        static ScenarioResult of(Scenario.Result result) {
            return new ScenarioResult(result.scenario().name(), result.passed(),
                    result.scenario().expected().stream().map(ScenarioJson::expected).toList(),
                    result.actual().stream().map(ScenarioJson::expected).toList());
        }
    }
}
