package fi.lupaus.console.decide;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import fi.lupaus.engine.log.Appended;
import fi.lupaus.engine.log.LogFullException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.AsyncResult;

/**
 * What deciding costs and how it ends: decisions by outcome and rule set, and latency as
 * histograms of deciding (context and rules), waiting for the store, and end to end. Recording
 * takes no lock and, once a rule set has been seen, allocates nothing.
 */
public final class DecisionMeters {

    private static final String DECISIONS = "lupaus.decisions";
    private static final String LATENCY = "lupaus.decision.latency";

    private final MeterRegistry registry;
    /** By rule-set version: created, then existing (the same feedback answered its first decision). */
    private final Map<String, Counter[]> byRuleSet = new ConcurrentHashMap<>();
    private final Counter refused;
    private final Counter abandoned;
    private final Counter failed;
    private final Timer deciding;
    private final Timer storing;
    private final Timer endToEnd;
    private final DistributionSummary groups;

    public DecisionMeters(MeterRegistry registry) {
        this.registry = registry;
        this.refused = outcome("refused", "none");
        this.abandoned = outcome("abandoned", "none");
        this.failed = outcome("failed", "none");
        this.deciding = latency("deciding", "loading the customers' context and firing the rules, per group");
        this.storing = latency("storing", "waiting for the store to make the decisions durable, per group");
        this.groups = DistributionSummary.builder("lupaus.decision.group")
                .description("feedback decided together: requests that waited for a deciding thread share "
                        + "one read of their customers' history and one append").register(registry);
        this.endToEnd = latency("total", "from taking the feedback to the durable decisions, per request");
    }

    /** Feedback that waited for a deciding thread, decided as one group (one context read, one append). */
    void grouped(int feedback) {
        groups.record(feedback);
    }

    /** The most feedback decided as one group lately (a decaying maximum). */
    double largestGroup() {
        return groups.max();
    }

    /** Meters that nobody reads (tests that build a decider by hand). */
    public static DecisionMeters none() {
        return new DecisionMeters(new SimpleMeterRegistry());
    }

    private Counter outcome(String outcome, String ruleSet) {
        return Counter.builder(DECISIONS).tag("outcome", outcome).tag("ruleset", ruleSet)
                .description("feedback decided, by how it ended and the rule set that decided it").register(registry);
    }

    private Timer latency(String stage, String description) {
        return Timer.builder(LATENCY).tag("stage", stage).description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    void deciding(long nanos) {
        deciding.record(nanos, TimeUnit.NANOSECONDS);
    }

    void storing(long nanos) {
        storing.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The end of a request to decide {@code count} feedback that began at {@code startNanos}. */
    void answered(AsyncResult<List<Appended>> result, int count, long startNanos) {
        if (result.succeeded()) {
            endToEnd.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            List<Appended> appended = result.result();
            for (int i = 0; i < appended.size(); i++) {
                Appended one = appended.get(i);
                countersOf(one.record().decision().ruleSetVersion())[one.created() ? 0 : 1].increment();
            }
        } else {
            refusedOrFailed(result.cause(), count);
        }
    }

    void refusedOrFailed(Throwable failure, int count) {
        Counter counter = failure instanceof OverloadedException || failure instanceof LogFullException ? refused
                : failure instanceof DecisionAbandonedException ? abandoned : failed;
        counter.increment(count);
    }

    private Counter[] countersOf(String version) {
        Counter[] counters = byRuleSet.get(version);
        if (counters == null) {
            String shortVersion = version.length() > 12 ? version.substring(0, 12) : version;
            counters = byRuleSet.computeIfAbsent(version, v -> new Counter[] {
                    outcome("created", shortVersion), outcome("existing", shortVersion)});
        }
        return counters;
    }
}
