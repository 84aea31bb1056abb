package fi.lupaus.engine.ruleset;

import static fi.lupaus.engine.ruleset.RuleAllowList.CONSEQUENCE_CALLS;
import static fi.lupaus.engine.ruleset.RuleAllowList.DRL_WORDS;
import static fi.lupaus.engine.ruleset.RuleAllowList.JAVA_WORDS;
import static fi.lupaus.engine.ruleset.RuleAllowList.NOT_A_MEMBER;
import static fi.lupaus.engine.ruleset.RuleAllowList.PRIMITIVES;
import static fi.lupaus.engine.ruleset.RuleAllowList.WALL_CLOCK;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import fi.lupaus.engine.ruleset.CodeScan.Scope;

/**
 * The names one rule set may use: the types it may name, and the members of those types that
 * {@link RuleMembers} allows, with what the rule set itself declares (types, their fields,
 * queries) and imports statically.
 */
final class Vocabulary {

    private final Predicate<String> allowedType;
    private final Set<String> declared;
    private final Set<String> declaredFields;
    private final Set<String> declaredMethods;
    private final Set<String> queries;
    private final Set<String> staticImports;
    private final Set<String> wholeFactBindings;

    /**
     * @param allowedType    whether a type name may be used in this rule set
     * @param declared       the declared types' names and the declared enums' literals
     * @param declaredFields the fields of the declared types
     * @param queries        the names of the rule set's queries
     * @param staticImports  the members imported statically (allowed ones only)
     * @param wholeFactBindings the variables bound to facts that rules may not use whole
     *                          ({@link RuleMembers#HASH_TEXT_TYPES})
     */
    Vocabulary(Predicate<String> allowedType, Set<String> declared, Set<String> declaredFields, Set<String> queries,
            Set<String> staticImports, Set<String> wholeFactBindings) {
        this.wholeFactBindings = Set.copyOf(wholeFactBindings);
        this.allowedType = allowedType;
        this.declared = Set.copyOf(declared);
        this.declaredFields = Set.copyOf(declaredFields);
        this.declaredMethods = accessors(declaredFields);
        this.queries = Set.copyOf(queries);
        this.staticImports = Set.copyOf(staticImports);
    }

    private static Set<String> accessors(Set<String> fields) {
        Set<String> methods = new HashSet<>();
        for (String field : fields) {
            String capitalized = field.isEmpty() ? field : Character.toUpperCase(field.charAt(0)) + field.substring(1);
            methods.add("get" + capitalized);
            methods.add("is" + capitalized);
            methods.add("set" + capitalized);
        }
        return Set.copyOf(methods);
    }

    /** Whether the variable holds a fact whose text is hash-ordered, in some rule of the rule set. */
    boolean isMembersOnly(String binding) {
        return wholeFactBindings.contains(binding);
    }

    boolean allowsType(String name) {
        return allowedType.test(name);
    }

    boolean isDeclared(String name) {
        return declared.contains(name);
    }

    /** Why {@code Type.member} is refused, or {@code null} when it is allowed. */
    String staticRefusal(String type, String member) {
        if (declared.contains(type)) {
            return declared.contains(member) ? null : NOT_A_MEMBER;
        }
        RuleMembers.Row row = RuleMembers.rowOf(type);
        if (row != null && row.statics().contains(member)) {
            return null;
        }
        return member.equals("now") ? WALL_CLOCK : NOT_A_MEMBER;
    }

    /** Why {@code value.member} (a call when {@code call}) is refused, or {@code null} when it is allowed. */
    String instanceRefusal(String member, boolean call) {
        if (RuleMembers.NOT_AFTER_A_DOT.contains(member)) {
            return WALL_CLOCK;
        }
        if (!call) {
            // this.Class is getClass(): a property is refused for the reason its method is
            String property = RuleMembers.decapitalize(member);
            String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            for (String method : List.of(property, "get" + capitalized, "is" + capitalized)) {
                String reason = RuleAllowList.REFUSED_NAMES.getOrDefault(method, RuleAllowList.REFUSED_KEYWORDS.get(method));
                if (reason != null) {
                    return reason;
                }
            }
        }
        if (call) {
            return RuleMembers.INSTANCE_METHODS.contains(member) || declaredMethods.contains(member)
                    ? null : NOT_A_MEMBER;
        }
        return isProperty(member) ? null : NOT_A_MEMBER;
    }

    /** A property read, {@code foo} or {@code Foo}, as MVEL reads it: {@code getFoo()}, {@code isFoo()}, {@code foo()}. */
    private boolean isProperty(String name) {
        String property = RuleMembers.decapitalize(name);
        if (RuleMembers.NEVER.contains(property) || property.equals("class")) {
            return false;
        }
        return RuleMembers.PROPERTIES.contains(property) || declaredFields.contains(property)
                || declaredFields.contains(name);
    }

    /** Whether a name that stands on its own (not after a dot) may be used there. */
    boolean allowsBare(String name, boolean call, Scope scope) {
        if (PRIMITIVES.contains(name) || JAVA_WORDS.contains(name) || staticImports.contains(name)) {
            return true;
        }
        if (scope == Scope.CODE) {
            return call && (CONSEQUENCE_CALLS.contains(name) || declaredMethods.contains(name));
        }
        if (DRL_WORDS.contains(name) || queries.contains(name)) {
            return true;
        }
        // a member of the pattern's type: Feedback( detractor, hasOrder(), withinDaysOf($at, 7) )
        return call ? RuleMembers.INSTANCE_METHODS.contains(name) || declaredMethods.contains(name)
                : isProperty(name) || name.equals("now");
    }
}
