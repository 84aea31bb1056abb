package fi.lupaus.engine.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The guard's whole answer to one construct at a time: what it refuses, at which line and column,
 * and nothing more. {@code RuleGuardTest} asks whether a hostile rule is refused at all; these
 * pin the answer, so that a check that stops working, or starts refusing what is allowed, fails a
 * test even where another check would still refuse the rule (docs/mutation-testing.md).
 *
 * <p>Each answer is written {@code "line:column construct"}, the construct as the message names it.
 */
class RuleGuardAnswersTest {

    private static final String HEADER = """
            package test.console
            import fi.lupaus.engine.fact.Feedback
            import fi.lupaus.engine.fact.LoyaltyTier
            import fi.lupaus.engine.decision.Action
            import fi.lupaus.engine.decision.DecisionTime
            """;
    private static final Pattern REFUSAL = Pattern.compile("'(.*)' is not allowed in rules: (.*)", Pattern.DOTALL);

    private final RuleGuard guard = new RuleGuard();

    /** A file with the usual imports, then {@code beforeRule}, then one rule: its conditions on line 9 + the lines of beforeRule, its consequence two lines below. */
    private static String rule(String beforeRule, String when, String then) {
        return HEADER + beforeRule + """

                rule "Written in the console"
                when
                %s
                then
                %s
                end
                """.formatted(when, then);
    }

    /** One rule with the usual imports: its conditions are on line 9, its consequence on line 11. */
    private static String rule(String when, String then) {
        return rule("", when, then);
    }

    private static String consequence(String then) {
        return rule("Feedback( )", then);
    }

    private List<String> answer(String drl) {
        return guard.check(List.of(new RuleSource("test/console/rules.drl", drl))).stream()
                .map(error -> error.line() + ":" + error.column() + " " + constructOf(error.message())).toList();
    }

    /** The reasons of the refusals, in the order of the answer. */
    private List<String> reasons(String drl) {
        return guard.check(List.of(new RuleSource("test/console/rules.drl", drl))).stream().map(error -> {
            Matcher refusal = REFUSAL.matcher(error.message());
            return refusal.matches() ? refusal.group(2) : error.message();
        }).toList();
    }

    private static String constructOf(String message) {
        Matcher refusal = REFUSAL.matcher(message);
        return refusal.matches() ? refusal.group(1) : message;
    }

    @Nested
    class LocalVariables {

        @Test
        void variablesAConsequenceDeclaresMayBeReadAndAssigned() {
            assertThat(answer(consequence(
                    "int total = 0; String owner; var x = 1; total = total + 1; owner = \"a\"; x = x + 1;"))).isEmpty();
        }

        @Test
        void aVariableIsNotAMethod() {
            assertThat(answer(consequence("String owner = \"a\"; owner();"))).containsExactly("11:21 owner");
        }

        @Test
        void aNameAfterAFieldIsNotAVariable() {
            // Action.note is not a type, so "note owner" declares nothing: both names stay unknown
            assertThat(answer(consequence("Action.note owner = null; owner = null;"))).isNotEmpty();
        }
    }

    /** RuleGraph: what a rule writes, read from its consequences, and whether it then matches it again. */
    @Nested
    class RulesThatFeedThemselves {

        static final String RULE = "7:1 rule \"Written in the console\"";

        private String writes(String drl) {
            return reasons(drl).stream().filter(reason -> reason.contains("(it writes "))
                    .map(reason -> reason.substring(reason.indexOf("(it writes ") + "(it writes ".length(),
                            reason.length() - 1))
                    .findFirst().orElse("nothing it reads");
        }

        @Test
        void aFactoryWritesItsTypeANewObjectItsClassAndAnythingElseWhatAVariableHolds() {
            String drl = rule("""
                    declare Tally
                        n : int
                    end
                    """, "Action( )", "insert(Action.thank()); insert(new Tally(1)); insert(\"text\"); insert(Math.max(1, 2));");

            assertThat(answer(drl)).containsExactly("10:1 rule \"Written in the console\"");
            assertThat(writes(drl)).isEqualTo("what a variable holds, Action, Tally");
        }

        @Test
        void aBoundFactWritesTheTypeItWasBoundTo() {
            assertThat(writes(rule("$a : Action( )", "modify($a) { }"))).isEqualTo("Action");
            assertThat(writes(rule("$a : Action( )\n$f : Feedback( )", "update($a); delete($f);")))
                    .isEqualTo("Action, Feedback");
        }

        @Test
        void anUnboundVariableOrAMemberOfABoundFactWritesWhatAVariableHolds() {
            assertThat(writes(rule("Action( )", "update($x);"))).isEqualTo("what a variable holds");
            assertThat(writes(rule("$a : Action( )", "insert($a.type());"))).isEqualTo("what a variable holds");
            assertThat(writes(rule("$f : Feedback( )", "insert(Action.thank()); update($f.comment());")))
                    .isEqualTo("what a variable holds, Action");
        }

