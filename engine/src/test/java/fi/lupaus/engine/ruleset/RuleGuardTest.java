package fi.lupaus.engine.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.CustomerAttribute;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.PreviousAnswer;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;

class RuleGuardTest {

    /** The standard pack, as surefire sees it from the engine module. */
    private static final Path STANDARD_PACK = Path.of("../rules/src/main/resources/fi/lupaus/rules/standard/");

    private static final Instant RECEIVED = Instant.parse("2026-11-20T10:15:00Z");
    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");

    private static final String HEADER = """
            package test.console
            import fi.lupaus.engine.fact.Feedback
            import fi.lupaus.engine.fact.LoyaltyTier
            import fi.lupaus.engine.decision.Action
            import fi.lupaus.engine.decision.DecisionTime
            """;

    private final RuleGuard guard = new RuleGuard();
    private final RuleSetCompiler compiler = new RuleSetCompiler();

    private List<CompileError> check(String drl) {
        return guard.check(List.of(new RuleSource("test/console/rules.drl", drl)));
    }

    /** A file with the usual imports and one rule. */
    private static String rule(String when, String then) {
        return HEADER + """

                rule "Written in the console"
                when
                %s
                then
                %s
                end
                """.formatted(when, then);
    }

    /** A file with the usual imports, then {@code beforeRule} (more imports, a global…), then one rule. */
    private static String ruleAfter(String beforeRule, String when, String then) {
        return rule(when, then).replace(HEADER, HEADER + beforeRule);
    }

    private static Feedback nps(int score, LoyaltyTier tier) {
        return new Feedback("fb-1", "C-1", RECEIVED, Touchpoint.STORE, Phase.CORE, Survey.NPS, score,
                null, false, null, tier);
    }

    @Nested
    class AllowedRules {

        static Stream<Path> standardPackFiles() throws IOException {
            try (Stream<Path> files = Files.list(STANDARD_PACK)) {
                List<Path> drl = files.filter(file -> file.toString().endsWith(".drl")).sorted().toList();
                assertThat(drl).as("DRL files in " + STANDARD_PACK.toAbsolutePath()).isNotEmpty();
                return drl.stream();
            }
        }

