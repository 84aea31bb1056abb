package fi.lupaus.engine.ruleset;

import static fi.lupaus.engine.ruleset.RuleAllowList.ANNOTATIONS;
import static fi.lupaus.engine.ruleset.RuleAllowList.BIG_NUMBER_LITERAL;
import static fi.lupaus.engine.ruleset.RuleAllowList.CONSTRUCTOR;
import static fi.lupaus.engine.ruleset.RuleAllowList.DIALECT;
import static fi.lupaus.engine.ruleset.RuleAllowList.HASH_ORDER;
import static fi.lupaus.engine.ruleset.RuleAllowList.INLINE_MAP;
import static fi.lupaus.engine.ruleset.RuleAllowList.LIBRARY_ROOTS;
import static fi.lupaus.engine.ruleset.RuleAllowList.NOT_A_MEMBER;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    private static final String INDEX_BY_NAME = "an index by name reaches properties and entries that the guard "
            + "cannot check; call get(…) on a map";
    private static final Map<String, String> CLOSING = Map.of(")", "(", "]", "[", "}", "{");

    private final SourceText source;
    private final List<Token> tokens;
    private final Findings findings;
    private final Vocabulary vocabulary;
    private final Set<Integer> importStarts;
    private final Scope scope;
    private final List<int[]> consequences;
    private final Deque<Token> brackets = new ArrayDeque<>();
    /** Chains ({@code a.b.c}) whose start was refused: their members are not refused once more. */
    private final Set<Integer> refusedChains = new HashSet<>();
    private final Set<String> locals = new HashSet<>();
    private int annotationEnd = -1;

    private CodeScan(SourceText source, Findings findings, Vocabulary vocabulary, Set<Integer> importStarts,
            Scope scope, List<int[]> consequences) {
        this.source = source;
        this.tokens = DrlTokenizer.tokenize(source, findings);
        this.findings = findings;
        this.vocabulary = vocabulary;
        this.importStarts = importStarts;
        this.scope = scope;
        this.consequences = consequences;
    }

    /**
     * Scans a text.
     *
     * @param vocabulary   the names this rule set may use
     * @param importStarts the offsets at which Drools' parser found import statements, or {@code null}
     *                     when it could not parse the file (which is then refused for that)
     * @param consequences the offsets [start, end) of the consequences in a whole file, which are
     *                     scanned once more on their own (with their local variables)
     */
    static void scan(SourceText source, Findings findings, Vocabulary vocabulary, Set<Integer> importStarts,
            Scope scope, List<int[]> consequences) {
        new CodeScan(source, findings, vocabulary, importStarts, scope, consequences).run();
    }

    private void run() {
        if (scope == Scope.CODE) {
            collectLocals();
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.SYMBOL) {
                i = symbol(i);
            } else if (token.kind() == Kind.IDENTIFIER) {
                i = identifier(i);
            } else if (token.kind() == Kind.NUMBER) {
                checkNumber(token);
            }
        }
        requireClosedBrackets();
    }

    /** {@code String owner = …}, {@code int total;}: the variables a consequence declares. */
    private void collectLocals() {
        for (int i = 1; i < tokens.size(); i++) {
            Token name = tokens.get(i);
            Token before = tokens.get(i - 1);
            boolean typed = before.kind() == Kind.IDENTIFIER && (PRIMITIVES.contains(before.text())
                    || before.text().equals("var") || (isTypeLike(before.text()) && !isSymbol(i - 2, ".")))
                    || before.isSymbol(">");
            if (name.kind() == Kind.IDENTIFIER && !isTypeLike(name.text()) && typed
                    && (isSymbol(i + 1, "=") || isSymbol(i + 1, ";") || isSymbol(i + 1, ","))) {
                locals.add(name.text());
            }
        }
    }

    /** MVEL reads {@code 1E999999999B} as a BigDecimal, and {@code 10I} as a BigInteger. */
    private void checkNumber(Token number) {
        String text = number.text();
        boolean radix = text.length() > 1 && text.charAt(0) == '0' && "xXbB".indexOf(text.charAt(1)) >= 0;
        if (!radix && "bBiI".indexOf(text.charAt(text.length() - 1)) >= 0) {
            refuse(number, text, BIG_NUMBER_LITERAL);
        }
    }

    private int symbol(int i) {
        Token token = tokens.get(i);
        switch (token.text()) {
            case "(", "[", "{" -> {
                brackets.push(token);
                checkIndexByName(i);
            }
            case ")", "]", "}" -> {
                if (brackets.isEmpty() || !brackets.peek().text().equals(CLOSING.get(token.text()))) {
                    refuse(token, token.text(), UNBALANCED);
                }
                if (!brackets.isEmpty()) {
                    brackets.pop();
                }
            }
            case "->", "::" -> refuse(token, token.text(), STRAIGHT_LINE);
            case ":" -> {
                if (!brackets.isEmpty() && brackets.peek().isSymbol("[")) {
                    refuse(brackets.peek(), "[ key : value ]", INLINE_MAP);
                }
            }
            case "@" -> {
                return annotation(i);
            }
            default -> {
            }
        }
        return i;
    }

    /** MVEL's {@code x["name"]} reads a map entry or a property by a name in a string, which no check here sees. */
    private void checkIndexByName(int i) {
        Token before = token(i - 1);
        boolean indexing = before != null && (before.kind() == Kind.IDENTIFIER || before.isSymbol(")")
                || before.isSymbol("]")) && tokens.get(i).isSymbol("[");
        if (indexing && token(i + 1) != null && token(i + 1).kind() == Kind.STRING) {
            refuse(tokens.get(i), before.text() + "[\"" + token(i + 1).text() + "\"]", INDEX_BY_NAME);
        }
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
        // Drools reads the values of its own annotations ( @role( fact ) ) as names, not code.
        if (isSymbol(at + 2, "(")) {
            annotationEnd = Math.max(annotationEnd, matchingParenthesis(at + 2));
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
            refusedChains.add(i);
        } else if (isSymbol(i - 1, ".")) {
            checkMember(i);
        } else if (isTypeLike(name)) {
            checkTypeName(i);
        } else if (isSymbol(i + 1, ".") && !name.startsWith("$") && !name.equals("this") && checkQualifiedName(i)) {
            refusedChains.add(i);
        } else {
            checkBareName(i);
        }
        checkWallClock(i);
        checkHashOrdered(i);
        checkWholeFact(i);
        return i;
    }

    /**
     * A fact whose text is hash-ordered ({@code $d : CaseDue( )}) may be read member by member,
     * changed, or deleted, never used whole ({@code "" + $d}, {@code collectList( $d )}); and
     * {@code $x : this} would hide such a fact from this check.
     */
    private void checkWholeFact(int i) {
        Token token = tokens.get(i);
        if (token.text().equals("this")) {
            if (isSymbol(i - 1, ":") && (isSymbol(i + 1, ",") || isSymbol(i + 1, ")"))) {
                refuse(token, ": this", RuleAllowList.THIS_BINDING);
            } else if (!isComparedOrRead(i)) {
                // "" + this, insert(this), collectList( this ): the text of a fact or of the consequence's own object
                refuse(token, "this", RuleAllowList.THIS_WHOLE);
            }
            return;
        }
        if (!vocabulary.isMembersOnly(token.text())) {
            return;
        }
        boolean member = isSymbol(i + 1, ".") || (isSymbol(i + 1, "!") && isSymbol(i + 2, "."));
        boolean declaration = isSymbol(i + 1, ":");
        boolean changed = isSymbol(i - 1, "(") && isSymbol(i + 1, ")") && token(i - 2) != null
                && Set.of("modify", "update", "delete", "retract").contains(token(i - 2).text());
        if (!member && !declaration && !changed) {
            refuse(token, token.text(), RuleAllowList.HASH_TEXT);
        }
    }

    /** {@code this.member}, {@code this == $x}, {@code this > 10}, {@code this#Type}, {@code this memberOf $l}. */
    private boolean isComparedOrRead(int i) {
        Token next = token(i + 1);
        if (next == null) {
            return false;
        }
        if (next.kind() == Kind.SYMBOL) {
            return Set.of(".", "=", "!", "<", ">", "#").contains(next.text());
        }
        return next.kind() == Kind.IDENTIFIER
                && Set.of("instanceof", "memberOf", "contains", "not", "in", "excludes").contains(next.text());
    }

    /** {@code Type.member} is checked against the type's row; {@code value.member} against every row. */
    private void checkMember(int i) {
        Token member = tokens.get(i);
        int start = chainStart(i);
        if (refusedChains.contains(start)) {
            return;
        }
        Token receiver = token(i - 2);
        boolean call = isSymbol(i + 1, "(");
        if (start == i - 2 && receiver.kind() == Kind.IDENTIFIER && isTypeLike(receiver.text())) {
            if (vocabulary.allowsType(receiver.text())) {
                String reason = vocabulary.staticRefusal(receiver.text(), member.text());
                if (reason != null) {
                    refuse(member, receiver.text() + "." + member.text(), reason);
                }
            }
            return;
        }
        String reason = vocabulary.instanceRefusal(member.text(), call);
        if (reason != null) {
            refuse(member, member.text(), reason);
        }
    }

    /** The first name of the chain {@code a.b.c} that ends at {@code i}. */
    private int chainStart(int i) {
        int start = i;
        while (isSymbol(start - 1, ".") && token(start - 2) != null && token(start - 2).kind() == Kind.IDENTIFIER) {
            start -= 2;
        }
        return start;
    }

    /** A name on its own: a member of the pattern's type, a DRL word, a local variable, a query. */
    private void checkBareName(int i) {
        Token token = tokens.get(i);
        String name = token.text();
        if (name.startsWith("$") || i <= annotationEnd || inConsequence(token.start())
                || (isSymbol(i - 1, "[") && (isIdentifier(i - 2, "then") || isIdentifier(i - 2, "do")
                        || isIdentifier(i - 2, "break")))) {
            return;
        }
        boolean call = isSymbol(i + 1, "(");
        if (vocabulary.allowsBare(name, call, scope) || (!call && locals.contains(name))) {
            return;
        }
        refuse(token, name, NOT_A_MEMBER);
    }

    private boolean inConsequence(int offset) {
        return consequences.stream().anyMatch(range -> offset >= range[0] && offset < range[1]);
    }

    /** A hash-ordered set may be asked whether it holds something, and nothing else. */
    private void checkHashOrdered(int i) {
        if (!RuleMembers.HASH_ORDERED.contains(tokens.get(i).text())) {
            return;
        }
        int next = isSymbol(i + 1, "(") && isSymbol(i + 2, ")") ? i + 3 : i + 1;
        boolean asked = (token(next) != null && token(next).kind() == Kind.IDENTIFIER
                && RuleMembers.HASH_ORDERED_QUESTIONS.contains(token(next).text()))
                || (isIdentifier(next, "not") && isIdentifier(next + 1, "contains"))
                || (isSymbol(next, ".") && token(next + 1) != null
                        && RuleMembers.HASH_ORDERED_QUESTIONS.contains(token(next + 1).text()));
        if (!asked) {
            refuse(tokens.get(i), tokens.get(i).text(), HASH_ORDER);
        }
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
        if (!vocabulary.allowsType(token.text())) {
            refuse(token, token.text(), NOT_A_RULE_TYPE);
            refusedChains.add(i);
        }
    }

    /** {@code a.b.C}: a chain of lower-case names that ends in a type, or that starts like a library package. */
    private boolean checkQualifiedName(int root) {
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
            return true;
        }
        return false;
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
            } else if (vocabulary.allowsType(type.text()) && !vocabulary.isDeclared(type.text())
                    && !RuleMembers.isConstructible(type.text())) {
                refuse(type, "new " + type.text(), CONSTRUCTOR);
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