        @Test
        void aStaticallyImportedFactoryWritesItsOwnersType() {
            assertThat(writes(rule("import static fi.lupaus.engine.decision.Action.thank\n", "Action( )",
                    "insert(thank());"))).isEqualTo("Action");
        }

        @Test
        void aConstantOfAnEnumIsNotAFactoryAndWritesWhatAVariableHolds() {
            assertThat(writes(consequence("insert(Action.thank()); insert(LoyaltyTier.GOLD);")))
                    .isEqualTo("what a variable holds, Action");
        }

        @Test
        void aFactoryOfATypeNoRuleReadsFeedsNoRule() {
            assertThat(answer(rule("import fi.lupaus.engine.decision.Priority\n", "Feedback( )",
                    "insert(Action.thank()); insert(Priority.valueOf(\"HIGH\"));"))).isEmpty();
        }

        @Test
        void aMethodNamedLikeAWriteIsNotAWrite() {
            // $f.update(...) is no write of the rule's: the guard refuses the member, not the rule
            assertThat(answer(rule("$f : Feedback( )", "insert(Action.thank()); $f.update($f);")))
                    .containsExactly("11:28 update");
        }

        @Test
        void aWriteCutShortByTheEndOfTheConsequenceWritesWhatAVariableHolds() {
            for (String cut : List.of("insert(", "insert(Action", "insert(Action.", "insert(new", "insert($f")) {
                assertThat(answer(rule("$f : Feedback( )", cut))).as(cut)
                        .containsExactly(RULE, "11:7 (");
            }
            assertThat(writes(rule("$f : Feedback( )", "insert(new 1);"))).isEqualTo("what a variable holds");
            assertThat(answer(rule("$f : Feedback( )", "insert(Action.thank()); delete"))).containsExactly("11:25 delete");
        }

        @Test
        void aNamedConsequenceWritesLikeTheRulesOwn() {
            assertThat(writes(rule("Feedback( )\ndo[more]", "insert(Action.thank());\nthen[more]\nupdate($g);")))
                    .isEqualTo("what a variable holds, Action");
        }

        @Test
        void aRuleReadsWhatTheQueriesItCallsRead() {
            String queries = """
                    query reads()
                        middle( )
                    end
                    query middle()
                        Action( )
                    end
                    """;

            assertThat(answer(rule(queries, "DecisionTime( )\nreads( )", "insert(Action.thank());")))
                    .containsExactly("13:1 rule \"Written in the console\"");
        }

        @Test
        void aRuleReadsTheInputsOfAccumulateAndCollect() {
            assertThat(answer(rule("$n : Number( ) from accumulate( Action( ), count( 1 ) )",
                    "insert(Action.thank());"))).containsExactly(RULE);
            // collect is refused on its own (hash order), and its input is read all the same
            assertThat(answer(rule("import java.util.List\n", "$n : List( ) from collect( Action( ) )",
                    "insert(Action.thank());"))).containsExactly("8:1 rule \"Written in the console\"", "10:19 collect");
        }
    }

    /** DrlTokenizer: what is code, what is a string or a comment, and which characters are refused. */
    @Nested
    class CharactersStringsAndComments {

        private static final String THANK = "insert(Action.thank());";

        @Test
        void tabsFormFeedsAndLineEndsAreSpaceNotControlCharacters() {
            assertThat(answer(consequence(THANK + "\f\t\r\n"))).isEmpty();
        }

        @Test
        void aByteOrderMarkIsAllowedOnlyAsTheFilesFirstCharacter() {
            // Drools' parser does not read a mark at the start, but the guard does not call it invisible
            assertThat(answer("\uFEFF" + consequence(THANK))).containsExactly("1:1 [ERR 101] Line 1:0 no viable alternative at input ''");
            assertThat(answer(consequence(THANK + "\uFEFF"))).contains("11:24 U+FEFF");
        }

        @Test
        void aLineCommentEndsAtEveryCharacterThatSomeReaderTakesForALineEnd() {
            for (String lineEnd : List.of("\f", "\u000B", "\u0085", "\u2028", "\u2029")) {
                assertThat(answer(consequence(THANK + " // x" + lineEnd + "System.exit(1);")))
                        .as("U+%04X", (int) lineEnd.charAt(0)).contains("11:30 System", "11:37 exit");
            }
        }

        @Test
        void aStringEndsAtItsOwnQuoteNotAtAnEscapedOneOrTheOtherKindOfQuote() {
            assertThat(answer(rule("Feedback( comment == \"a\\\"b\" )", THANK))).isEmpty();
            assertThat(answer(rule("Feedback( comment == \"it's\" )", THANK))).isEmpty();
            assertThat(answer(rule("Feedback( comment == 'say \"hi\"' )", THANK))).isEmpty();
        }

