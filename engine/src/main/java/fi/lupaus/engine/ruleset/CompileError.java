package fi.lupaus.engine.ruleset;

/**
 * A problem that keeps a rule source from compiling, where it is and what it is.
 *
 * @param source  the rule source's name
 * @param line    1-based line, or 0 when the compiler did not say
 * @param column  1-based column, or 0 when the compiler did not say
 * @param message what is wrong
 */
public record CompileError(String source, int line, int column, String message) {
}
