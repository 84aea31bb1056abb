package fi.lupaus.engine.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The member table is sound only if rules can never hold a value of a type outside it, and if a
 * name allowed on one type is allowed on every type that has it (the guard checks an instance
 * member by name, not by the receiver's type). These tests read the classes themselves.
 */
class RuleMembersTest {

    @Test
    void everyMemberOfTheJavaRowsExistsOnItsType() {
        List<String> missing = new ArrayList<>();
        RuleMembers.TABLE.values().forEach(row -> {
            row.statics().stream().filter(name -> !hasStatic(row.type(), name))
                    .forEach(name -> missing.add(row.type().getSimpleName() + "." + name));
            row.instance().stream().filter(name -> publicMethods(row.type(), name).findAny().isEmpty())
                    .forEach(name -> missing.add(row.type().getSimpleName() + "#" + name));
        });

        assertThat(missing).isEmpty();
    }

    @Test
    void everyAllowedMemberGivesAValueOfATypeInTheTable() {
        List<String> escapes = new ArrayList<>();
        RuleMembers.TABLE.values().forEach(row -> {
            for (String name : union(row.statics(), row.instance())) {
                publicMethods(row.type(), name).filter(RuleMembersTest::isCallable)
                        .filter(method -> !isInTable(method.getReturnType()))
                        .forEach(method -> escapes.add(row.type().getSimpleName() + "." + name + " gives "
                                + method.getReturnType().getName()));
                fieldsNamed(row.type(), name).filter(field -> !isInTable(field.getType()))
                        .forEach(field -> escapes.add(row.type().getSimpleName() + "." + name + " is a "
                                + field.getType().getName()));
            }
        });

        assertThat(escapes).isEmpty();
    }

    @Test
    void aMethodNameAllowedOnOneTypeIsAllowedOnEveryTypeThatHasIt() {
        List<String> conflicts = new ArrayList<>();
        for (String name : RuleMembers.INSTANCE_METHODS) {
            for (RuleMembers.Row row : RuleMembers.TABLE.values()) {
                boolean has = publicMethods(row.type(), name).findAny().isPresent();
                if (has && !row.instance().contains(name) && !row.statics().contains(name)
                        && !RuleMembers.ANY_VALUE.contains(name) && !RuleMembers.NOT_AFTER_A_DOT.contains(name)) {
                    conflicts.add(row.type().getSimpleName() + "." + name);
                }
            }
        }

        assertThat(conflicts).isEmpty();
    }

    @Test
    void aPropertyAllowedOnOneTypeReadsOnlyAllowedMethodsOnEveryType() {
        List<String> conflicts = new ArrayList<>();
        for (String property : RuleMembers.PROPERTIES) {
            String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            for (RuleMembers.Row row : RuleMembers.TABLE.values()) {
                for (String method : List.of("get" + capitalized, "is" + capitalized, property)) {
                    boolean read = publicMethods(row.type(), method).anyMatch(m -> m.getParameterCount() == 0);
                    if (RuleMembers.NOT_AFTER_A_DOT.contains(method)) {
                        continue;
                    }
                    if (read && !row.instance().contains(method) && !RuleMembers.ANY_VALUE.contains(method)) {
                        conflicts.add(row.type().getSimpleName() + "." + method + " (property " + property + ")");
                    }
                }
            }
        }

        assertThat(conflicts).isEmpty();
    }

    @Test
    void identityChanceAndReflectionAreInNoRow() {
        assertThat(RuleMembers.INSTANCE_METHODS).doesNotContain("hashCode", "toString", "getClass", "wait",
                "notify", "getDeclaringClass", "iterator", "stream", "matches", "format");
        assertThat(RuleMembers.PROPERTIES).doesNotContain("class", "hashCode", "declaringClass", "bytes");
        RuleMembers.TABLE.values().forEach(row -> assertThat(row.statics())
                .as(row.type().getSimpleName()).doesNotContain("now", "random", "values", "format", "hash"));
    }

    @Test
    void theFactTypesAreEveryClassOfTheFactAndActionPackages() throws IOException {
        Set<String> sources = new TreeSet<>();
        for (String pkg : List.of("fact", "decision")) {
            try (Stream<Path> files = Files.list(Path.of("src/main/java/fi/lupaus/engine/" + pkg))) {
                files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".java"))
                        .map(name -> name.substring(0, name.length() - ".java".length())).forEach(sources::add);
            }
        }

        assertThat(RuleMembers.FACT_TYPES).extracting(Class::getSimpleName).containsExactlyInAnyOrderElementsOf(sources);
    }

    /** Bridges are never what a call resolves to; an overload that takes a Class cannot be called from rules. */
    private static boolean isCallable(Method method) {
        return !method.isBridge() && Arrays.stream(method.getParameterTypes()).noneMatch(type -> type == Class.class);
    }

    private static boolean isInTable(Class<?> type) {
        return type.isPrimitive() || type == Object.class || RuleMembers.TABLE.containsKey(type);
    }

    private static boolean hasStatic(Class<?> type, String name) {
        return publicMethods(type, name).anyMatch(method -> Modifier.isStatic(method.getModifiers()))
                || fieldsNamed(type, name).findAny().isPresent();
    }

    private static Stream<Method> publicMethods(Class<?> type, String name) {
        return Arrays.stream(type.getMethods()).filter(method -> method.getName().equals(name));
    }

    private static Stream<Field> fieldsNamed(Class<?> type, String name) {
        return Arrays.stream(type.getFields()).filter(field -> field.getName().equals(name)
                && Modifier.isStatic(field.getModifiers()));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    // The rows of the fact types and the property names are worked out while the class initialises,
    // which a mutation run never repeats: these call the same code again, on types written out here.

    @Test
    void aRecordsRowHasItsAccessorsAndFactoriesButNotWhatIsNeverAllowed() {
        RuleMembers.Row row = RuleMembers.factRow(fi.lupaus.engine.decision.Action.class);

        assertThat(row.statics()).contains("thank", "openCase", "escalate", "askForReview");
        assertThat(row.instance()).contains("equals", "type", "promise", "owner", "dueAt", "caseId", "stage")
                .doesNotContain("hashCode", "toString", "getClass", "compareTo");
    }

    @Test
    void anEnumsRowHasItsConstantsValueOfNameOrdinalAndCompareToButNotValues() {
        RuleMembers.Row row = RuleMembers.factRow(fi.lupaus.engine.fact.LoyaltyTier.class);

        assertThat(row.statics()).contains("GOLD", "NONE", "valueOf").doesNotContain("values");
        assertThat(row.instance()).contains("equals", "compareTo", "name", "ordinal").doesNotContain("hashCode");
    }

    @Test
    void getAndIsMethodsReadAsTheirPropertyAndOthersAsThemselves() {
        assertThat(RuleMembers.beanProperty("getScore")).isEqualTo("score");
        assertThat(RuleMembers.beanProperty("isComplaint")).isEqualTo("complaint");
        assertThat(RuleMembers.beanProperty("getURL")).isEqualTo("uRL");
        assertThat(RuleMembers.beanProperty("get")).isNull();
        assertThat(RuleMembers.beanProperty("is")).isNull();
        assertThat(RuleMembers.beanProperty("getscore")).isNull();
        assertThat(RuleMembers.beanProperty("issue")).isNull();
        assertThat(RuleMembers.beanProperty("score")).isNull();
        assertThat(RuleMembers.decapitalize("")).isEmpty();
        assertThat(RuleMembers.properties(Set.of("getScore", "type", "isEmpty")))
                .containsExactlyInAnyOrder("getScore", "score", "type", "isEmpty", "empty");
    }

    @Test
    void onlyFactAndActionTypesThatAreNotEnumsMayBeConstructed() {
        assertThat(RuleMembers.isConstructible("Action")).isTrue();
        assertThat(RuleMembers.isConstructible("LoyaltyTier")).isFalse();
        assertThat(RuleMembers.isConstructible("String")).isFalse();
    }

    @Test
    void aStaticFactoryOfAFactTypeReturnsItsType() {
        assertThat(RuleMembers.staticReturnTypes("Action", "thank")).containsExactly("Action");
        assertThat(RuleMembers.staticReturnTypes("Action", "type")).as("an accessor is not static").isEmpty();
        assertThat(RuleMembers.staticReturnTypes("Action", "nothing")).isEmpty();
        assertThat(RuleMembers.staticReturnTypes("LoyaltyTier", "valueOf")).as("every enum has one; this one's")
                .containsExactly("LoyaltyTier");
    }
}
