package fi.lupaus.console.ruleset;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;


import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import fi.lupaus.console.access.AccessStore;
import fi.lupaus.console.access.Caller;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.decide.LiveRuleSet;
import fi.lupaus.engine.audit.Explanation;
import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.CompanyCalendar;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.log.DecisionLog;
import fi.lupaus.engine.ruleset.InvalidRuleSetException;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSetDiff;
import fi.lupaus.engine.ruleset.RuleSource;
import fi.lupaus.engine.sandbox.Sandbox;
import fi.lupaus.engine.sandbox.SandboxCase;
import fi.lupaus.engine.sandbox.SandboxLimitException;
import io.vertx.core.json.JsonObject;

/**
 * The versions of the rules, from draft to live: people save drafts, test them, and deploy
 * them or roll back, without a restart. Every version is kept for ever, so it can be deployed
 * again and every decision it made replayed. Only the deployed version decides in this JVM:
 * drafts are validated, tested, run against their scenarios and shadowed in the {@link Sandbox},
 * and deployed only once they decided their scenarios and a generated sample there within its
 * limits. Blocking: call it from a worker of its own.
 */
public final class RuleSets {

    /** The author of the versions that come from the rule packs on the class path. */
    public static final String SYSTEM = "system";

    /** The JSON of a version as listed, with where it stands. */
    public record Listed(RuleSetStore.Version version, boolean live, Instant lastDeployedAt, List<String> sources,
                         int scenarios) {
    }

    /** A version with its sources and scenarios. */
    public record Detail(RuleSetStore.Version version, boolean live, List<RuleSource> sources,
                         List<Scenario> scenarios) {
    }

    /** What a saved draft is: its version, and whether this save created it. */
    public record Saved(String version, boolean created) {
    }

    /** How a shadow run is going: counts since this server started it, and its recorded differences. */
    public record ShadowSummary(RuleSetStore.ShadowRun run, Instant countingSince, long decided, long failed, long skipped,
                                Map<ActionType, Long> liveActions, Map<ActionType, Long> shadowActions,
                                long differing, List<RuleSetStore.ShadowDifference> sample) {
    }

    /** Feedback that rules would answer with cases of two or more different promises at once, and the rules that fired. */
    public record Overlap(Feedback feedback, List<String> promises, List<String> firedRules) {
    }

    /** A draft's decision for test feedback beside the live version's. */
    public record TestRun(Decision candidate, Explanation explanation, Decision live) {
    }

    /** How much generated feedback an overlap check decides besides the examples and scenarios. */
    static final int OVERLAP_SAMPLE = 200;

    private final RuleSetStore store;
    private final DecisionLog log;
    private final RuleSetCompiler compiler;
    private final Sandbox sandbox;
    private final int sampleSize;
    private final AccessStore access;
    private final Clock clock;
    private final CompanyCalendar calendar;
    /** Compiling takes seconds; the few versions in use stay compiled. */
    private final Cache<String, RuleSet> compiled = Caffeine.newBuilder().maximumSize(16).build();
    private final Shadow shadow;
    private LiveRuleSet live;
    // The newest deployment this server has made live: newer ones come from other servers.
    private long followedDeployment;

    /** @param sampleSize how many generated feedback a draft must decide in the sandbox before it is deployed */
    public RuleSets(RuleSetStore store, DecisionLog log, RuleSetCompiler compiler, Sandbox sandbox, int sampleSize,
                    AccessStore access, Clock clock, ZoneId timeZone) {
        this.store = store;
        this.shadow = new Shadow(store, sandbox);
        this.log = log;
        this.compiler = compiler;
        this.sandbox = sandbox;
        this.sampleSize = sampleSize;
        this.access = access;
        this.clock = clock;
        this.calendar = new CompanyCalendar(timeZone.getId());
    }

    /**
     * Makes the last deployed version live again. On the first start the rule packs' rule set
     * is deployed; when the packs have changed since, theirs replaces a rule set that was the
     * packs' too, but never one that a person deployed.
     */
    public LiveRuleSet start(RuleSet packs, String packsDescription) {
        log.keep(packs);
        compiled.put(packs.version(), packs);
        store.save(new RuleSetStore.Version(packs.version(), SYSTEM, now(), packsDescription, null), List.of());
        Optional<RuleSetStore.Deployment> last = store.deployments().stream().findFirst();
        RuleSet deployed;
        if (last.isEmpty()) {
            store.recordDeployment(packs.version(), now(), SYSTEM, "deploy", "first start");
            deployed = packs;
        } else if (last.get().deployedBy().equals(SYSTEM) && !last.get().version().equals(packs.version())) {
            store.recordDeployment(packs.version(), now(), SYSTEM, "deploy", "the rule packs changed: " + packsDescription);
            deployed = packs;
        } else {
            deployed = ruleSet(last.get().version());
        }
        live = new LiveRuleSet(deployed);
        followedDeployment = store.latestDeployment().map(RuleSetStore.Deployment::seq).orElse(0L);
        store.runningShadow().ifPresent(run -> shadow.start(run, sources(run.version()), now()));
        return live;
    }

