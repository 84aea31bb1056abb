package fi.lupaus.engine.ruleset;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.decision.DecisionTime;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.CaseDue;
import fi.lupaus.engine.fact.CaseState;
import fi.lupaus.engine.fact.CompanyCalendar;
import fi.lupaus.engine.fact.CustomerAttribute;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LastContact;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.PreviousAnswer;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;

/**
 * The members rules may use, type by type: deny by default. A method or property that is not in
 * this table is refused, whatever it is called on.
 *
 * <p>Java types are listed by hand. For the fact and action types the table is read from the
 * classes: their own public methods and record accessors, their static factories and their enum
 * constants, never what they inherit from {@code Object} or {@code Enum} besides {@code equals},
 * {@code compareTo}, {@code name} and {@code ordinal}.
 *
 * <p>The guard does not infer the type of every expression. It checks a static member
 * ({@code Type.member}) against that type's row, and an instance member ({@code $x.member},
 * {@code member} in a pattern) against the union of all rows. That is sound because every allowed
 * member returns a type of the table (so rules never hold a value of another type), and because a
 * name allowed on one type is allowed on every type of the table that has it: both are tested in
 * {@code RuleMembersTest}. A property {@code x.foo} is checked as the method MVEL calls for it:
 * {@code getFoo()}, {@code isFoo()} or {@code foo()}; so {@code this.Class} is {@code getClass()}.
 */
final class RuleMembers {

    private RuleMembers() {
    }

    /** The fact and action types, the only Lupaus classes rules may name. */
    static final List<Class<?>> FACT_TYPES = List.of(
            CaseDue.class, CaseState.class, CompanyCalendar.class, CustomerAttribute.class, CustomerCase.class,
            Feedback.class, LastContact.class, LoyaltyTier.class, Phase.class, PreviousAnswer.class, Survey.class,
            Touchpoint.class,
            Action.class, ActionType.class, Decision.class, DecisionContext.class, DecisionTime.class, Priority.class);

    /** A row of the table: what may be called on the type itself, and on its values. */
    record Row(Class<?> type, Set<String> statics, Set<String> instance) {
    }