        @Test
        void aStringThatRunsIntoAUnicodeLineEndIsUnterminated() {
            assertThat(answer(rule("Feedback( comment == \"a\u2028\" )", THANK)))
                    .containsExactly("9:9 (", "9:22 \"", "9:24 U+2028");
        }

        @Test
        void aBlockCommentOpenedBySlashStarSlashDoesNotCloseItself() {
            assertThat(answer(consequence(THANK + " int x = 1 /*/ System.exit(0); */;"))).isEmpty();
            assertThat(answer(consequence(THANK + " /**/ System.exit(0);"))).containsExactly("11:30 System", "11:37 exit");
        }

        @Test
        void aBackslashPrecededByAnOddNumberOfBackslashesStartsAUnicodeEscape() {
            assertThat(answer(rule("Feedback( comment == \"\\\\\\u0041\" )", THANK))).containsExactly("9:25 \\u0041");
        }

        @Test
        void twoBackslashesAtTheVeryStartOfAFileAreAnEscapedBackslash() {
            assertThat(answer("\\\\u0041" + consequence(THANK))).singleElement().asString()
                    .startsWith("1:1 [ERR 107] Line 1:0 mismatched input '\\'");
        }

        @Test
        void aBackslashThatEndsTheFileIsLeftToTheParser() {
            assertThat(answer(consequence(THANK) + "\\"))
                    .containsExactly("13:2 [ERR 102] Line 13:1 mismatched input '<eof>' in rule \"Written in the console\"");
        }

        @Test
        void aFileMayEndWithoutALineEndAfterAWordACommentOrAnOpenString() {
            assertThat(answer(consequence(THANK).strip())).isEmpty();
            assertThat(answer(consequence(THANK) + "// last words")).isEmpty();
            assertThat(answer(consequence(THANK) + "\"open")).contains("13:1 \"");
        }

        @Test
        void aUnicodeEscapeCutShortByTheEndOfTheFileIsStillRefused() {
            assertThat(answer(consequence(THANK) + "// \\u")).containsExactly("13:4 \\u");
        }
    }

    /** RuleGuard's structure checks: the package, imports, metadata and declared types, as Drools' parser reads them. */
    @Nested
    class Structure {

        private static final String A_RULE = "\nrule \"R\" when Feedback( ) then end\n";

        private List<String> file(String packageLine, String rest) {
            return answer(packageLine + "\nimport fi.lupaus.engine.fact.Feedback\n" + rest + A_RULE);
        }

        @Test
        void aRulePackageMayBeUnderFiLupausRulesOrAnyOtherNameButNotALibrarysOrTheEnginesOwn() {
            assertThat(file("package fi.lupaus.rules.mine", "")).isEmpty();
            assertThat(file("package fi.lupausx", "")).isEmpty();
            assertThat(file("package test", "")).isEmpty();
            assertThat(file("", "")).isEmpty();
            assertThat(file("package fi.lupaus", "")).containsExactly("1:1 package fi.lupaus");
            assertThat(file("package fi.lupaus.rules", "")).containsExactly("1:1 package fi.lupaus.rules");
            assertThat(file("package org", "")).containsExactly("1:1 package org");
        }

        @Test
        void onlyTypesThatExistInTheFactAndActionPackagesMayBeImported() {
            assertThat(answer(rule("""
                    import fi.lupaus.engine.fact.Feedback.Nope
                    import fi.lupaus.engine.fact.feedback
                    import fi.lupaus.engine.fact.Nope
                    import fi.lupaus.engine.factx.Feedback
                    import java.util.*
                    """, "Feedback( )", "insert(Action.thank());"))).containsExactly(
                    "6:1 import fi.lupaus.engine.fact.Feedback.Nope", "7:1 import fi.lupaus.engine.fact.feedback",
                    "8:1 import fi.lupaus.engine.fact.Nope", "9:1 import fi.lupaus.engine.factx.Feedback",
                    "10:1 import java.util.*");
        }

        @Test
        void aWildcardImportOfTheFactPackagesAdmitsTheirTypesAndNoOthers() {
            assertThat(answer("""
                    package test.console
                    import fi.lupaus.engine.fact.*
                    import fi.lupaus.engine.decision.*
                    rule "R" when Feedback( ) then insert(Action.thank()); Survey s = null; Scanner in = null; end
                    """)).containsExactly("4:73 Scanner");
        }