        private static RuleSource standardSource(Path file) {
            try {
                return new RuleSource("fi/lupaus/rules/standard/" + file.getFileName(),
                        Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("standardPackFiles")
        void everyFileOfTheStandardPackIsAccepted(Path file) {
            assertThat(guard.check(List.of(standardSource(file)))).isEmpty();
        }

        @Test
        void theWholeStandardPackCompilesAsUntrustedRulesAndDecides() throws IOException {
            List<RuleSource> pack = standardPackFiles().map(AllowedRules::standardSource).toList();

            RuleSet standard = compiler.compileUntrusted(pack).orElseThrow();
            Decision decision = standard.decide(List.of(nps(2, LoyaltyTier.GOLD)), NOW);

            assertThat(decision.firedRules()).contains("Escalate a gold-tier detractor to the team lead");
            assertThat(decision.actions()).extracting(Action::owner).contains("team-lead");
        }

        @Test
        void promiseMetadataAsTextPairsIsAcceptedAndReadFromTheCompiledRules() {
            String drl = HEADER + """
                    rule "Call back every gold customer within a day"
                        @promise(id = "gold-callback-24h", text = "Every gold customer is called back within a day",
                                 within = "24h")
                    when
                        Feedback( loyaltyTier == LoyaltyTier.GOLD )
                    then
                    end
                    """;

            assertThat(check(drl)).isEmpty();
            RuleSet ruleSet = compiler.compileUntrusted(List.of(new RuleSource("test/console/rules.drl", drl)))
                    .orElseThrow();
            assertThat(ruleSet.ruleMetadata().get("Call back every gold customer within a day"))
                    .containsEntry("promise.id", "gold-callback-24h")
                    .containsEntry("promise.within", "24h");
        }

        @Test
        void theRulesOfTheRuleSetTestAreAccepted() {
            assertThat(check(RuleSetTest.RECORD_RULES)).isEmpty();
        }

        @Test
        void aRuleWithDurationsAndActionFactoriesIsAcceptedAndDecides() {
            String drl = """
                    package test.console
                    import java.time.Duration
                    import java.time.temporal.ChronoUnit
                    import fi.lupaus.engine.fact.Feedback
                    import fi.lupaus.engine.fact.LoyaltyTier
                    import fi.lupaus.engine.decision.Action
                    import fi.lupaus.engine.decision.Priority

                    // A comment may say System.exit(0) or new Thread(): comments are not code.
                    rule "Call back a gold detractor within a day"
                        salience 10
                    when
                        Feedback( detractor, loyaltyTier == LoyaltyTier.GOLD, $received : receivedAt )
                    then
                        String owner = "team-" + "lead"; // strings may say "Runtime.getRuntime()" too
                        insert(Action.openCase("call-back-24h", owner, Priority.HIGH,
                                $received.plus(Duration.ofHours(12)).plus(12, ChronoUnit.HOURS)));
                    end
                    """;

            assertThat(check(drl)).isEmpty();
            Decision decision = compiler.compileUntrusted(List.of(new RuleSource("test/console/rules.drl", drl)))
                    .orElseThrow().decide(List.of(nps(1, LoyaltyTier.GOLD)), NOW);
            assertThat(decision.actions()).containsExactly(
                    Action.openCase("call-back-24h", "team-lead", Priority.HIGH, RECEIVED.plusSeconds(24 * 3600)));
        }

        @Test
        void aDeclaredFactTypeWithAllowedFieldsIsAcceptedAndDecides() {
            String drl = """
                    package test.console
                    import java.time.Instant
                    import java.util.List
                    import fi.lupaus.engine.fact.*
                    import fi.lupaus.engine.decision.Action

                    declare Unhappy
                        @role( fact )
                        customerId : String @key
                        since : Instant
                        reasons : List
                        weight : int
                    end

                    declare enum Mood
                        GLAD, SAD;
                    end

                    rule "Remember an unhappy customer"
                    when
                        Feedback( detractor, $customer : customerId, $at : receivedAt )
                    then
                        insert(new Unhappy($customer, $at, List.of("detractor"), 1));
                    end

                    rule "Offer an unhappy customer recovery"
                    when
                        Unhappy( weight > 0 )
                    then
                        insert(Action.recovery());
                    end
                    """;

            assertThat(check(drl)).isEmpty();
            Decision decision = compiler.compileUntrusted(List.of(new RuleSource("test/console/rules.drl", drl)))
                    .orElseThrow().decide(List.of(nps(3, LoyaltyTier.NONE)), NOW);
            assertThat(decision.firedRules())
                    .containsExactly("Remember an unhappy customer", "Offer an unhappy customer recovery");
        }

        @Test
        void accumulateNamedConsequencesAndStaticImportsOfAllowedTypesAreAccepted() {
            String drl = """
                    package test.console
                    import static fi.lupaus.engine.decision.Action.thank
                    import fi.lupaus.engine.fact.Feedback
                    import fi.lupaus.engine.decision.Action

                    rule "Thank when the scores add up"
                    when
                        $total : Integer( this > 10 ) from accumulate( Feedback( $s : score ), sum( $s ) )
                        Feedback( $score : score )
                        if ( $score > 9 ) do[generous]
                    then
                        insert(thank());
                    then[generous]
                        insert(Action.thankWithLoyaltyBenefit());
                    end
                    """;

            assertThat(check(drl)).isEmpty();
            assertThat(compiler.compileUntrusted(List.of(new RuleSource("test/console/rules.drl", drl))).errors())
                    .isEmpty();
        }

        @Test
        void namedConsequencesMaySayWordForWordWhatTheRulesOwnOrAnotherOneSays() {
            // each rule's named consequences repeat its own word for word, and one begins with the
            // other's text: written after it, before it, and under either name (the parser keeps them
            // by name, in no order)
            String drl = """
                    package test.console
                    import fi.lupaus.engine.fact.Feedback
                    import fi.lupaus.engine.decision.Action

                    rule "Thank a promoter, the more generously the higher the score"
                    when
                        Feedback( $score : score )
                        if ( $score > 8 ) do[promoter]
                        if ( $score > 9 ) do[generous]
                    then
                        insert(Action.thank());
                    then[promoter]
                        insert(Action.thank());
                    then[generous]
                        insert(Action.thank());
                        insert(Action.thankWithLoyaltyBenefit());
                    end

                    rule "Thank a promoter, the generous branch written first"
                    when
                        Feedback( $score : score )
                        if ( $score > 9 ) do[generous]
                        if ( $score > 8 ) do[promoter]
                    then
                        insert(Action.thank());
                    then[generous]
                        insert(Action.thank());
                        insert(Action.thankWithLoyaltyBenefit());
                    then[promoter]
                        insert(Action.thank());
                    end

                    rule "Thank a promoter, the branches named the other way round"
                    when
                        Feedback( $score : score )
                        if ( $score > 9 ) do[promoter]
                        if ( $score > 8 ) do[generous]
                    then
                        insert(Action.thank());
                    then[promoter]
                        insert(Action.thank());
                        insert(Action.thankWithLoyaltyBenefit());
                    then[generous]
                        insert(Action.thank());
                    end
                    """;

            assertThat(compiler.compile(List.of(new RuleSource("test/console/rules.drl", drl))).errors())
                    .as("Drools' own compiler").isEmpty();
            assertThat(check(drl)).isEmpty();
        }

        @Test
        void theExamplePluginsRulesAreAccepted() throws IOException {
            Path vipDesk = Path.of("../examples/example-plugin/src/main/resources/fi/lupaus/rules/vipdesk/vip-desk.drl");

            assertThat(guard.check(List.of(new RuleSource("fi/lupaus/rules/vipdesk/vip-desk.drl",
                    Files.readString(vipDesk, StandardCharsets.UTF_8))))).isEmpty();
        }

        @Test
        void membersFromTheTableAreAcceptedAndDecide() {
            String drl = """
                    package test.console
                    import java.time.Duration
                    import java.util.List
                    import fi.lupaus.engine.fact.*
                    import fi.lupaus.engine.decision.Action
                    import fi.lupaus.engine.decision.DecisionTime
                    import fi.lupaus.engine.decision.Priority

                    query unhappyGold(String $customer)
                        Feedback( customerId == $customer, detractor, loyaltyTier == LoyaltyTier.GOLD )
                    end

                    rule "Call back a gold customer who mentions delivery, within the promise's hours"
                    when
                        Feedback( comment != null, comment.toLowerCase().contains("delivery"), $c : customerId,
                                  $received : receivedAt, Math.max(score, 0) <= 6, touchpoint.name().length() > 2 )
                        unhappyGold( $c; )
                        DecisionTime( $now : now, now.isAfter($received) )
                        not CaseDue( stagesDone contains "team-lead" )
                        CustomerAttribute( name == "crm.tier", value.equalsIgnoreCase("GOLD") )
                        $count : Number( intValue >= 1 ) from accumulate( PreviousAnswer( detractor ), count( 1 ) )
                    then
                        String owner = List.of("vip-desk", "team-lead").get(0);
                        insert(Action.openCase("delivery-" + String.valueOf($count.intValue()), owner, Priority.HIGH,
                                $received.plus(Duration.ofHours(4)).plusSeconds(0)));
                    end
                    """;
            Feedback feedback = new Feedback("fb-1", "C-1", RECEIVED, Touchpoint.STORE, Phase.CORE, Survey.NPS, 3,
                    "Late DELIVERY", false, null, LoyaltyTier.GOLD);

            assertThat(check(drl)).isEmpty();
            Decision decision = compiler.compileUntrusted(List.of(new RuleSource("test/console/rules.drl", drl)))
                    .orElseThrow().decide(List.of(feedback, new CustomerAttribute("crm.tier", "gold"),
                            PreviousAnswer.of(feedback)), NOW);
            assertThat(decision.actions()).containsExactly(Action.openCase("delivery-1", "vip-desk", Priority.HIGH,
                    RECEIVED.plusSeconds(4 * 3600)));
        }

        @Test
        void theJavaDialectMayBeNamed() {
            assertThat(check(HEADER + "dialect \"java\"\n" + rule("Feedback( )", "insert(Action.thank());")
                    .substring(HEADER.length()))).isEmpty();
        }

        @Test
        void anEscapedBackslashBeforeAuInAStringIsNotAUnicodeEscape() {
            assertThat(check(rule("Feedback( comment == \"C:\\\\users\" )", "insert(Action.thank());"))).isEmpty();
        }
    }

    @Nested
    class HostileRules {

        static Stream<Arguments> hostileRules() {
            return Stream.of(
                    sample("System.exit in a consequence", rule("Feedback( )", "System.exit(0);"), "System"),
                    sample("Runtime.exec", rule("Feedback( )", "Runtime.getRuntime().exec(\"rm -rf /\");"),
                            "Runtime"),
                    sample("a process builder", rule("Feedback( )", "new ProcessBuilder(\"sh\").start();"),
                            "ProcessBuilder"),
                    sample("a qualified java.io.File", rule("Feedback( )",
                            "new java.io.File(\"/etc/passwd\").delete();"), "java.io.File"),
                    sample("an import of java.io.File", ruleAfter("import java.io.File\n", "Feedback( )", "new File(\"/tmp/x\").delete();"), "import java.io.File"),
                    sample("java.nio.file.Files", rule("Feedback( $c : comment )",
                            "java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"), $c);"),
                            "java.nio.file.Files"),
                    sample("an import of Paths", ruleAfter("import java.nio.file.Paths\n", "Feedback( )", "Paths.get(\"/etc\");"), "import java.nio.file.Paths"),
                    sample("a URL", rule("Feedback( )",
                            "new java.net.URL(\"http://evil.example\").openStream();"), "java.net.URL"),
                    sample("a URI", rule("Feedback( )",
                            "java.net.URI.create(\"http://evil.example\").toURL();"), "java.net.URI"),
                    sample("a socket", rule("Feedback( )",
                            "new java.net.Socket(\"evil.example\", 80);"), "java.net.Socket"),
                    sample("reflection through getClass", rule("$f : Feedback( )",
                            "$f.getClass().getMethod(\"score\");"), "getClass"),
                    sample("Class.forName", rule("Feedback( )",
                            "Class.forName(\"java.lang.Runtime\");"), "forName"),
                    sample("setAccessible", rule("$f : Feedback( )",
                            "Action.class.getDeclaredMethods()[0].setAccessible(true);"), "setAccessible"),
                    sample("a new thread", rule("Feedback( )", "new Thread(() -> {}).start();"), "Thread"),
                    sample("Thread.sleep", rule("Feedback( )", "Thread.sleep(60_000);"), "Thread"),
                    sample("a class loader", rule("Feedback( )",
                            "ClassLoader.getSystemClassLoader().loadClass(\"x\");"), "ClassLoader"),
                    sample("an endless while loop", rule("Feedback( )", "while (true) { }"), "while"),
                    sample("an endless for loop", rule("Feedback( )", "for (;;) { }"), "for"),
                    sample("a do loop", rule("Feedback( )", "do { } while (1 < 2);"), "do"),
                    sample("a recursive function", ruleAfter("function int spin(int n) { return spin(n + 1); }\n", "Feedback( )", "spin(0);"), "function"),
                    sample("a global", ruleAfter("global java.util.List leaks\n", "$f : Feedback( )", "leaks.add($f);"), "global"),
                    sample("an import of reflection", ruleAfter("import java.lang.reflect.Method\n", "Feedback( )", "insert(Action.thank());"), "import java.lang.reflect.Method"),
                    sample("a wildcard import of java.io", ruleAfter("import java.io.*\n", "Feedback( )", "insert(Action.thank());"), "import java.io.*"),
                    sample("an imported function", ruleAfter("import function java.lang.System.exit\n", "Feedback( )", "exit(0);"), "import function java.lang.System.exit"),
                    sample("a static import of System", ruleAfter("import static java.lang.System.exit\n", "Feedback( )", "insert(Action.thank());"), "import static java.lang.System.exit"),
                    sample("a qualified name in a constraint",
                            rule("Feedback( java.lang.System.exit(0) == null )", "insert(Action.thank());"),
                            "java.lang.System"),
                    sample("from reaching Runtime", rule(
                            "$p : Object( ) from Runtime.getRuntime().exec(\"id\")", "insert(Action.thank());"),
                            "Runtime"),
                    sample("eval with System", rule("eval( System.getenv(\"HOME\") != null )",
                            "insert(Action.thank());"), "System"),
                    sample("kcontext", rule("Feedback( )", "kcontext.getKieRuntime().halt();"), "kcontext"),
                    sample("drools", rule("Feedback( )", "drools.getKieRuntime().dispose();"), "drools"),
                    sample("an accumulate action calling System", rule("""
                            $n : Integer( ) from accumulate( Feedback( $s : score ),
                                    init( int total = 0; ),
                                    action( total += $s; System.exit(total); ),
                                    result( Integer.valueOf(total) ) )""", "insert(Action.thank());"), "System"),
                    sample("an accumulate action that breaks out of its method", rule("""
                            $n : Integer( ) from accumulate( Feedback( $s : score ),
                                    init( int total = 0; ),
                                    action( total += $s; } int spin(int n) { return spin(n + 1) + spin(n + 1); } void more() { ),
                                    result( Integer.valueOf(total) ) )""", "insert(Action.thank());"), "}"),
                    sample("a consequence that breaks out of its method", rule("Feedback( )",
                            "insert(Action.thank()); } static int spin(int n) { return spin(n + 1); } static void more() {"),
                            "}"),
                    sample("the mvel dialect", HEADER + """
                            rule "Loop in MVEL"
                                dialect "mvel"
                            when
                                Feedback( )
                            then
                                insert(Action.thank());
                            end
                            """, "dialect \"mvel\""),
                    sample("the mvel dialect for the whole package", ruleAfter("dialect 'mvel'\n", "Feedback( )", "insert(Action.thank());"), "dialect \"mvel\""),
                    sample("an MVEL import inside a consequence", HEADER + """
                            rule "MVEL imports its own List"
                                dialect "mvel"
                            when
                                Feedback( )
                            then
                                import java.awt.List; List l = new List();
                            end
                            """, "import"),
                    sample("an MVEL function", rule("Feedback( )", "def spin(n) { spin(n + 1) }; spin(0);"), "def"),
                    sample("a string that fills the memory", rule("Feedback( )",
                            "insert(Action.openCase(\"x\".repeat(Integer.MAX_VALUE), \"team\", null, null));"), "repeat"),
                    sample("an MVEL foreach", rule("Feedback( )", "foreach (x : [1, 2]) { insert(Action.thank()); }"),
                            "foreach"),
                    sample("a unicode escape in code", rule("Feedback( )", "\\u0053ystem.exit(0);"), "\\u0053"),
                    sample("a unicode line break hiding code in a comment", rule("Feedback( )",
                            "// harmless \\u000a Runtime.getRuntime().halt(0);"), "\\u000a"),
                    sample("a unicode escape that ends a string", rule("Feedback( )",
                            "String s = \"\\u0022; System.exit(0); //\";"), "\\u0022"),
                    sample("comments between the parts of a call", rule("Feedback( )",
                            "/* nothing */ System /* to see */ . /* here */ exit(0);"), "System"),
                    sample("a comment splitting a name", rule("Feedback( )", "Sys/**/tem.exit(0);"), "Sys"),
                    sample("an invisible character inside a name", rule("Feedback( )", "Sys\u00ADtem.exit(0);"),
                            "U+00AD"),
                    sample("a class name built from strings", rule("Feedback( )",
                            "String.class.forName(\"java.lang.Sys\" + \"tem\");"), "class"),
                    sample("a property path to the class loader",
                            rule("Feedback( this.class.classLoader != null )", "insert(Action.thank());"), "class"),
                    sample("a class reached through an enum", rule("Feedback( )",
                            "LoyaltyTier.GOLD.getDeclaringClass().getResourceAsStream(\"/secrets\");"),
                            "getDeclaringClass"),
                    sample("a lambda", rule("Feedback( )", "java.util.List.of(1).forEach(i -> insert(Action.thank()));"),
                            "->"),
                    sample("an anonymous class", rule("Feedback( )",
                            "Comparable<String> c = new Comparable<String>() { public int compareTo(String s) { return 0; } };"),
                            "new Comparable() {"),
                    sample("a huge array", rule("Feedback( )", "long[] a = new long[Integer.MAX_VALUE];"), "new long[]"),
                    sample("a string that runs over a line end", rule("Feedback( comment == \"half\n\" )",
                            "insert(Action.thank());"), "\""),
                    sample("a comment that never ends", rule("Feedback( )", "insert(Action.thank()); /* and then"),
                            "/*"),
                    sample("a text block", rule("Feedback( )", "String s = \"\"\"\n  x\n  \"\"\";"), "\"\"\""),
                    sample("the wall clock", rule("Feedback( )",
                            "insert(Action.aftercare(java.time.Instant.now()));"), "java.time.Instant"),
                    sample("the wall clock through an import", ruleAfter("import java.time.Instant\n", "Feedback( )", "insert(Action.aftercare(Instant.now()));"), "Instant.now"),
                    sample("a system property", rule("Feedback( )", "Integer.getInteger(\"db.password\");"),
                            "getInteger"),
                    sample("exception handling", rule("Feedback( )",
                            "try { insert(Action.thank()); } catch (Throwable t) { }"), "try"),
                    sample("synchronized", rule("$f : Feedback( )", "synchronized ($f) { insert(Action.thank()); }"),
                            "synchronized"),
                    sample("a declared field of a refused type", HEADER + """
                            declare Spy
                                file : java.io.File
                            end
                            """, "java.io.File"),
                    sample("a declared type named like System", HEADER + """
                            declare System
                                x : int
                            end
                            """, "declare System"),
                    sample("a library package", rule("Feedback( )", "insert(Action.thank());")
                            .replace("package test.console", "package org.h2.util"), "package org.h2.util"),
                    sample("the engine's own package", rule("Feedback( )", "insert(Action.thank());")
                            .replace("package test.console", "package fi.lupaus.engine.ruleset"),
                            "package fi.lupaus.engine.ruleset"),
                    sample("the web console's package", rule("Feedback( )", "insert(Action.thank());")
                            .replace("package test.console", "package fi.lupaus.console"), "package fi.lupaus.console"),
                    sample("an unknown annotation", HEADER + """
                            declare Probe
                                @org.example.Evil
                                x : int
                            end
                            """, "@org"),
                    sample("promise metadata with one value, which Drools evaluates as an expression", HEADER + """
                            rule "Evaluated"
                                @promise("x")
                            when
                                Feedback( )
                            then
                            end
                            """, "@promise"),
                    sample("promise metadata that is code, not text", HEADER + """
                            rule "Evaluated"
                                @promise(id = Math.max(1, 2), text = "x")
                            when
                                Feedback( )
                            then
                            end
                            """, "@promise"),
                    sample("promise metadata on a declared type", HEADER + """
                            declare Probe
                                @promise(id = "a", text = "b")
                                x : int
                            end
                            """, "@promise"),
                    sample("escalation metadata on a pattern", rule("Feedback( ) @escalation(stage = \"a\", at = \"b\")",
                            "insert(Action.thank());"), "@promise or @escalation"),
                    sample("an imported accumulate function", ruleAfter("import accumulate org.example.Evil evil\n", "Feedback( )", "insert(Action.thank());"), "import accumulate org.example.Evil"),
                    sample("the fact handle Drools passes to consequences", rule("$f : Feedback( )",
                            "$f__Handle__.toString();"), "$f__Handle__"),
                    sample("a method reference", rule("Feedback( )",
                            "java.util.Optional.of(1).map(Action::thank);"), "::"));
        }

        private static Arguments sample(String name, String drl, String construct) {
            return Arguments.of(name, drl, construct);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("hostileRules")
        void isRefusedWithAMessageNamingTheConstruct(String name, String drl, String construct) {
            List<CompileError> errors = check(drl);

            assertThat(errors).as(name).isNotEmpty()
                    .allSatisfy(error -> assertThat(error.source()).isEqualTo("test/console/rules.drl"))
                    .anySatisfy(error -> assertThat(error.message()).startsWith("'" + construct + "' is not allowed"));
        }

    }

    /**
     * One hostile rule set per file under {@code src/test/resources/hostile/}, each opening with
     * {@code // refused 'construct': reason}: the construct the guard must name and words of its reason.
     */
    @Nested
    class HostileRuleSetFiles {

        private static final Path HOSTILE = Path.of("src/test/resources/hostile");
        private static final Pattern EXPECTATION = Pattern.compile("^// refused '(.+)': (.+)$", Pattern.MULTILINE);

        static Stream<Path> hostileFiles() throws IOException {
            try (Stream<Path> files = Files.list(HOSTILE)) {
                return files.filter(file -> file.toString().endsWith(".drl")).sorted().toList().stream();
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("hostileFiles")
        void isRefusedNamingTheConstructAndTheReason(Path file) throws IOException {
            String drl = Files.readString(file, StandardCharsets.UTF_8);
            Matcher expected = EXPECTATION.matcher(drl);
            assertThat(expected.find()).as("the first line of " + file + " says what the guard must refuse").isTrue();
            String construct = expected.group(1);
            String reason = expected.group(2);

            List<CompileError> errors = guard.check(List.of(new RuleSource("test/hostile/" + file.getFileName(), drl)));

            assertThat(errors).as(file.getFileName().toString())
                    .anySatisfy(error -> assertThat(error.message())
                            .startsWith("'" + construct + "' is not allowed in rules: ")
                            .contains(reason));
        }

        @Test
        void theSuiteHoldsAtLeastSixtyRuleSets() throws IOException {
            assertThat(hostileFiles()).hasSizeGreaterThanOrEqualTo(60);
        }
    }

    /**
     * Declared types: what is refused, exactly where. A field's type is refused by two checks, the
     * declared type's and the scan of every name in the source; the guard names a construct once a
     * line, so either alone gives the answer below (docs/mutation-testing.md).
     */
    @Nested
    class DeclaredTypes {

        private static final String NOT_A_RULE_TYPE = "rules may use only the fact and action types and safe value types";

        private List<CompileError> declaring(String declaration) {
            return check(HEADER + "\n" + declaration + "\n");
        }

        @Test
        void aFieldOfAJavaLangTypeThatIsNotAValueIsRefusedAtTheField() {
            assertThat(declaring("""
                    declare Spy
                        worker : Thread
                    end
                    """)).containsExactly(new CompileError("test/console/rules.drl", 8, 14,
                    "'Thread' is not allowed in rules: " + NOT_A_RULE_TYPE));
        }

        @Test
        void aFieldOfAnAllowedTypeAndAFieldOfAListOfThemAreAccepted() {
            assertThat(declaring("""
                    import java.util.List

                    declare Tally
                        count : int
                        tiers : List<LoyaltyTier>
                    end
                    """)).isEmpty();
        }

        @Test
        void aTypeThatExtendsATypeNotDeclaredInTheRulesIsRefused() {
            assertThat(declaring("""
                    declare Spy extends Feedback
                        x : int
                    end
                    """)).extracting(CompileError::line, CompileError::message)
                    .containsExactly(tuple(7, "'Feedback' is not allowed in rules: " + NOT_A_RULE_TYPE));
        }

        @Test
        void aTypeMayExtendATypeDeclaredInTheRules() {
            assertThat(declaring("""
                    declare Base
                        x : int
                    end
                    declare Derived extends Base
                        y : int
                    end
                    """)).isEmpty();
        }

        @Test
        void aTypeDeclaredInAnotherPackageIsRefused() {
            assertThat(declaring("""
                    declare fi.lupaus.engine.fact.Spy
                        x : int
                    end
                    """)).extracting(CompileError::message)
                    .contains("'declare fi.lupaus.engine.fact.Spy' is not allowed in rules: "
                            + "a type may be declared only in the file's own package");
        }
    }

    @Nested
    class Messages {

        @Test
        void sayWhereWhatAndWhy() {
            List<CompileError> errors = check(rule("Feedback( )", "    System.out.println(\"hi\");"));

            assertThat(errors).containsExactly(new CompileError("test/console/rules.drl", 11, 5,
                    "'System' is not allowed in rules: rules may use only the fact and action types and safe value types"));
        }

        @Test
        void aPropertyIsRefusedForTheMethodItReadsWhereItStands() {
            List<CompileError> errors = check(rule("Feedback( $c : this.Class )", "insert(Action.thank());"));

            assertThat(errors).containsExactly(new CompileError("test/console/rules.drl", 9, 21,
                    "'Class' is not allowed in rules: it gives access to classes and reflection"));
        }

        @Test
        void aRuleThatFeedsItselfIsRefusedAtTheRuleNamingWhatItWrites() {
            List<CompileError> errors = check(rule("$t : DecisionTime( )", "update($t);"));

            assertThat(errors).extracting(CompileError::line, CompileError::message).containsExactly(tuple(7,
                    "'rule \"Written in the console\"' is not allowed in rules: it inserts, modifies or deletes facts "
                            + "of a type that rules of this cycle match, so the rules can feed themselves without end "
                            + "(it writes DecisionTime)"));
        }

        @Test
        void nameEachRefusedConstructOncePerLine() {
            List<CompileError> errors = check(rule("Feedback( )", "System.exit(0); System.exit(1);"));

            assertThat(errors).extracting(CompileError::message).filteredOn(m -> m.startsWith("'System'")).hasSize(1);
            assertThat(errors).extracting(CompileError::message).anyMatch(m -> m.startsWith("'exit'"));
        }

        @Test
        void aLineDroolsCannotParseIsTheOnlyErrorAndImportedTypesAroundItStayAllowed() {
            List<CompileError> errors = check(rule("Feedback( complaint )\n&&& broken(\nLoyaltyTier( )", "insert(Action.thank());"));

            assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error.line()).isEqualTo(10));
            assertThat(errors).extracting(CompileError::message)
                    .noneMatch(m -> m.startsWith("'Feedback'") || m.startsWith("'LoyaltyTier'") || m.startsWith("'Action'"));
        }

        @Test
        void aSourceThatDroolsCannotParseIsRefusedWithTheParsersError() {
            List<CompileError> errors = check(HEADER + "rule \"Broken\" dialect mvel when then end\n");

            assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error.line()).isEqualTo(6));
        }

        @Test
        void aHashOrderedSetMayBeAskedWhatItHoldsInEveryFormButNotWalked() {
            String header = HEADER + "import fi.lupaus.engine.fact.CaseDue\n";
            for (String asked : List.of("stagesDone contains \"reminder\"", "stagesDone not contains \"reminder\"",
                    "stagesDone excludes \"reminder\"", "stagesDone.contains(\"reminder\")", "stagesDone.isEmpty()",
                    "stagesDone.size() > 1", "stagesDone().contains(\"reminder\")", "stagesDone.empty")) {
                assertThat(check(rule("CaseDue( " + asked + " )", "insert(Action.thank());")
                        .replace(HEADER, header))).as(asked).isEmpty();
            }
            assertThat(check(rule("CaseDue( $s : stagesDone() )", "insert(Action.thank());").replace(HEADER, header)))
                    .extracting(CompileError::message).anySatisfy(m -> assertThat(m).startsWith("'stagesDone'"));
        }

        @Test
        void theWallClockIsRefusedSayingWhatToUseInstead() {
            String reason = "' is not allowed in rules: decisions must not depend on the wall clock or chance; "
                    + "use DecisionTime( $now : now )";

            assertThat(check(ruleAfter("import java.time.Instant\n", "Feedback( )",
                    "insert(Action.aftercare(Instant.now()));"))).extracting(CompileError::message)
                    .contains("'Instant.now" + reason);
            assertThat(check(ruleAfter("import java.time.LocalDate\n", "Feedback( )",
                    "LocalDate today = LocalDate.now();"))).extracting(CompileError::message)
                    .contains("'LocalDate.now" + reason);
        }

        @Test
        void refusalsComeInTheOrderOfTheirLinesWhicheverCheckFoundThem() {
            // The structure (a global, at the end) is checked before the code (System, above it).
            List<CompileError> errors = check(rule("Feedback( )", "System.exit(0);") + "global Integer limit\n");

            assertThat(errors).extracting(CompileError::message).anySatisfy(m -> assertThat(m).startsWith("'System'"))
                    .anySatisfy(m -> assertThat(m).startsWith("'global'"));
            assertThat(errors).extracting(CompileError::line).isSorted();
        }

        @Test
        void aSourceThatCannotBeParsedComesBackWithTheParsersOwnErrorAtItsPlace() {
            // Without a parse the guard also refuses every name it cannot place (it fails closed);
            // the parser's error must be among the answers all the same.
            List<CompileError> errors = check(HEADER + "rule \"Broken\" when Feedback( score > ) then end\n");

            assertThat(errors).anySatisfy(error -> {
                assertThat(error.line()).isEqualTo(6);
                assertThat(error.column()).isEqualTo(38);
                assertThat(error.message()).startsWith("[ERR 101] Line 6:37 no viable alternative at input ')'");
            });
        }
    }

