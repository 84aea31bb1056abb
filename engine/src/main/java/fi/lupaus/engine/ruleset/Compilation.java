package fi.lupaus.engine.ruleset;

import java.util.List;

/**
 * The outcome of compiling rule sources: a rule set, or the errors that kept it from compiling.
 *
 * @param ruleSet the compiled rule set, or {@code null} when there are errors
 * @param errors  the compile errors, empty on success
 */
public record Compilation(RuleSet ruleSet, List<CompileError> errors) {

    public Compilation {
        errors = List.copyOf(errors);
        if ((ruleSet == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a compilation has either a rule set or errors");
        }
    }

    public boolean succeeded() {
        return ruleSet != null;
    }

    /** The rule set, or an {@link InvalidRuleSetException} listing the errors. */
    public RuleSet orElseThrow() {
        if (ruleSet == null) {
            throw new InvalidRuleSetException(errors);
        }
        return ruleSet;
    }
}