    private static final Set<String> TEMPORAL = Set.of("isBefore", "isAfter", "plus", "minus", "until", "get");
    private static final Set<String> DATE = Set.of("getYear", "getMonthValue", "getDayOfMonth", "getDayOfWeek",
            "getDayOfYear", "plusDays", "plusWeeks", "plusMonths", "plusYears", "minusDays", "minusWeeks",
            "minusMonths", "minusYears");
    private static final Set<String> TIME = Set.of("getHour", "getMinute", "getSecond", "plusHours", "plusMinutes",
            "plusSeconds", "minusHours", "minusMinutes", "minusSeconds");

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }

    /** The Java types rules may use, with what they may call. */
    static final Map<Class<?>, Row> JAVA_TYPES = rows(
            new Row(String.class, Set.of("valueOf", "join"), Set.of("length", "isEmpty", "isBlank", "charAt",
                    "contains", "startsWith", "endsWith", "indexOf", "lastIndexOf", "substring", "toLowerCase",
                    "toUpperCase", "trim", "strip", "stripLeading", "stripTrailing", "equalsIgnoreCase",
                    "compareToIgnoreCase", "concat")),
            new Row(Math.class, Set.of("min", "max", "abs", "floorDiv", "floorMod", "addExact", "subtractExact",
                    "multiplyExact", "negateExact", "toIntExact", "round", "floor", "ceil", "signum"), Set.of()),
            new Row(Integer.class, Set.of("valueOf", "parseInt", "compare", "min", "max", "MAX_VALUE", "MIN_VALUE"),
                    Set.of("intValue", "longValue", "doubleValue")),
            new Row(Long.class, Set.of("valueOf", "parseLong", "compare", "min", "max", "MAX_VALUE", "MIN_VALUE"),
                    Set.of("intValue", "longValue", "doubleValue")),
            new Row(Double.class, Set.of("valueOf", "parseDouble", "compare", "min", "max"),
                    Set.of("intValue", "longValue", "doubleValue")),
            new Row(Number.class, Set.of(), Set.of("intValue", "longValue", "doubleValue")),
            new Row(Boolean.class, Set.of("valueOf", "parseBoolean", "TRUE", "FALSE"), Set.of("booleanValue")),
            new Row(Character.class, Set.of("isDigit", "isLetter", "isLetterOrDigit", "isWhitespace", "isUpperCase",
                    "isLowerCase", "toLowerCase", "toUpperCase"), Set.of("charValue")),
            new Row(Instant.class, Set.of("ofEpochMilli", "ofEpochSecond", "parse", "EPOCH"), union(TEMPORAL,
                    Set.of("plusSeconds", "plusMillis", "minusSeconds", "minusMillis", "getEpochSecond", "toEpochMilli",
                            "atZone", "truncatedTo"))),
            new Row(Duration.class, Set.of("ofDays", "ofHours", "ofMinutes", "ofSeconds", "ofMillis", "between",
                    "parse", "ZERO"), Set.of("plus", "minus", "plusDays", "plusHours", "plusMinutes", "plusSeconds",
                    "plusMillis", "minusDays", "minusHours", "minusMinutes", "minusSeconds", "minusMillis", "toDays",
                    "toHours", "toMinutes", "toSeconds", "toMillis", "getSeconds", "isNegative", "isZero",
                    "multipliedBy", "dividedBy", "negated", "abs", "get", "truncatedTo")),
            new Row(LocalDate.class, Set.of("of", "parse", "ofInstant"), union(TEMPORAL, DATE,
                    Set.of("atStartOfDay"))),
            new Row(LocalDateTime.class, Set.of("of", "parse", "ofInstant"), union(TEMPORAL, DATE, TIME,
                    Set.of("toLocalDate", "toLocalTime", "atZone", "toInstant", "truncatedTo"))),
            new Row(LocalTime.class, Set.of("of", "parse", "MIDNIGHT", "NOON"), union(TEMPORAL, TIME, Set.of("truncatedTo"))),
            new Row(ZonedDateTime.class, Set.of("of", "ofInstant", "parse"), union(TEMPORAL, DATE, TIME,
                    Set.of("toLocalDate", "toLocalTime", "toInstant", "getZone", "withZoneSameInstant",
                            "truncatedTo"))),
            new Row(ZoneId.class, Set.of("of"), Set.of("getId")),
            new Row(DayOfWeek.class, Set.of("of"), Set.of("getValue", "plus", "minus", "get")),
            new Row(Period.class, Set.of("ofDays", "ofWeeks", "ofMonths", "ofYears", "between", "ZERO"),
                    Set.of("getDays", "getMonths", "getYears", "isNegative", "isZero", "plusDays", "plusMonths",
                            "plusYears", "minusDays", "minusMonths", "minusYears", "plus", "minus", "get", "negated",
                            "multipliedBy")),
            new Row(ChronoUnit.class, Set.of(), Set.of("between", "getDuration")),
            new Row(List.class, Set.of("of", "copyOf"), Set.of("get", "size", "isEmpty", "contains", "containsAll",
                    "indexOf", "lastIndexOf", "subList")),
            // Hash-ordered: rules may ask what they hold, never walk them (see HASH_ORDERED).
            new Row(Set.class, Set.of(), Set.of("contains", "containsAll", "isEmpty", "size")),
            new Row(Collection.class, Set.of(), Set.of("contains", "containsAll", "isEmpty", "size")),
            new Row(Map.class, Set.of(), Set.of("get", "getOrDefault", "containsKey", "containsValue", "isEmpty",
                    "size")));

    /** What every value may be asked, whatever its type: both are pure and ordered. */
    static final Set<String> ANY_VALUE = Set.of("equals", "compareTo");

    /** What every enum may be asked besides its own methods. */
    static final Set<String> ANY_ENUM = Set.of("name", "ordinal");

    /** Never allowed, on any type: identity, chance, reflection, threads, text that hides a hash order. */
    static final Set<String> NEVER = Set.of("hashCode", "toString", "getClass", "wait", "notify", "notifyAll",
            "getDeclaringClass", "describeConstable", "values", "clone", "finalize");

    /**
     * Members whose values are hash-ordered sets: their order (and so their text) changes from one
     * JVM run to the next, so rules may only ask whether they hold something.
     */
    static final Set<String> HASH_ORDERED = Set.of("stagesDone", "getStagesDone");

    /**
     * Allowed as a pattern's property ({@code DecisionTime( $now : now )}) but never after a dot:
     * {@code $received.now()} would call the static {@code Instant.now()}, the wall clock.
     */
    static final Set<String> NOT_AFTER_A_DOT = Set.of("now");

    /** What rules may ask of a hash-ordered value: nothing that depends on its order. */
    static final Set<String> HASH_ORDERED_QUESTIONS = Set.of("contains", "containsAll", "isEmpty", "empty",
            "size", "excludes");

    /**
     * Fact types whose text ({@code toString}, also through {@code "" + $fact}) holds a hash-ordered
     * set, directly or through a component: a rule may read their members, never use them whole.
     */
    static final Set<String> HASH_TEXT_TYPES = hashTextTypes();

    private static Set<String> hashTextTypes() {
        Set<Class<?>> found = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Class<?> type : FACT_TYPES) {
                if (!found.contains(type) && type.isRecord() && Arrays.stream(type.getRecordComponents())
                        .map(RecordComponent::getType)
                        .anyMatch(component -> component == Set.class || component == Map.class
                                || found.contains(component))) {
                    found.add(type);
                    grew = true;
                }
            }
        }
        Set<String> names = new TreeSet<>();
        found.forEach(type -> names.add(type.getSimpleName()));
        return Set.copyOf(names);
    }

    private static Map<Class<?>, Row> rows(Row... rows) {
        Map<Class<?>, Row> map = new LinkedHashMap<>();
        for (Row row : rows) {
            map.put(row.type(), row);
        }
        return Map.copyOf(map);
    }

    /** The row of a fact or action type, read from the class. */
    static Row factRow(Class<?> type) {
        Set<String> statics = new TreeSet<>();
        Set<String> instance = new TreeSet<>(Set.of("equals"));
        if (Comparable.class.isAssignableFrom(type)) {
            instance.add("compareTo");
        }
        if (type.isEnum()) {
            instance.addAll(ANY_ENUM);
            statics.add("valueOf");
        }
        for (Method method : type.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            if (!Modifier.isPublic(modifiers) || method.isSynthetic() || method.isBridge()
                    || NEVER.contains(method.getName())) {
                continue;
            }
            (Modifier.isStatic(modifiers) ? statics : instance).add(method.getName());
        }
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)) {
                statics.add(field.getName());
            }
        }
        return new Row(type, Set.copyOf(statics), Set.copyOf(instance));
    }

    /** Every row: the Java types and the fact and action types. */
    static final Map<Class<?>, Row> TABLE = table();

    private static Map<Class<?>, Row> table() {
        Map<Class<?>, Row> table = new LinkedHashMap<>(JAVA_TYPES);
        FACT_TYPES.forEach(type -> table.put(type, factRow(type)));
        // the units are enum constants: all of them may be named
        Set<String> units = new TreeSet<>();
        for (ChronoUnit unit : ChronoUnit.values()) {
            units.add(unit.name());
        }
        table.put(ChronoUnit.class, new Row(ChronoUnit.class, Set.copyOf(units),
                union(JAVA_TYPES.get(ChronoUnit.class).instance(), ANY_VALUE, ANY_ENUM)));
        Set<String> days = new TreeSet<>(JAVA_TYPES.get(DayOfWeek.class).statics());
        for (DayOfWeek day : DayOfWeek.values()) {
            days.add(day.name());
        }
        table.put(DayOfWeek.class, new Row(DayOfWeek.class, Set.copyOf(days),
                union(JAVA_TYPES.get(DayOfWeek.class).instance(), ANY_VALUE, ANY_ENUM)));
        return Map.copyOf(table);
    }

    /** The names of the methods rules may call on a value, whatever its type. */
    static final Set<String> INSTANCE_METHODS = instanceMethods();

    /** The names of the properties rules may read on a value: the methods above, as MVEL reads them. */
    static final Set<String> PROPERTIES = properties(INSTANCE_METHODS);

    private static Set<String> instanceMethods() {
        Set<String> names = new TreeSet<>(ANY_VALUE);
        TABLE.values().forEach(row -> names.addAll(row.instance()));
        return Set.copyOf(names);
    }

    /** {@code getFoo} and {@code isFoo} read as {@code foo}; a record accessor {@code foo} reads as itself. */
    static Set<String> properties(Set<String> methods) {
        Set<String> names = new HashSet<>();
        for (String method : methods) {
            names.add(method);
            String bean = beanProperty(method);
            if (bean != null) {
                names.add(bean);
            }
        }
        return Set.copyOf(names);
    }

    /** {@code getFoo} → {@code foo}, {@code isFoo} → {@code foo}, others → {@code null}. */
    static String beanProperty(String method) {
        for (String prefix : List.of("get", "is")) {
            if (method.length() > prefix.length() && method.startsWith(prefix)
                    && Character.isUpperCase(method.charAt(prefix.length()))) {
                return decapitalize(method.substring(prefix.length()));
            }
        }
        return null;
    }

    /** MVEL reads {@code x.Foo} as {@code x.foo}: the property's first letter does not count. */
    static String decapitalize(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }

    /**
     * Whether a declared field would widen what rules may call on other types: the guard checks an
     * instance member by name, so a field named {@code bytes} would let {@code comment.bytes}
     * ({@code getBytes()}) through. A field may not take the name of a method (or of the property
     * of a method) that a type of the table, or {@code Object}, has and the table does not allow.
     */
    static boolean shadowsARefusedMember(String field) {
        String capitalized = field.isEmpty() ? field : Character.toUpperCase(field.charAt(0)) + field.substring(1);
        List<String> methods = List.of(field, "get" + capitalized, "is" + capitalized, "set" + capitalized);
        List<Class<?>> types = new ArrayList<>(TABLE.keySet());
        types.add(Object.class);
        for (Class<?> type : types) {
            for (Method method : type.getMethods()) {
                if (methods.contains(method.getName()) && !INSTANCE_METHODS.contains(method.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The row of a type rules may name by its simple name, or {@code null}. */
    static Row rowOf(String simpleName) {
        for (Row row : TABLE.values()) {
            if (row.type().getSimpleName().equals(simpleName)) {
                return row;
            }
        }
        return null;
    }

    /** Whether rules may construct the type with {@code new}: only the fact and action types. */
    static boolean isConstructible(String simpleName) {
        return FACT_TYPES.stream().anyMatch(type -> type.getSimpleName().equals(simpleName) && !type.isEnum());
    }

    /** The simple names of what a static member of a fact type returns (all overloads), empty when unknown. */
    static Set<String> staticReturnTypes(String simpleName, String member) {
        Set<String> types = new TreeSet<>();
        FACT_TYPES.stream().filter(type -> type.getSimpleName().equals(simpleName)).forEach(type -> {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(member) && Modifier.isStatic(method.getModifiers())) {
                    types.add(method.getReturnType().getSimpleName());
                }
            }
        });
        return types;
    }
}