        @Test
        void aStaticImportMayNameOnlyAMemberThatTheTableAllowsOnAnAllowedType() {
            String drl = rule("""
                    import static fi.lupaus.engine.decision.Action.thank
                    import static java.lang.Math.max
                    import static fi.lupaus.engine.decision.Action.nosuch
                    import static fi.lupaus.engine.decision.Action
                    import static java.lang.Thread.sleep
                    import function fi.lupaus.engine.decision.Action.thank
                    """, "Feedback( )", "insert(thank());");

            assertThat(answer(drl)).containsExactly("8:1 import static fi.lupaus.engine.decision.Action.nosuch",
                    "9:1 import static fi.lupaus.engine.decision.Action", "10:1 import static java.lang.Thread.sleep",
                    "11:1 import function fi.lupaus.engine.decision.Action.thank");
            assertThat(reasons(drl)).containsExactly("static imports may name only members of the allowed types",
                    "static imports may name only members of the allowed types",
                    "static imports may name only members of the allowed types",
                    "imported functions run Java code outside the rules");
        }

        @Test
        void ruleMetadataIsTwoOrMoreKeyedTextsOnARuleAndNowhereElse() {
            String drl = """
                    package test.console
                    import fi.lupaus.engine.fact.Feedback
                    rule "R" @promise(id = "a", text = "b") @escalation(stage = "x", at = "y") when Feedback( ) then end
                    rule "S" @promise(id = "a") when Feedback( ) then end
                    rule "T" @promise(value = "a", id = "b") when Feedback( ) then end
                    rule "U" @promise(id = "a\\"", text = "b") when Feedback( ) then end
                    rule "V" @promise(id = a, text = "b") when Feedback( ) then end
                    """;

            assertThat(answer(drl)).containsExactly("4:1 @promise", "5:1 @promise", "6:1 @promise", "7:1 @promise");
        }

        @Test
        void ruleMetadataInACommentIsRefusedToo() {
            assertThat(answer("""
                    package test.console
                    import fi.lupaus.engine.fact.Feedback
                    // @promise in a comment
                    rule "R" @promise(id = "a", text = "b") when Feedback( ) then end
                    """)).containsExactly("1:1 @promise or @escalation");
        }

        @Test
        void ruleMetadataOnADeclaredTypeOrItsFieldIsRefused() {
            assertThat(answer("""
                    package test.console
                    declare Probe
                        @promise(id = "a", text = "b")
                        x : int @escalation(stage = "x", at = "y")
                    end
                    """)).containsExactly("1:1 @promise or @escalation", "2:9 @promise", "4:9 @escalation");
        }

        @Test
        void aDeclaredFieldMayNotTakeTheNameOfARefusedMethod() {
            assertThat(answer("""
                    package test.console
                    declare Probe
                        hashCode : int
                        getClass : int
                        value : String
                    end
                    """)).containsExactly("3:16 hashCode", "4:16 getClass");
        }

        @Test
        void accumulateImportsGlobalsAndFunctionsAreRefusedWhereTheyStand() {
            assertThat(answer("""
                    package test.console
                    import fi.lupaus.engine.fact.Feedback
                    import accumulate org.example.Evil evil
                    global Integer limit
                    function int one() { return 1; }
                    rule "R" when Feedback( ) then end
                    """)).containsExactly("3:1 import accumulate org.example.Evil", "3:36 evil", "4:1 global",
                    "4:16 limit", "5:1 function", "5:14 one");
        }

        @Test
        void aGlobalIsRefusedSayingWhatItWouldHandTheRules() {
            assertThat(reasons(rule("global Integer limit\n", "Feedback( )", "insert(Action.thank());")))
                    .first().isEqualTo("the engine gives rules no globals; a global would hand the rules an object "
                            + "from outside");
        }

        @Test
        void aStaticImportMayOpenAFileWithoutAPackage() {
            assertThat(answer("""
                    import static fi.lupaus.engine.decision.Action.thank
                    import fi.lupaus.engine.fact.Feedback
                    rule "R" when Feedback( ) then insert(thank()); end
                    """)).isEmpty();
        }

        @Test
        void theLiteralsOfADeclaredEnumMayBeUsedByName() {
            assertThat(answer("""
                    package test.console
                    import fi.lupaus.engine.fact.Feedback
                    import fi.lupaus.engine.decision.Action
                    declare enum Mood
                        GLAD, SAD;
                    end
                    rule "R" when Feedback( ) then Mood m = Mood.GLAD; Mood n = SAD; insert(Action.thank()); end
                    """)).isEmpty();
        }

        @Test
        void aFileWithoutAPackageMayDeclareAndUseItsTypes() {
            assertThat(answer("""
                    import fi.lupaus.engine.fact.Feedback
                    declare Probe
                        x : int
                    end
                    rule "R" when Feedback( ) then insert(new Probe(2)); end
                    """)).isEmpty();
        }

