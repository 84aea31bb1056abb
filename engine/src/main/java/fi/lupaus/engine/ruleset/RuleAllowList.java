package fi.lupaus.engine.ruleset;

import java.util.Map;
import java.util.Set;

/**
 * What rules written at run time may use, in one place. {@link RuleGuard} applies it; change it
 * here, and keep {@code RuleGuardTest} (which checks the standard pack against it) green.
 *
 * <p>Types and their members are allowed by lists ({@link #VALUE_TYPES}, {@link #LANG_TYPES} and
 * the member table in {@code RuleMembers}); what is not listed is refused. The names below are
 * refused wherever they stand, with a reason of their own, so that a message says why.
 */
final class RuleAllowList {

    private RuleAllowList() {
    }

    /** Packages whose every type rules may import, one by one or with {@code .*}. */
    static final Set<String> FACT_AND_ACTION_PACKAGES = Set.of(
            "fi.lupaus.engine.fact",
            "fi.lupaus.engine.decision");

    /** Value types rules may import by name. */
    static final Set<String> VALUE_TYPES = Set.of(
            "java.time.Duration",
            "java.time.Instant",
            "java.time.LocalDate",
            "java.time.LocalDateTime",
            "java.time.LocalTime",
            "java.time.ZonedDateTime",
            "java.time.ZoneId",
            "java.time.DayOfWeek",
            "java.time.Period",
            "java.time.temporal.ChronoUnit",
            "java.util.List",
            "java.util.Set",
            "java.util.Map",
            "java.util.Collection");

    /** java.lang types rules may name without an import ({@code Number} for accumulate results). */
    static final Set<String> LANG_TYPES = Set.of(
            "String", "Math", "Integer", "Long", "Double", "Boolean", "Character", "Number");

    /** Type annotations Drools understands and rules may put on declared types and patterns. */
    static final Set<String> ANNOTATIONS = Set.of(
            "role", "timestamp", "duration", "expires", "key", "position", "watch",
            "propertyreactive", "classreactive");

    /**
     * Rule metadata that Lupaus reads (the promise a rule makes, the escalation stage it decides),
     * allowed only before a rule's {@code when} and only as two or more {@code key = "text"} pairs:
     * Drools evaluates a single metadata value as an MVEL expression when it compiles the rule.
     */
    static final Set<String> RULE_METADATA = Set.of("promise", "escalation");

    /** The only dialect whose code the guard reads like the compiler does. */
    static final String DIALECT = "java";

    /** First parts of package names that hold library or engine classes. */
    static final Set<String> LIBRARY_ROOTS = Set.of(
            "java", "javax", "jdk", "sun", "com", "org", "net", "io");

    /**
     * Lupaus's own Java packages: a rule package may not be one of them, or classes there would
     * shadow allowed names. Packages under {@link #RULE_PACKAGES} hold only DRL and are open to rules.
     */
    static final String LUPAUS_PACKAGES = "fi.lupaus";
    static final String RULE_PACKAGES = "fi.lupaus.rules.";

    /** Why a kind of name is refused, as the guard's messages say it. */
    static final String NOT_A_RULE_TYPE =
            "rules may use only the fact and action types and safe value types";
    static final String REFLECTION = "it gives access to classes and reflection";
    static final String CLASS_LOADING = "it loads classes or native code";
    static final String PROCESSES = "it ends or controls the server process";
    static final String THREADS = "it blocks or controls threads";
    static final String SESSION = "it gives access to the rule session and the engine behind it";
    static final String RESOURCES = "it reads files from the class path";
    static final String SYSTEM_PROPERTIES = "it reads the server's system properties";
    static final String MEMORY = "one call can exhaust the server's memory or time";
    static final String WALL_CLOCK =
            "decisions must not depend on the wall clock or chance; use DecisionTime( $now : now )";
    static final String NOT_A_MEMBER = "no type offers it to rules: a misspelt field, or a method or property "
            + "outside the guard's table of what rules may call (docs/rules-sandbox.md)";
    static final String CHANCE = "its value changes from one run of the server to the next, and a decision "
            + "must be a pure function of the rule set, the facts and the time";
    static final String HASH_ORDER = "the order of a hash set changes from one run of the server to the next; "
            + "ask it only contains, not contains, isEmpty or size";
    static final String HASH_TEXT = "its text shows a hash set, whose order changes from one run of the server "
            + "to the next; read its members ($d.caseId) instead of using it whole";
    static final String THIS_BINDING = "bind the pattern ($x : Type( … )) rather than this, so that the guard knows "
            + "what the variable holds";
    static final String THIS_WHOLE = "a whole 'this' can be turned into text that changes from one run of the "
            + "server to the next (a hash set's order, an identity hash); compare it, or read its members";
    static final String STREAMS = "streams and iterators walk values without a bound, and in hash order";
    static final String REGEX = "a regular expression can take exponential time on a short text";
    static final String QUERY_RECURSION = "a query that calls itself, directly or through other queries, can "
            + "recurse without end: query evaluation is no rule firing, so no firing bound stops it";
    static final String SELF_FEEDING = "it inserts, modifies or deletes facts of a type that rules of this cycle "
            + "match, so the rules can feed themselves without end";
    static final String INLINE_MAP = "MVEL's inline maps are hash maps, whose order changes from one run of the "
            + "server to the next";
    static final String BIG_NUMBER_LITERAL = "BigDecimal and BigInteger literals can have exponents that build a "
            + "billion digits";
    static final String CONSTRUCTOR = "rules may create only fact, action and declared types with new";

