package fi.lupaus.engine.ruleset;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.KieServices;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.time.SessionPseudoClock;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.DecisionTime;

/**
 * Compiled rules with the sources they came from. Deciding is a pure function of this rule
 * set, the facts and the decision time: the session's clock is a pseudo clock set to the
 * decision time, and the time is also given as a {@link DecisionTime} fact.
 */
public final class RuleSet {

    /** More firings than this for one decision means rules that loop. */
    static final int MAX_FIRINGS = 10_000;

    /**
     * Firings that compute longer than this for one decision are stopped. Counted in the
     * deciding thread's CPU time, so that a garbage collection or a busy machine never stops a
     * decision whose rules are sound.
     */
    static final Duration TIME_BUDGET = Duration.ofMillis(500);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String version;
    private final List<RuleSource> sources;
    private final KieBase kieBase;
    private final KieSessionConfiguration sessionConfiguration;

    RuleSet(String version, List<RuleSource> sources, KieBase kieBase) {
        this.version = version;
        this.sources = List.copyOf(sources);
        this.kieBase = kieBase;
        this.sessionConfiguration = KieServices.Factory.get().newKieSessionConfiguration();
        this.sessionConfiguration.setOption(ClockTypeOption.PSEUDO);
    }

    /**
     * The SHA-256 of the sources, in lower-case hex: over each source in name order, its name in
     * UTF-8, a zero byte, its text in UTF-8 and a zero byte.
     */
    public String version() {
        return version;
    }

    /** The sources in name order. */
    public List<RuleSource> sources() {
        return sources;
    }

    /**
     * Each rule's metadata ({@code @promise(id = "…", …)} written before its {@code when}), by rule
     * name in name order, read from the compiled rules; a rule without metadata has an empty map.
     * A value given as {@code key = "text"} is the text without its quotes.
     */
    public Map<String, Map<String, String>> ruleMetadata() {
        Map<String, Map<String, String>> metadata = new TreeMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                Map<String, String> values = new TreeMap<>();
                rule.getMetaData().forEach((name, value) -> {
                    if (value instanceof Map<?, ?> map) {
                        map.forEach((key, text) -> values.put(name + "." + key, unquote(String.valueOf(text))));
                    } else {
                        values.put(name, unquote(String.valueOf(value)));
                    }
                });
                metadata.put(rule.getName(), values);
            }
        }
        return metadata;
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }

    /**
     * Decides the facts at the decision time.
     *
     * <p>The time the firings take is measured only to stop rules that run too long; it never
     * feeds a decision. It is checked after each firing, so it cannot stop a single firing that
     * never ends.
     *
     * @throws RuleLoopException    when the rules fire more than {@value #MAX_FIRINGS} times
     * @throws RuleTimeoutException (a {@code RuleLoopException}) when the firings run longer than 500 ms
     */
    public Decision decide(Collection<?> facts, Instant decisionTime) {
        KieSession session = kieBase.newKieSession(sessionConfiguration, null);
        try {
            SessionPseudoClock clock = session.getSessionClock();
            clock.advanceTime(decisionTime.toEpochMilli() - clock.getCurrentTime(), TimeUnit.MILLISECONDS);
            Trail trail = new Trail(computedNanos() + TIME_BUDGET.toNanos());
            session.addEventListener(trail.agenda);
            session.addEventListener(trail.runtime);
            session.insert(new DecisionTime(decisionTime));
            facts.forEach(session::insert);
            int fired = session.fireAllRules(MAX_FIRINGS + 1);
            if (trail.overran) {
                throw new RuleTimeoutException(version, TIME_BUDGET, trail.firedRules.size(),
                        trail.firedRules.get(trail.firedRules.size() - 1));
            }
            if (fired > MAX_FIRINGS) {
                throw new RuleLoopException(version, MAX_FIRINGS, trail.firedRules.subList(0, 20));
            }
            return new Decision(version, decisionTime, trail.firedRules, trail.actions);
        } finally {
            session.dispose();
        }
    }

    /** The deciding thread's CPU time, or the wall clock where the JVM cannot measure it. */
    private static long computedNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /**
     * Records which rules fired and which actions they inserted, in order, and halts the session
     * once the firings pass their deadline.
     */
    private static final class Trail {
        final List<String> firedRules = new ArrayList<>();
        final List<Action> actions = new ArrayList<>();
        final long deadline;
        boolean overran;

        Trail(long deadline) {
            this.deadline = deadline;
        }

        final DefaultAgendaEventListener agenda = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                firedRules.add(event.getMatch().getRule().getName());
                if (!overran && computedNanos() - deadline > 0) {
                    overran = true;
                    event.getKieRuntime().halt();
                }
            }
        };

        final DefaultRuleRuntimeEventListener runtime = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getObject() instanceof Action action) {
                    actions.add(action);
                }
            }
        };
    }
}
