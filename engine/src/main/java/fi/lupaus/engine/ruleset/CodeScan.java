package fi.lupaus.engine.ruleset;

import static fi.lupaus.engine.ruleset.RuleAllowList.ANNOTATIONS;
import static fi.lupaus.engine.ruleset.RuleAllowList.DIALECT;
import static fi.lupaus.engine.ruleset.RuleAllowList.LIBRARY_ROOTS;
import static fi.lupaus.engine.ruleset.RuleAllowList.NOT_A_RULE_TYPE;
import static fi.lupaus.engine.ruleset.RuleAllowList.PRIMITIVES;
import static fi.lupaus.engine.ruleset.RuleAllowList.REFUSED_KEYWORDS;
import static fi.lupaus.engine.ruleset.RuleAllowList.REFUSED_NAMES;
import static fi.lupaus.engine.ruleset.RuleAllowList.REFUSED_PREFIXES;
import static fi.lupaus.engine.ruleset.RuleAllowList.SESSION;
import static fi.lupaus.engine.ruleset.RuleAllowList.WALL_CLOCK;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import fi.lupaus.engine.ruleset.DrlTokenizer.Kind;
import fi.lupaus.engine.ruleset.DrlTokenizer.Token;

/**
 * Reads the tokens of a DRL file, or of one rule's consequence, and refuses every construct the
 * allow-list does not admit. It reads all code alike, whatever part of a rule it is in
 * (constraints, {@code from}, {@code eval}, accumulate blocks, consequences), so that no part
 * of a rule is left unread.
 */
final class CodeScan {

    /** Where a scan starts: a whole file (which may open with a package statement) or a code part. */
    enum Scope { FILE, CODE }

    private static final String FULLY_QUALIFIED =
            "a fully qualified name can reach any class; import one of the allowed types instead";
    private static final String STRAIGHT_LINE =
            "lambdas and method references can hide loops and recursion; rules run straight-line code";
    private static final String ARRAYS = "a large array can exhaust the server's memory";
    private static final String CLASS_BODIES = "anonymous and local classes can declare methods that recurse "
            + "or loop";
    private static final String UNBALANCED = "brackets must pair up within each part of a rule; an unmatched one "
            + "could break out of the code Drools wraps around it";
    private static final String IMPORT_IN_CODE = "imports belong at the top of a file, not inside rule code";
    private static final String PACKAGE_NOT_FIRST = "the package statement must come first in a file";
    private static final String OTHER_DIALECT = "only the " + DIALECT + " dialect is allowed: the guard reads code "
            + "as the Java compiler will, and MVEL's own loops, functions and imports would go unchecked";
    private static final String ANNOTATION = "the only annotations allowed are Drools' own: "
            + String.join(", ", new TreeSet<>(ANNOTATIONS));
    private static final Map<String, String> CLOSING = Map.of(")", "(", "]", "[", "}", "{");

    private final SourceText source;
    private final List<Token> tokens;
    private final Findings findings;
    private final Predicate<String> allowedType;
    private final Set<Integer> importStarts;
    private final Scope scope;
    private final Deque<Token> brackets = new ArrayDeque<>();

    private CodeScan(SourceText source, Findings findings, Predicate<String> allowedType, Set<Integer> importStarts,
            Scope scope) {
        this.source = source;
        this.tokens = DrlTokenizer.tokenize(source, findings);
        this.findings = findings;
        this.allowedType = allowedType;
        this.importStarts = importStarts;
        this.scope = scope;
    }

    /**
     * Scans a text.
     *
     * @param allowedType  whether a type name is allowed in this rule set
     * @param importStarts the offsets at which Drools' parser found import statements, or {@code null}
     *                     when it could not parse the file (which is then refused for that)
     */
    static void scan(SourceText source, Findings findings, Predicate<String> allowedType, Set<Integer> importStarts,
            Scope scope) {
        new CodeScan(source, findings, allowedType, importStarts, scope).run();
    }