    /** Method and property names refused wherever they appear in rule code, with the reason. */
    static final Map<String, String> REFUSED_NAMES = Map.ofEntries(
            // reflection, and every way to reach a Class object from an allowed value
            Map.entry("getClass", REFLECTION),
            Map.entry("getDeclaringClass", REFLECTION),
            Map.entry("getEnclosingClass", REFLECTION),
            Map.entry("getSuperclass", REFLECTION),
            Map.entry("getInterfaces", REFLECTION),
            Map.entry("getComponentType", REFLECTION),
            Map.entry("componentType", REFLECTION),
            Map.entry("arrayType", REFLECTION),
            Map.entry("getNestHost", REFLECTION),
            Map.entry("describeConstable", REFLECTION),
            Map.entry("resolveConstantDesc", REFLECTION),
            Map.entry("setAccessible", REFLECTION),
            Map.entry("invoke", REFLECTION),
            Map.entry("newInstance", REFLECTION),
            Map.entry("getMethod", REFLECTION),
            Map.entry("getMethods", REFLECTION),
            Map.entry("getField", REFLECTION),
            Map.entry("getFields", REFLECTION),
            Map.entry("getConstructor", REFLECTION),
            Map.entry("getConstructors", REFLECTION),
            Map.entry("getRecordComponents", REFLECTION),
            Map.entry("getEnclosingMethod", REFLECTION),
            Map.entry("getModule", REFLECTION),
            Map.entry("getProtectionDomain", REFLECTION),
            Map.entry("classLoader", CLASS_LOADING),
            Map.entry("forName", CLASS_LOADING),
            Map.entry("getClassLoader", CLASS_LOADING),
            Map.entry("getContextClassLoader", CLASS_LOADING),
            Map.entry("loadClass", CLASS_LOADING),
            Map.entry("load", CLASS_LOADING),
            Map.entry("loadLibrary", CLASS_LOADING),
            Map.entry("getResource", RESOURCES),
            Map.entry("getResourceAsStream", RESOURCES),
            Map.entry("getResources", RESOURCES),
            Map.entry("getRuntime", PROCESSES),
            Map.entry("exec", PROCESSES),
            Map.entry("exit", PROCESSES),
            Map.entry("halt", PROCESSES),
            Map.entry("wait", THREADS),
            Map.entry("notify", THREADS),
            Map.entry("notifyAll", THREADS),
            Map.entry("start", THREADS),
            Map.entry("run", THREADS),
            Map.entry("interrupt", THREADS),
            Map.entry("join", THREADS),
            Map.entry("sleep", THREADS),
            Map.entry("getInteger", SYSTEM_PROPERTIES),
            Map.entry("getLong", SYSTEM_PROPERTIES),
            Map.entry("getBoolean", SYSTEM_PROPERTIES),
            Map.entry("repeat", MEMORY),
            Map.entry("format", MEMORY),
            Map.entry("formatted", MEMORY),
            Map.entry("toPlainString", MEMORY),
            Map.entry("setScale", MEMORY),
            Map.entry("hashCode", CHANCE),
            Map.entry("identityHashCode", CHANCE),
            Map.entry("iterator", STREAMS),
            Map.entry("stream", STREAMS),
            Map.entry("parallelStream", STREAMS),
            Map.entry("chars", STREAMS),
            Map.entry("codePoints", STREAMS),
            Map.entry("boxed", STREAMS),
            Map.entry("matches", REGEX),
            Map.entry("replaceAll", REGEX),
            Map.entry("replaceFirst", REGEX),
            Map.entry("split", REGEX),
            Map.entry("soundslike", REGEX),
            Map.entry("getNestMembers", REFLECTION),
            Map.entry("getPermittedSubclasses", REFLECTION),
            Map.entry("entryPoints", SESSION),
            Map.entry("channels", SESSION),
            Map.entry("pow", MEMORY),
            Map.entry("random", WALL_CLOCK),
            Map.entry("systemDefault", WALL_CLOCK),
            Map.entry("currentTimeMillis", WALL_CLOCK),
            Map.entry("nanoTime", WALL_CLOCK),
            // the session: the names Drools puts in scope of consequences and accumulate code
            Map.entry("kcontext", SESSION),
            Map.entry("drools", SESSION),
            Map.entry("consequenceCtx", SESSION),
            Map.entry("valueResolver", SESSION),
            Map.entry("innerDeclarations", SESSION),
            Map.entry("handle", SESSION),
            Map.entry("workingMemoryContext", SESSION),
            Map.entry("getKieRuntime", SESSION),
            Map.entry("getKnowledgeRuntime", SESSION));