    @Nested
    class CompilingUntrustedRules {

        @Test
        void refusedRulesAreNeverCompiledAndComeBackWithTheGuardsFindings() {
            var hostile = List.of(new RuleSource("test/console/rules.drl", rule("Feedback( )", "System.exit(0);")));

            Compilation compilation = compiler.compileUntrusted(hostile);

            assertThat(compilation.succeeded()).isFalse();
            assertThat(compilation.errors()).extracting(CompileError::line, CompileError::message).containsExactly(
                    tuple(11, "'System' is not allowed in rules: "
                            + "rules may use only the fact and action types and safe value types"),
                    tuple(11, "'exit' is not allowed in rules: it ends or controls the server process"));
        }

        @Test
        void aJavaErrorInTheConsequenceIsReportedAtItsOwnLineNotAtTheRulesHeader() {
            var broken = List.of(new RuleSource("test/console/rules.drl",
                    rule("Feedback( )", "insert(Action.thank());\n    int n = 1 +* 3;")));

            Compilation compilation = compiler.compileUntrusted(broken);

            assertThat(compilation.errors()).isNotEmpty()
                    .allSatisfy(error -> assertThat(error.line()).isEqualTo(12))
                    .extracting(CompileError::message).noneMatch(m -> m.startsWith("Rule Compilation error"));
        }