        @Test
        void aTypeDeclaredInOneFileMayBeImportedByItsQualifiedNameAndExtendedInAnother() {
            RuleSource types = new RuleSource("test/console/types.drl", """
                    package test.console
                    declare Streak
                        length : int
                    end
                    """);
            RuleSource rules = new RuleSource("test/console/rules.drl", """
                    package test.console
                    import test.console.Streak
                    import fi.lupaus.engine.fact.Feedback
                    declare LongStreak extends Streak
                    end
                    rule "R" when Feedback( ) then insert(new Streak(1)); end
                    """);

            assertThat(guard.check(List.of(types, rules))).isEmpty();
        }

        @Test
        void aTypeMayBeDeclaredOnlyInTheFilesOwnPackage() {
            assertThat(answer("""
                    package test.console
                    declare Probe
                        x : int
                    end
                    declare other.Probe2
                        x : int
                    end
                    """)).containsExactly("5:9 declare other.Probe2", "5:9 other.Probe2");
        }
    }

    /** CodeScan: names, members, literals and brackets wherever they stand. */
    @Nested
    class Code {

        private static final String TALLY = """
                declare Tally
                    n : int
                end
                """;

        @Test
        void aNameAfterAQualifiedTypeIsNotTakenForAVariable() {
            assertThat(answer(consequence("java.util.List xs = null; xs = null;")))
                    .containsExactly("11:1 java.util.List", "11:16 xs");
        }

        @Test
        void aVariableDeclaredAfterAGenericTypeIsAVariable() {
            assertThat(answer(consequence("java.util.List<String> xs = null; xs = null;")))
                    .containsExactly("11:1 java.util.List");
        }

        @Test
        void anArrayIsRefusedWhereItIsMadeAndItsVariableIsNoneOfTheRules() {
            assertThat(answer(consequence("insert(Action.thank()); int[] xs = new int[3];")))
                    .containsExactly("11:31 xs", "11:40 new int[]");
        }

        @Test
        void bigNumberLiteralsAreRefusedAndHexadecimalDigitsAreNotSuffixes() {
            assertThat(answer(rule("Feedback( score > 10I )", "insert(Action.thank());"))).containsExactly("9:19 10I");
            assertThat(answer(rule("Feedback( score > 1e9B )", "insert(Action.thank());"))).containsExactly("9:19 1e9B");
            assertThat(answer(rule("Feedback( score > 0xAB, score > 0x1B, score > 9 )", "insert(Action.thank());")))
                    .isEmpty();
        }

        @Test
        void aReflectionPrefixIsRefusedOnlyBeforeTheRestOfAName() {
            assertThat(answer(rule("Feedback( comment.getDeclaredFields() != null, comment.declaredx != null, "
                    + "comment.getDeclared() != null )", "insert(Action.thank());")))
                    .containsExactly("9:19 getDeclaredFields", "9:56 declaredx", "9:83 getDeclared");
            assertThat(reasons(rule("Feedback( comment.getDeclaredFields() != null, comment.declaredx != null, "
                    + "comment.getDeclared() != null )", "insert(Action.thank());")))
                    .containsExactly("it gives access to classes and reflection", RuleAllowList.NOT_A_MEMBER,
                            RuleAllowList.NOT_A_MEMBER);
        }

        @Test
        void aNameHoldingAFactHandleIsRefusedWhereverItStands() {
            assertThat(answer(rule("$f : Feedback( )", "insert(Action.thank()); String s = $f.x__Handle__x;")))
                    .containsExactly("11:39 x__Handle__x");
        }

        @Test
        void anIndexByNameIsRefusedAfterANameACallOrAnIndex() {
            assertThat(answer(rule("$f : Feedback( )",
                    "insert(Action.thank()); String a = $f.comment[\"a\"]; String b = $f.comment()[\"b\"]; "
                            + "String c = (\"a\")[\"c\"];")))
                    .containsExactly("11:46 comment[\"a\"]", "11:76 )[\"b\"]", "11:99 )[\"c\"]");
            assertThat(answer(rule("$f : Feedback( )", "insert(Action.thank()); Object c = $f.tags[0][\"c\"];")))
                    .containsExactly("11:25 Object", "11:39 tags", "11:46 ][\"c\"]");
        }

        @Test
        void packageAndImportAreRefusedInsideCode() {
            assertThat(answer(consequence("package x;"))).containsExactly("11:1 package", "11:9 x");
            assertThat(answer(consequence("import java.io.File;"))).containsExactly("11:1 import", "11:8 java.io.File");
        }

        @Test
        void aLocalRecordIsRefusedButAVariableNamedRecordIsNot() {
            assertThat(answer(consequence("record R(int x) { }"))).containsExactly("11:1 record", "11:8 R", "11:14 x");
            assertThat(answer(consequence("record Q<T>(int x) { }")))
                    .containsExactly("11:1 record", "11:8 Q", "11:10 T", "11:17 x");
            assertThat(answer(consequence("int record = 1; insert(Action.thank());"))).isEmpty();
        }

