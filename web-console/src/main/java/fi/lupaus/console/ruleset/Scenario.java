package fi.lupaus.console.ruleset;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.fact.Feedback;

/**
 * A test scenario saved with a rule set: given this feedback, decided at this time, these actions
 * are expected. A draft whose scenarios fail cannot be deployed.
 */
public record Scenario(String name, Feedback feedback, Instant decisionTime, List<Expected> expected) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(decisionTime, "decisionTime");
        expected = sorted(expected);
    }

    /** What a scenario checks of an action: its kind, and for a case its promise and owner. */
    public record Expected(ActionType type, String promise, String owner) {

        public Expected {
            Objects.requireNonNull(type, "type");
        }

        public static Expected of(Action action) {
            return new Expected(action.type(), action.promise(), action.owner());
        }
    }

    /** The outcome of running a scenario against a rule set. */
    public record Result(Scenario scenario, List<Expected> actual) {

        public Result {
            actual = sorted(actual);
        }

        public boolean passed() {
            return scenario.expected().equals(actual);
        }
    }

    /** The same actions in any order compare equal. */
    static List<Expected> sorted(List<Expected> actions) {
        return actions.stream().sorted(Comparator.comparing((Expected e) -> e.type().name())
                .thenComparing(e -> Objects.toString(e.promise(), ""))
                .thenComparing(e -> Objects.toString(e.owner(), ""))).toList();
    }
}
