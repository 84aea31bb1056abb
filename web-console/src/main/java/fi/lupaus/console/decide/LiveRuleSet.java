package fi.lupaus.console.decide;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import fi.lupaus.engine.ruleset.RuleSet;

/**
 * The rule set that decides new work. A deploy swaps it in one step: work that already took the
 * old rule set finishes with it, work that starts afterwards takes the new one, and nothing waits.
 */
public final class LiveRuleSet {

    private final AtomicReference<RuleSet> live;

    public LiveRuleSet(RuleSet initial) {
        this.live = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public RuleSet current() {
        return live.get();
    }

    /** Makes the rule set live and returns the one it replaced. */
    public RuleSet swap(RuleSet next) {
        return live.getAndSet(Objects.requireNonNull(next, "next"));
    }
}