        @Test
        void aLocalRecordWithoutParametersIsNoRecord() {
            assertThat(answer(consequence("record R; insert(Action.thank());"))).containsExactly("11:8 R");
        }

        @Test
        void anAnonymousClassIsRefusedWhateverItsTypeArguments() {
            for (String made : List.of("new Tally<String>(1) { }", "new Tally<Tally<String>>(1) { }", "new Tally<(1) { }")) {
                assertThat(answer(rule(TALLY, "Feedback( )", "insert(" + made + ");"))).as(made)
                        .containsExactly("14:12 new Tally() {");
            }
            assertThat(answer(rule(TALLY, "Feedback( )", "insert(new Tally<String>(1));"))).isEmpty();
        }

        @Test
        void aConstructionLeftOpenIsRefusedForItsBracket() {
            assertThat(answer(rule(TALLY, "Feedback( )", "insert(new Tally<String;"))).containsExactly("14:7 (");
            assertThat(answer(rule(TALLY, "Feedback( )", "insert(new Tally(1);"))).containsExactly("14:7 (");
        }

        @Test
        void onlyFactActionAndDeclaredTypesMayBeMadeWithNew() {
            assertThat(answer(consequence("String s = new String(\"x\"); insert(new Tally(1));")
                    .replace("\nrule", TALLY + "\nrule")))
                    .containsExactly("14:16 new String");
        }

        @Test
        void aChainOfLowerCaseNamesIsAQualifiedNameOnlyWhenItStartsLikeALibraryPackage() {
            assertThat(answer(rule("Feedback( $y : java.x, $z : a.b.c, $w : comment.trim().length() )",
                    "insert(Action.thank());"))).containsExactly("9:16 java.x", "9:29 a", "9:31 b", "9:33 c");
        }

        @Test
        void codeInsideAnAccumulateIsReadAsConditionsWhereNoVariableIsDeclared() {
            assertThat(answer(rule("$n : Integer( ) from accumulate( Feedback( $s : score ), init( int total = 0; ), "
                    + "action( total += $s; ), result( Integer.valueOf(total) ) )", "insert(Action.thank());")))
                    .containsExactly("9:58 init", "9:68 total", "9:82 action", "9:106 result");
        }

        @Test
        void aNamedConsequenceMayStartRightAfterItsName() {
            assertThat(answer(rule("Feedback( )\ndo[more]", "insert(Action.thank());\nthen[more]update($g);")))
                    .containsExactly(RulesThatFeedThemselves.RULE);
        }

        @Test
        void aPropertyMayBeReadByItsNameButItsNameIsNoMethodToCall() {
            assertThat(answer(rule("$f : Feedback( comment.empty )",
                    "insert(Action.thank()); boolean b = $f.comment.isEmpty() || $f.comment.empty();")))
                    .containsExactly("11:72 empty");
        }

        @Test
        void membersAfterAMemberAreCheckedAsMembersWhateverTheirNames() {
            assertThat(answer(rule("$x : Feedback( )", "insert(Action.thank()); String s = $x.java.x;")))
                    .containsExactly("11:39 java", "11:44 x");
            assertThat(answer(consequence("insert(Action.thank()); String s = Action.note.foo;")))
                    .containsExactly("11:43 Action.note", "11:48 foo");
            assertThat(answer(consequence("insert(Action.thank()); LoyaltyTier t = LoyaltyTier.GOLD; "
                    + "String s = LoyaltyTier.GOLD.name(); String c = LoyaltyTier.GOLD.getDeclaringClass().getName();")))
                    .containsExactly("11:123 getDeclaringClass", "11:143 getName");
        }

        @Test
        void theWallClockOfATypeThatIsNotAllowedIsRefusedForBoth() {
            assertThat(answer(consequence("insert(Action.thank()); String s = Nope.now().toString();")))
                    .containsExactly("11:36 Nope", "11:36 Nope.now", "11:47 toString");
        }

        @Test
        void statementsMayEndInSemicolonsOutsideRulesToo() {
            assertThat(answer("""
                    package test.console;
                    import fi.lupaus.engine.fact.Feedback;
                    import fi.lupaus.engine.fact.*;
                    import fi.lupaus.engine.decision.Action;
                    rule "R" when Feedback( ) then insert(Action.thank()); end
                    """)).isEmpty();
        }

        @Test
        void aPackageStatementWithoutAWholeNameIsLeftToTheParserAndItsBracketsStillPairUp() {
            assertThat(answer("package (x)\nrule \"R\" when then end\n"))
                    .containsExactly("1:9 [ERR 102] Line 1:8 mismatched input '(' in package");
            assertThat(answer("package test.(x)\nrule \"R\" when then end\n")).containsExactly(
                    "1:13 [ERR 107] Line 1:12 mismatched input '.' expecting one of the following tokens: "
                    + "'[package, unit, import, global, declare, function, rule, query]'.");
        }