    public LiveRuleSet live() {
        return live;
    }

    /**
     * Makes the newest deploy or rollback live here when another server sharing the store made it
     * (a cluster, docs/cluster.md). Blocking: it may compile the version, once.
     *
     * @return whether the live version changed
     */
    public synchronized boolean followStore() {
        Optional<RuleSetStore.Deployment> latest = store.latestDeployment();
        if (latest.isEmpty() || latest.get().seq() <= followedDeployment) {
            return false;
        }
        followedDeployment = latest.get().seq();
        if (latest.get().version().equals(live.current().version())) {
            return false;
        }
        live.swap(ruleSet(latest.get().version()));
        return true;
    }

    /** Stops the shadow's comparing. */
    public void close() {
        shadow.close();
    }

    /** The shadow the decider shows its live decisions to. */
    public Shadow shadow() {
        return shadow;
    }

    /** Lets a version decide live feedback in the shadow of the live one, replacing any other shadow. */
    public synchronized ShadowSummary startShadow(String version, Caller by) {
        String resolved = resolve(version);
        List<RuleSource> sources = sources(resolved);
        shadow.start(store.startShadow(resolved, now(), by.id()), sources, now());
        access.recordEvent(now(), by, "ruleset.shadow-started", "ruleset:" + resolved, null);
        return shadowSummary(0);
    }

    public synchronized void stopShadow(Caller by) {
        if (!store.stopShadow(now())) {
            throw ApiException.notFound("no rule set runs in the shadow");
        }
        shadow.stop();
        access.recordEvent(now(), by, "ruleset.shadow-stopped", "ruleset:shadow", null);
    }

    /** @param sample how many of the newest differences to include */
    public ShadowSummary shadowSummary(int sample) {
        Shadow.Running running = shadow.running()
                .orElseThrow(() -> ApiException.notFound("no rule set runs in the shadow"));
        long runId = running.run().runId();
        return new ShadowSummary(running.run(), running.countingSince(), running.decided().get(),
                running.failed().get(), running.skipped().get(), running.counts(running.liveActions()), running.counts(running.shadowActions()),
                store.differenceCount(runId), store.differences(runId, sample));
    }

    public List<Listed> versions() {
        List<RuleSetStore.Deployment> deployments = store.deployments();
        String liveVersion = live.current().version();
        List<Listed> listed = new ArrayList<>();
        for (RuleSetStore.Version version : store.versions()) {
            Instant lastDeployed = deployments.stream().filter(d -> d.version().equals(version.version()))
                    .map(RuleSetStore.Deployment::deployedAt).findFirst().orElse(null);
            listed.add(new Listed(version, version.version().equals(liveVersion), lastDeployed,
                    log.keptSources(version.version()).stream().map(RuleSource::name).toList(),
                    store.scenarios(version.version()).size()));
        }
        return listed;
    }

    /** @param version a version, or {@code live} */
    public Detail version(String version) {
        String resolved = resolve(version);
        RuleSetStore.Version found = store.find(resolved).orElseThrow(() -> notFound(version));
        return new Detail(found, resolved.equals(live.current().version()), log.keptSources(resolved),
                scenarios(resolved));
    }

    /** Compiles sources as people's rules are compiled, with the rule guard, in the sandbox; keeps nothing. */
    public Sandbox.Checked validate(List<RuleSource> sources) {
        return sandbox.compile(sources);
    }

