package fi.lupaus.engine.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the Java compiler's errors in a rule's consequence ({@code then}) at their own lines. Drools
 * reports them all at the rule's header ("Rule Compilation error" and one problem a line); the
 * consequence is Java that Drools copies as it stands, so the line holding the token a problem
 * names is the problem's line. A problem that names no token found there goes to the first line
 * of the consequence, which is closer than the header.
 */
final class ConsequenceLines {

    private static final String PREFIX = "Rule Compilation error";
    private static final List<Pattern> TOKENS = List.of(
            Pattern.compile("^Syntax error on token \"(.+?)\""),
            Pattern.compile("^The operator (\\S+) is undefined"),
            Pattern.compile("^The method (\\w+)\\("),
            Pattern.compile("^The constructor (\\w+)\\("),
            Pattern.compile("^(\\w+) cannot be resolved"),
            Pattern.compile("^Duplicate local variable (\\w+)"),
            Pattern.compile("^The local variable (\\w+)"),
            Pattern.compile("^(\\w+) cannot be resolved or is not a field"));
    private static final Pattern THEN = Pattern.compile("^\\s*then\\b(.*)$");
    private static final Pattern END = Pattern.compile("^\\s*end\\s*$");

    private ConsequenceLines() {
    }

    /** The error as it is, or one error per problem at the problem's line in the consequence. */
    static List<CompileError> place(CompileError error, String drl) {
        if (drl == null || error.line() <= 0 || !error.message().startsWith(PREFIX)) {
            return List.of(error);
        }
        String[] lines = drl.split("\n", -1);
        List<Integer> body = consequence(lines, error.line());
        if (body.isEmpty()) {
            return List.of(error);
        }
        List<String> problems = error.message().substring(PREFIX.length()).strip().lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<CompileError> placed = new ArrayList<>();
        for (String problem : problems) {
            int line = lineOf(problem, lines, body);
            int column = Math.max(lines[line - 1].length() - lines[line - 1].stripLeading().length(), 0) + 1;
            placed.add(new CompileError(error.source(), line, column, problem));
        }
        return placed.isEmpty() ? List.of(error) : placed;
    }

    /** The 1-based lines of the consequence of the rule whose header is at headerLine, blank lines left out. */
    private static List<Integer> consequence(String[] lines, int headerLine) {
        List<Integer> body = new ArrayList<>();
        boolean inside = false;
        for (int i = headerLine - 1; i < lines.length; i++) {
            if (!inside) {
                Matcher then = THEN.matcher(lines[i]);
                if (then.matches()) {
                    inside = true;
                    if (!then.group(1).isBlank()) {
                        body.add(i + 1);
                    }
                }
            } else if (END.matcher(lines[i]).matches()) {
                break;
            } else if (!lines[i].isBlank()) {
                body.add(i + 1);
            }
        }
        return body;
    }

    private static int lineOf(String problem, String[] lines, List<Integer> body) {
        for (Pattern pattern : TOKENS) {
            Matcher matcher = pattern.matcher(problem);
            if (matcher.find()) {
                String token = matcher.group(1);
                for (int line : body) {
                    if (lines[line - 1].contains(token)) {
                        return line;
                    }
                }
            }
        }
        return body.get(0);
    }
}
