package fi.lupaus.engine.ruleset;

import java.util.List;
import java.util.stream.Collectors;

/** Rule sources that do not compile; {@link #errors()} says where and why. */
public class InvalidRuleSetException extends RuntimeException {

    private final List<CompileError> errors;

    public InvalidRuleSetException(List<CompileError> errors) {
        super("rule set does not compile:\n" + errors.stream()
                .map(e -> e.source() + ":" + e.line() + ":" + e.column() + ": " + e.message())
                .collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<CompileError> errors() {
        return errors;
    }
}