    /**
     * Saves sources as a draft carrying over the scenarios of the version it is based on.
     *
     * @throws fi.lupaus.engine.ruleset.InvalidRuleSetException when they do not compile
     */
    public Saved save(List<RuleSource> sources, String comment, String basedOn, Caller author) {
        String base = basedOn == null ? null : resolve(basedOn);
        if (base != null && store.find(base).isEmpty()) {
            throw new ApiException(422, List.of(new FieldError("basedOn", "there is no rule set " + basedOn)));
        }
        // Compiled in the sandbox first: only sources that compile there within its limits are compiled here.
        Sandbox.Checked checked = sandbox.compile(sources);
        if (!checked.succeeded()) {
            throw new InvalidRuleSetException(checked.errors());
        }
        RuleSet ruleSet = compiler.compileUntrusted(sources).orElseThrow();
        log.keep(ruleSet);
        compiled.put(ruleSet.version(), ruleSet);
        List<RuleSetStore.StoredScenario> carried = base == null ? List.of() : store.scenarios(base);
        boolean created = store.save(new RuleSetStore.Version(ruleSet.version(), author.id(), now(), comment, base),
                carried);
        if (created) {
            access.recordEvent(now(), author, "ruleset.saved", "ruleset:" + ruleSet.version(), comment);
        }
        return new Saved(ruleSet.version(), created);
    }

    public RuleSetDiff diff(String from, String to) {
        return RuleSetDiff.between(sources(from), sources(to));
    }

    /**
     * Decides test feedback, given its context, with a version (in the sandbox) and with the live
     * one; records nothing.
     */
    public TestRun test(String version, Feedback feedback, DecisionContext context, Instant decisionTime) {
        List<RuleSource> candidate = sources(resolve(version));
        Sandbox.Explained explained = sandbox.explain(candidate, List.of(new SandboxCase(feedback, context,
                decisionTime))).get(0);
        List<Object> facts = new ArrayList<>();
        facts.add(feedback);
        facts.addAll(context.facts());
        return new TestRun(explained.decision(), explained.explanation(), live.current().decide(facts, decisionTime));
    }