        @Test
        void typesDeclaredInOneSourceMayBeUsedInAnother() {
            var types = new RuleSource("test/console/types.drl", """
                    package test.console
                    declare Streak
                        length : int
                    end
                    """);
            var rules = new RuleSource("test/console/rules.drl", rule("Feedback( )", "insert(new Streak(1));"));

            assertThat(guard.check(List.of(types, rules))).isEmpty();
            assertThat(guard.check(List.of(rules))).extracting(CompileError::message)
                    .containsExactly("'Streak' is not allowed in rules: "
                            + "rules may use only the fact and action types and safe value types");
        }

        @Test
        void trustedCompilationIsUnchanged() {
            var trusted = List.of(new RuleSource("test/console/rules.drl", rule("Feedback( )",
                    "String home = System.getProperty(\"user.home\"); insert(Action.thank());")));

            assertThat(compiler.compile(trusted).succeeded()).isTrue();
            assertThat(compiler.compileUntrusted(trusted).succeeded()).isFalse();
        }

        @Test
        void aRuleThatUpdatesWhatItMatchesIsRefusedAndStopsByTheFiringBoundWhereItIsTrusted() {
            var looping = List.of(new RuleSource("test/console/rules.drl", rule("$t : DecisionTime( )", "update($t);")));

            assertThat(compiler.compileUntrusted(looping).errors()).extracting(CompileError::message)
                    .anyMatch(message -> message.startsWith("'rule \"Written in the console\"' is not allowed"));
            RuleSet ruleSet = compiler.compile(looping).orElseThrow();

            assertThatThrownBy(() -> ruleSet.decide(List.of(), NOW))
                    .isInstanceOf(RuleLoopException.class);
        }

        @Test
        void aDecisionFromCheckedRulesHasTheUsualShape() {
            var thanks = List.of(new RuleSource("test/console/rules.drl",
                    rule("Feedback( promoter )", "insert(Action.thank());")));

            Decision decision = compiler.compileUntrusted(thanks).orElseThrow()
                    .decide(List.of(nps(10, LoyaltyTier.NONE)), NOW);

            assertThat(decision.firedRules()).containsExactly("Written in the console");
            assertThat(decision.actions()).extracting(Action::type).containsExactly(ActionType.THANK);
        }
    }
}