        @Test
        void codeCutShortByTheEndOfTheTextIsAnsweredNotACrash() {
            assertThat(answer(rule(TALLY, "Feedback( )", "Object o = new Tally(1;"))).containsExactly("14:1 Object", "14:21 (");
            assertThat(answer(rule("$f : Feedback( )", "insert(Action.thank()); String c = $f.comment[")))
                    .containsExactly("11:46 [");
            assertThat(answer("package test.console\nimport fi.")).allSatisfy(answer ->
                    assertThat(answer).doesNotContain("could not be checked"));
            // a variable named record as the code's last word is no local record left open
            assertThat(answer(consequence("insert(Action.thank()); int record = 1; record"))).isEmpty();
        }

        @Test
        void anArrayOfAnyTypeIsRefusedWhateverItsTypeArguments() {
            assertThat(answer(rule(TALLY, "Feedback( )", "insert(Action.thank()); Tally t = null;\n"
                    + "Object o = new Tally<String>[3];\nObject p = new Tally[3];")))
                    .containsExactly("15:1 Object", "15:16 new Tally[]", "16:1 Object", "16:16 new Tally[]");
        }

        @Test
        void typeArgumentsCutShortByTheEndOfTheConsequenceAreNoConstruction() {
            assertThat(answer(rule(TALLY, "Feedback( )", "insert(Action.thank()); Object o = new Tally<String")))
                    .containsExactly("14:25 Object");
            // and when the code opens with a bracket, that bracket is not taken for the construction's
            assertThat(answer(consequence("(new String<String"))).containsExactly("11:1 (");
        }

        @Test
        void aBigNumberSuffixIsRefusedInEitherCaseAndAPlainZeroIsANumber() {
            assertThat(answer(rule("Feedback( score > 0 )", "insert(Action.thank()); long n = 1b; long m = 0; long k = 9I;")))
                    .containsExactly("11:34 1b", "11:59 9I");
        }

        @Test
        void aDeclarationNamesOneVariableAndTheNextNameAfterACommaIsNone() {
            assertThat(answer(consequence("insert(Action.thank()); int a, b; a = 1;"))).containsExactly("11:32 b");
        }

        @Test
        void aBracketLeftOpenInTheConditionsIsNotClosedByOneInTheConsequence() {
            assertThat(answer(rule("Feedback( score > (1 )", "insert(Action.thank()); )"))).containsExactly("9:9 (",
                    "10:1 [ERR 102] Line 10:0 mismatched input 'then' in rule \"Written in the console\"", "11:25 )");
        }

        @Test
        void aBracketLeftOpenAtTheEndOfAFileIsRefused() {
            assertThat(answer(consequence("insert(Action.thank());") + "(\n")).contains("13:1 (");
        }

        @Test
        void theNameOfABreakToANamedConsequenceIsNoMember() {
            assertThat(answer(rule("$f : Feedback( $s : score )\nif ( $s > 9 ) break[generous]",
                    "insert(Action.thank());\nthen[generous]\ninsert(Action.thankWithLoyaltyBenefit());"))).isEmpty();
        }

        @Test
        void aStaticMemberIsCheckedAgainstItsTypesRow() {
            assertThat(answer(consequence("String s = String.valueOf(1); Math.random(); Action.nosuch();")))
                    .containsExactly("11:36 random", "11:53 Action.nosuch");
        }
    }

    /** CodeScan: a whole fact, 'this', annotations, the dialect and brackets. */
    @Nested
    class WholeFactsAnnotationsAndBrackets {

        private static final String CASE_DUE = "import fi.lupaus.engine.fact.CaseDue\n";

        @Test
        void aHashOrderedFactMayBeChangedOrDeletedWholeButNotInserted() {
            assertThat(answer(rule(CASE_DUE, "$d : CaseDue( )",
                    "modify($d) { }; update($d); delete($d); retract($d); insert($d);")))
                    .containsExactly("8:1 rule \"Written in the console\"", "12:61 $d");
        }

        @Test
        void aHashOrderedFactMayBeReadMemberByMemberNullSafeOrNotButNotTurnedIntoText() {
            assertThat(answer(rule(CASE_DUE, "$d : CaseDue( )",
                    "String s = $d!.caseId; String c = $d.caseId; String t = \"\" + $d;")))
                    .containsExactly("12:62 $d");
        }

        @Test
        void aHashOrderedSetMayBeAskedWhatItHoldsWhereverItStands() {
            assertThat(answer(rule(CASE_DUE, "$d : CaseDue( caseId != null, stagesDone().contains(\"reminder\") )",
                    "boolean done = $d.stagesDone().isEmpty() || $d.stagesDone.contains(\"x\");")))
                    .isEmpty();
        }