    /**
     * Where the sources' promises overlap: the feedback (the examples given, the scenarios of the
     * version they are based on, and a small generated sample) that they decide, in the sandbox,
     * with cases of two or more different promises.
     *
     * @throws InvalidRuleSetException when the sources do not compile
     */
    public List<Overlap> overlaps(List<RuleSource> sources, String basedOn, List<Feedback> examples) {
        Sandbox.Checked checked = sandbox.compile(sources);
        if (!checked.succeeded()) {
            throw new InvalidRuleSetException(checked.errors());
        }
        DecisionContext noHistory = new DecisionContext(List.of(), List.of(), null, calendar, null);
        List<SandboxCase> cases = new ArrayList<>();
        examples.forEach(feedback -> cases.add(new SandboxCase(feedback, noHistory, feedback.receivedAt().plusSeconds(60))));
        if (basedOn != null) {
            scenarios(resolve(basedOn)).forEach(scenario -> cases.add(sandboxCase(scenario)));
        }
        cases.addAll(FeedbackSample.of(OVERLAP_SAMPLE, calendar));
        List<Decision> decisions = sandbox.decide(sources, cases);
        List<Overlap> overlaps = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            List<String> promises = decisions.get(i).actions().stream().filter(a -> a.type() == ActionType.OPEN_CASE)
                    .map(Action::promise).filter(Objects::nonNull).distinct().toList();
            if (promises.size() > 1) {
                overlaps.add(new Overlap(cases.get(i).feedback(), promises, decisions.get(i).firedRules()));
            }
        }
        return overlaps;
    }

    public List<Scenario.Result> runScenarios(String version) {
        String resolved = resolve(version);
        return run(sources(resolved), scenarios(resolved));
    }

    /** Scenarios decided in the sandbox, each with the company calendar and no customer history. */
    private List<Scenario.Result> run(List<RuleSource> sources, List<Scenario> scenarios) {
        if (scenarios.isEmpty()) {
            return List.of();
        }
        List<Decision> decisions = sandbox.decide(sources, scenarios.stream().map(this::sandboxCase).toList());
        List<Scenario.Result> results = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            results.add(result(scenarios.get(i), decisions.get(i)));
        }
        return results;
    }

    private SandboxCase sandboxCase(Scenario scenario) {
        return new SandboxCase(scenario.feedback(), new DecisionContext(List.of(), List.of(), null, calendar, null),
                scenario.decisionTime());
    }

    private static Scenario.Result result(Scenario scenario, Decision decision) {
        List<Action> actions = decision.actions();
        return new Scenario.Result(scenario, actions.stream().map(Scenario.Expected::of).toList());
    }

    public Scenario.Result saveScenario(String version, Scenario scenario, Caller author) {
        String resolved = resolve(version);
        // Decided before it is saved: a scenario that the rules cannot decide within the limits is not kept.
        Scenario.Result result = run(sources(resolved), List.of(scenario)).get(0);
        store.putScenario(resolved, new RuleSetStore.StoredScenario(scenario.name(),
                ScenarioJson.encode(scenario)));
        access.recordEvent(now(), author, "scenario.saved", "ruleset:" + resolved, scenario.name());
        return result;
    }

    public void deleteScenario(String version, String name, Caller author) {
        String resolved = resolve(version);
        if (!store.deleteScenario(resolved, name)) {
            throw ApiException.notFound("rule set " + version + " has no scenario '" + name + "'");
        }
        access.recordEvent(now(), author, "scenario.deleted", "ruleset:" + resolved, name);
    }

    /**
     * Makes a version live once, in the sandbox, all its scenarios pass and it decided a generated
     * sample of feedback within the limits. Decisions already deciding finish with the version
     * they took; the next ones take this one.
     *
     * @throws fi.lupaus.engine.sandbox.SandboxLimitException when the rules hit a limit of the sandbox
     */
    public synchronized String deploy(String version, String comment, Caller by) {
        String resolved = resolve(version);
        List<RuleSource> sources = sources(resolved);
        List<FieldError> failing = run(sources, scenarios(resolved)).stream().filter(result -> !result.passed())
                .map(result -> new FieldError("scenarios", "scenario '" + result.scenario().name() + "' expects "
                        + describe(result.scenario().expected()) + " but the rules give " + describe(result.actual())))
                .toList();
        if (!failing.isEmpty()) {
            throw new ApiException(409, failing);
        }
        if (sampleSize > 0) {
            try {
                sandbox.decide(sources, FeedbackSample.of(sampleSize, calendar));
            } catch (SandboxLimitException e) {
                throw new SandboxLimitException(e.limit(), "deciding " + sampleSize
                        + " sample feedback before the deploy, " + e.getMessage());
            }
        }
        RuleSet ruleSet = ruleSet(resolved);
        return makeLive(ruleSet, "deploy", comment, by);
    }

    /** Makes an earlier live version live again, as it was: its scenarios are not run again. */
    public synchronized String rollback(String version, String comment, Caller by) {
        String resolved = resolve(version);
        if (store.deployments().stream().noneMatch(d -> d.version().equals(resolved))) {
            throw new ApiException(409, List.of(new FieldError("version",
                    "rule set " + version + " has never been live, so there is nothing to roll back to; deploy it instead")));
        }
        return makeLive(ruleSet(resolved), "rollback", comment, by);
    }

    public List<RuleSetStore.Deployment> deployments() {
        return store.deployments();
    }

    private String makeLive(RuleSet ruleSet, String kind, String comment, Caller by) {
        long seq = store.recordDeployment(ruleSet.version(), now(), by.id(), kind, comment);
        access.recordEvent(now(), by, "ruleset." + kind, "ruleset:" + ruleSet.version(), comment);
        live.swap(ruleSet);
        followedDeployment = Math.max(followedDeployment, seq);
        return ruleSet.version();
    }

    private RuleSet ruleSet(String version) {
        return compiled.get(version, v -> {
            List<RuleSource> sources = sources(v);
            // Kept sources of people's versions passed the guard when saved; it is cheap to check again.
            return compiler.compileUntrusted(sources).orElseThrow();
        });
    }

    private List<RuleSource> sources(String version) {
        List<RuleSource> sources = log.keptSources(resolve(version));
        if (sources.isEmpty()) {
            throw notFound(version);
        }
        return sources;
    }

    private List<Scenario> scenarios(String version) {
        List<Scenario> scenarios = new ArrayList<>();
        for (RuleSetStore.StoredScenario stored : store.scenarios(version)) {
            List<FieldError> errors = new ArrayList<>();
            Scenario scenario = ScenarioJson.read(new JsonObject(stored.json()), now(), errors);
            if (scenario == null) {
                throw new IllegalStateException("stored scenario '" + stored.name() + "' cannot be read: " + errors);
            }
            scenarios.add(scenario);
        }
        return scenarios;
    }

    private String resolve(String version) {
        return "live".equals(version) ? live.current().version() : version;
    }

    private static ApiException notFound(String version) {
        return ApiException.notFound("there is no rule set " + version);
    }

    private static String describe(List<Scenario.Expected> actions) {
        if (actions.isEmpty()) {
            return "no action";
        }
        return String.join(", ", actions.stream().map(a -> a.type().name()
                + (a.promise() == null ? "" : " " + a.promise()) + (a.owner() == null ? "" : " for " + a.owner()))
                .toList());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