    private void run() {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.SYMBOL) {
                i = symbol(i);
            } else if (token.kind() == Kind.IDENTIFIER) {
                i = identifier(i);
            }
        }
        requireClosedBrackets();
    }

    private int symbol(int i) {
        Token token = tokens.get(i);
        switch (token.text()) {
            case "(", "[", "{" -> brackets.push(token);
            case ")", "]", "}" -> {
                if (brackets.isEmpty() || !brackets.peek().text().equals(CLOSING.get(token.text()))) {
                    refuse(token, token.text(), UNBALANCED);
                }
                if (!brackets.isEmpty()) {
                    brackets.pop();
                }
            }
            case "->", "::" -> refuse(token, token.text(), STRAIGHT_LINE);
            case "@" -> {
                return annotation(i);
            }
            default -> {
            }
        }
        return i;
    }

    private int annotation(int at) {
        Token name = token(at + 1);
        if (name == null || name.kind() != Kind.IDENTIFIER) {
            return at;
        }
        boolean known = ANNOTATIONS.contains(name.text().toLowerCase(Locale.ROOT))
                || (scope == Scope.FILE && RuleAllowList.RULE_METADATA.contains(name.text()));
        if (!known || isSymbol(at + 2, ".")) {
            refuse(tokens.get(at), "@" + name.text(), ANNOTATION);
        }
        return at + 1;
    }

    private int identifier(int i) {
        Token token = tokens.get(i);
        String name = token.text();
        switch (name) {
            case "package" -> {
                if (scope == Scope.FILE && i == 0) {
                    return skipQualifiedName(i + 1);
                }
                refuse(token, name, PACKAGE_NOT_FIRST);
                return i;
            }
            case "import" -> {
                if (scope == Scope.FILE && (importStarts == null || importStarts.contains(token.start()))) {
                    return skipImport(i);
                }
                refuse(token, name, IMPORT_IN_CODE);
                return i;
            }
            case "dialect" -> {
                Token value = token(i + 1);
                if (value == null || value.kind() != Kind.STRING || !value.text().equals(DIALECT)) {
                    String shown = value != null && value.kind() == Kind.STRING ? "dialect \"" + value.text() + "\"" : name;
                    refuse(token, shown, OTHER_DIALECT);
                }
                return i;
            }
            case "then", "end" -> {
                if (scope == Scope.FILE) {
                    requireClosedBrackets();
                }
                return i;
            }
            case "new" -> {
                checkNew(i);
                return i;
            }
            case "record" -> {
                if (token(i + 1) != null && token(i + 1).kind() == Kind.IDENTIFIER
                        && (isSymbol(i + 2, "(") || isSymbol(i + 2, "<"))) {
                    refuse(token, name, CLASS_BODIES);
                }
                return i;
            }
            default -> {
            }
        }
        if (isKeywordAllowedHere(i)) {
            return i;
        }
        String refusal = refusalOf(name);
        if (refusal != null) {
            refuse(token, name, refusal);
        } else if (isTypeLike(name)) {
            checkTypeName(i);
        } else if (isSymbol(i + 1, ".") && !isSymbol(i - 1, ".") && !name.startsWith("$") && !name.equals("this")) {
            checkQualifiedName(i);
        }
        checkWallClock(i);
        return i;
    }

    /** DRL reuses a few Java keywords: {@code declare enum} and named consequences' {@code do[...]}. */
    private boolean isKeywordAllowedHere(int i) {
        String name = tokens.get(i).text();
        return (name.equals("enum") && isIdentifier(i - 1, "declare"))
                || (name.equals("do") && isSymbol(i + 1, "["));
    }

    private static String refusalOf(String name) {
        String reason = REFUSED_KEYWORDS.get(name);
        if (reason == null) {
            reason = REFUSED_NAMES.get(name);
        }
        if (reason == null) {
            reason = REFUSED_PREFIXES.entrySet().stream()
                    .filter(prefix -> name.startsWith(prefix.getKey()) && name.length() > prefix.getKey().length()
                            && Character.isUpperCase(name.charAt(prefix.getKey().length())))
                    .map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        if (reason == null && name.contains("__Handle__")) {
            reason = SESSION;
        }
        return reason;
    }

    private void checkTypeName(int i) {
        Token token = tokens.get(i);
        if (isSymbol(i - 1, ".")) {
            return; // a member of something already checked: an enum constant or a nested type
        }
        if (!allowedType.test(token.text())) {
            refuse(token, token.text(), NOT_A_RULE_TYPE);
        }
    }

    /** {@code a.b.C}: a chain of lower-case names that ends in a type, or that starts like a library package. */
    private void checkQualifiedName(int root) {
        List<String> parts = new ArrayList<>();
        parts.add(tokens.get(root).text());
        boolean reachesType = false;
        for (int i = root + 2; isSymbol(i - 1, ".") && token(i) != null && token(i).kind() == Kind.IDENTIFIER; i += 2) {
            parts.add(tokens.get(i).text());
            if (isTypeLike(tokens.get(i).text())) {
                reachesType = true;
                break;
            }
        }
        if (reachesType || LIBRARY_ROOTS.contains(parts.get(0))) {
            refuse(tokens.get(root), String.join(".", parts), FULLY_QUALIFIED);
        }
    }

    /** {@code Instant.now()}, {@code LocalDate.now(zone)}: the wall clock, read through an allowed type. */
    private void checkWallClock(int i) {
        if (isIdentifier(i, "now") && isSymbol(i + 1, "(") && isSymbol(i - 1, ".")
                && token(i - 2) != null && isTypeLike(token(i - 2).text())) {
            refuse(token(i - 2), token(i - 2).text() + ".now", WALL_CLOCK);
        }
    }

    private void checkNew(int at) {
        Token type = token(at + 1);
        if (type == null || type.kind() != Kind.IDENTIFIER) {
            return;
        }
        if (PRIMITIVES.contains(type.text())) {
            refuse(type, "new " + type.text() + "[]", ARRAYS);
            return;
        }
        int i = skipQualifiedName(at + 1) + 1;
        i = skipTypeArguments(i);
        if (isSymbol(i, "[")) {
            refuse(type, "new " + type.text() + "[]", ARRAYS);
        } else if (isSymbol(i, "(")) {
            int close = matchingParenthesis(i);
            if (close > 0 && isSymbol(close + 1, "{")) {
                refuse(type, "new " + type.text() + "() {", CLASS_BODIES);
            }
        }
    }

    private int skipTypeArguments(int i) {
        if (!isSymbol(i, "<")) {
            return i;
        }
        int depth = 0;
        for (int j = i; j < tokens.size(); j++) {
            Token token = tokens.get(j);
            if (token.isSymbol("<")) {
                depth++;
            } else if (token.isSymbol(">")) {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            } else if (token.isSymbol("(") || token.isSymbol(";") || token.isSymbol("{")) {
                return j;
            }
        }
        return tokens.size();
    }

    private int matchingParenthesis(int open) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.get(j).isSymbol("(")) {
                depth++;
            } else if (tokens.get(j).isSymbol(")") && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** Skips {@code a.b.c} from {@code i}; returns the index of its last token. */
    private int skipQualifiedName(int i) {
        if (token(i) == null || token(i).kind() != Kind.IDENTIFIER) {
            return i - 1;
        }
        int last = i;
        while (isSymbol(last + 1, ".") && token(last + 2) != null
                && (token(last + 2).kind() == Kind.IDENTIFIER || token(last + 2).isSymbol("*"))) {
            last += 2;
        }
        return isSymbol(last + 1, ";") ? last + 1 : last;
    }

    /** Skips an import the parser found (checked against the allow-list apart from this scan). */
    private int skipImport(int at) {
        int i = at + 1;
        if (isIdentifier(i, "static") || isIdentifier(i, "function") || isIdentifier(i, "accumulate")) {
            i++;
        }
        return skipQualifiedName(i);
    }

    private void requireClosedBrackets() {
        if (!brackets.isEmpty()) {
            Token open = brackets.peekLast();
            refuse(open, open.text(), UNBALANCED);
            brackets.clear();
        }
    }

    /** Type names start with a letter that is not lower case; {@code $bindings} and {@code _names} are not types. */
    static boolean isTypeLike(String name) {
        int first = name.codePointAt(0);
        return Character.isLetter(first) && !Character.isLowerCase(first);
    }

    private Token token(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }

    private boolean isSymbol(int i, String symbol) {
        return token(i) != null && token(i).isSymbol(symbol);
    }

    private boolean isIdentifier(int i, String name) {
        return token(i) != null && token(i).isIdentifier(name);
    }

    private void refuse(Token token, String construct, String reason) {
        findings.refuse(source, token.start(), construct, reason);
    }
}