    /** Name prefixes refused like {@link #REFUSED_NAMES} ({@code getDeclaredMethods}, MVEL's {@code declaredFields}). */
    static final Map<String, String> REFUSED_PREFIXES = Map.of(
            "getDeclared", REFLECTION,
            "declared", REFLECTION);

    private static final String LOOPS =
            "a loop could run without end; rules run straight-line code, so that every firing ends quickly";
    private static final String DECLARES_CLASSES = "rules may not declare classes; use declare for new fact types";

    private static final String CATCHING =
            "rules must not handle exceptions: a rule that fails stops the decision rather than carry on";

    /** Java and MVEL keywords refused in rule code, with the reason. */
    static final Map<String, String> REFUSED_KEYWORDS = Map.ofEntries(
            Map.entry("while", LOOPS),
            Map.entry("for", LOOPS),
            Map.entry("do", LOOPS),
            Map.entry("foreach", LOOPS),
            Map.entry("until", LOOPS),
            Map.entry("def", "MVEL functions allow recursion"),
            Map.entry("synchronized", THREADS),
            Map.entry("throw", "rules must not throw: a rule that fails stops the whole decision"),
            Map.entry("try", CATCHING),
            Map.entry("catch", CATCHING),
            Map.entry("finally", CATCHING),
            Map.entry("class", REFLECTION),
            Map.entry("interface", DECLARES_CLASSES),
            Map.entry("enum", DECLARES_CLASSES),
            Map.entry("super", DECLARES_CLASSES),
            Map.entry("native", CLASS_LOADING),
            Map.entry("global", "the engine gives rules no globals"),
            Map.entry("function", "functions allow recursion and unbounded loops"));

    /** Java words rule code may use on their own. */
    static final Set<String> JAVA_WORDS = Set.of(
            "new", "if", "else", "return", "true", "false", "null", "this", "instanceof", "var", "final");

    /** What a consequence may call on its own: the changes it makes to the facts. */
    static final Set<String> CONSEQUENCE_CALLS = Set.of("insert", "update", "modify", "delete", "retract");

    /**
     * DRL's own words, which stand on their own outside consequences. Not here, so refused: inline
     * accumulate code ({@code init}, {@code action}, {@code reverse}, {@code result}), {@code collect},
     * {@code collectSet} (hash-ordered), {@code entry-point}, windows, timers, calendars,
     * {@code date-effective} and {@code enabled}.
     */
    static final Set<String> DRL_WORDS = Set.of(
            "rule", "query", "declare", "extends", "when", "then", "end",
            "salience", "no", "loop", "lock", "on", "active", "agenda", "group", "activation", "auto", "focus",
            "ruleflow",
            "not", "exists", "forall", "accumulate", "from", "eval", "or", "and", "if", "else", "break",
            "contains", "memberOf", "in", "excludes",
            "sum", "count", "min", "max", "average", "collectList");

    /** Primitive type names: allowed wherever a type may stand, except after {@code new}. */
    static final Set<String> PRIMITIVES = Set.of(
            "boolean", "byte", "char", "short", "int", "long", "float", "double", "void");
}