        @Test
        void aHashOrderedFactInParenthesesIsUsedWholeEvenWhenItOpensTheCode() {
            assertThat(answer(rule(CASE_DUE, "$d : CaseDue( )", "($d);"))).containsExactly("12:2 $d");
        }

        @Test
        void aHashOrderedSetIsNotAskedByADotThatEndsTheCode() {
            assertThat(answer(rule(CASE_DUE, "$d : CaseDue( )", "insert(Action.thank()); boolean b = $d.stagesDone().")))
                    .containsExactly("12:40 stagesDone");
        }

        @Test
        void aHashOrderedFactInParenthesesOrAWholeThisBeforeALiteralIsStillUsedWhole() {
            assertThat(answer(rule(CASE_DUE, "$d : CaseDue( )", "insert(Action.thank()); String s = \"\" + ($d);")))
                    .containsExactly("12:42 $d");
            assertThat(answer(consequence("insert(Action.thank()); Object o = this \"x\";"))).contains("11:36 this");
        }

        @Test
        void thisMayBeComparedOrReadInEveryForm() {
            assertThat(answer(rule("Feedback( this < 1, this > 1, this != null, this == null, this.score > 1, "
                    + "this#Feedback, this instanceof Feedback, this memberOf $l, this not contains 1, this in (1), "
                    + "this excludes 1, this contains 1 )", "insert(Action.thank());"))).isEmpty();
        }

        @Test
        void thisMayNotBeBoundNorUsedWhole() {
            assertThat(answer(rule("Feedback( $x : this )", "insert(Action.thank());"))).containsExactly("9:16 : this");
            assertThat(answer(rule("Feedback( $x : this, score > 1 )", "insert(Action.thank());")))
                    .containsExactly("9:16 : this");
            assertThat(answer(rule("Feedback( $t : (this) )", "insert(Action.thank());"))).containsExactly("9:17 this");
            assertThat(answer(rule("Feedback( this, score > 1 )", "insert(Action.thank());")))
                    .containsExactly("9:11 this");
            assertThat(answer(consequence("insert(Action.thank()); Object o = this")))
                    .containsExactly("11:25 Object", "11:36 this");
        }

        @Test
        void droolsOwnAnnotationsTakeNamesAsValues() {
            assertThat(answer("""
                    package test.console
                    declare Probe
                        @role( event ) @timestamp( stamp ) @expires( 1h ) @duration( whenever )
                        stamp : long
                    end
                    """)).isEmpty();
            assertThat(answer(rule("Feedback( ) @Role(fact)", "insert(Action.thank());"))).isEmpty();
        }

        @Test
        void anAnnotationIsRefusedWhenUnknownQualifiedOrMetadataInsideCode() {
            assertThat(answer(consequence("insert(Action.thank()); @key.x int y = 1;")))
                    .containsExactly("11:25 @key", "11:30 x");
            assertThat(answer(consequence("insert(Action.thank()); @promise(id = \"a\", text = \"b\") int x = 1;")))
                    .containsExactly("1:1 @promise or @escalation", "11:25 @promise");
            assertThat(answer(consequence("insert(Action.thank()); @"))).containsExactly("11:25 @end");
            assertThat(answer(consequence("insert(Action.thank()); @ role int x = 1;"))).isEmpty();
        }

        @Test
        void onlyTheJavaDialectMayBeNamed() {
            assertThat(answer(rule("dialect \"mvel\"\n", "Feedback( )", "insert(Action.thank());")))
                    .containsExactly("6:1 dialect \"mvel\"");
            assertThat(answer(consequence("insert(Action.thank()); dialect = 1;"))).containsExactly("11:25 dialect");
            assertThat(answer(consequence("insert(Action.thank()); String s = \"dialect\";"))).isEmpty();
        }

        @Test
        void everyBracketMustCloseWithItsOwnKindWithinItsPartOfTheRule() {
            assertThat(answer(consequence("insert(Action.thank()); int x = (1;"))).containsExactly("11:33 (");
            assertThat(answer(consequence("insert(Action.thank()); int x = 1);"))).containsExactly("11:34 )");
            assertThat(answer(consequence("insert(Action.thank()); int x = [1);"))).containsExactly("11:35 )");
            assertThat(answer(consequence("insert(Action.thank()); int x = {1);"))).containsExactly("11:35 )");
            assertThat(answer(consequence("insert(Action.thank()); int x = (1];"))).containsExactly("11:35 ]");
            assertThat(answer(consequence("insert(Action.thank()); int x = (1};"))).containsExactly("11:35 }");
            assertThat(answer(rule("Feedback( score > (1 )", "insert(Action.thank());")))
                    .containsExactly("9:9 (", "10:1 [ERR 102] Line 10:0 mismatched input 'then' in rule \"Written in the console\"");
        }
    }
}
