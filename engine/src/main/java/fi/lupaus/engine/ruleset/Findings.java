package fi.lupaus.engine.ruleset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the guard found in one rule source, once per construct and line, in source order. */
final class Findings {

    private final String source;
    private final Map<String, CompileError> errors = new LinkedHashMap<>();

    Findings(String source) {
        this.source = source;
    }

    /** Refuses a construct found at an offset of a text. */
    void refuse(SourceText text, int offset, String construct, String reason) {
        refuse(text.line(offset), text.column(offset), construct, reason);
    }

    /** Refuses a construct at a line and column (1-based; 0 when not known). */
    void refuse(int line, int column, String construct, String reason) {
        String message = "'" + construct + "' is not allowed in rules: " + reason;
        errors.putIfAbsent(line + "\u0000" + construct, new CompileError(source, line, column, message));
    }

    /** Records a problem that is not a refused construct, such as a syntax error. */
    void error(int line, int column, String message) {
        errors.putIfAbsent(line + "\u0000" + message, new CompileError(source, line, column, message));
    }

    List<CompileError> errors() {
        List<CompileError> sorted = new ArrayList<>(errors.values());
        sorted.sort(Comparator.comparingInt(CompileError::line).thenComparingInt(CompileError::column));
        return sorted;
    }
}
