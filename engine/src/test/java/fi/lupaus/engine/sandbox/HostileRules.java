package fi.lupaus.engine.sandbox;

import fi.lupaus.engine.ruleset.RuleSource;

/** Rule sets that each take down a server that runs them in its own JVM (issue #12). */
public final class HostileRules {

    private HostileRules() {
    }

    private static RuleSource source(String name, String body) {
        return new RuleSource("hostile/" + name + ".drl", """
                package hostile
                import fi.lupaus.engine.fact.Feedback
                import fi.lupaus.engine.decision.Action
                import java.math.BigDecimal
                import java.util.List
                """ + body);
    }

    /** Query evaluation is no firing: neither the firing bound nor the CPU budget sees it. */
    public static final RuleSource RECURSIVE_QUERY = source("recursive-query", """
            query deeper(int n)
                Feedback()
                deeper( n + 1; )
            end

            rule "Go deeper"
            when
                Feedback()
                deeper( 0; )
            then
                insert(Action.thank());
            end
            """);

    /** Catastrophic backtracking inside one condition: no firing ever ends. */
    public static final RuleSource REGEX = source("regex", """
            rule "Match the impossible"
            when
                Feedback()
                eval( "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".matches("(.*a){25}") )
            then
                insert(Action.thank());
            end
            """);

    public static final RuleSource FORMAT = source("format", """
            rule "Pad a lot"
            when
                Feedback()
                eval( String.format("%1000000000d", 1).length() > 0 )
            then
                insert(Action.thank());
            end
            """);

    public static final RuleSource BIG_DECIMAL = source("big-decimal", """
            rule "Write a big number out"
            when
                Feedback()
                eval( new BigDecimal("1E+999999999").toPlainString().length() > 0 )
            then
                insert(Action.thank());
            end
            """);

    /** Each firing doubles the text: 30 firings make a gigabyte, far below the bound on firings. */
    public static final RuleSource DOUBLING = source("doubling", """
            declare Text
                value : String
            end

            rule "Start a text"
            when
                Feedback()
            then
                insert(new Text("ab"));
            end

            rule "Double the text"
            when
                $text : Text( $value : value )
            then
                modify($text) { setValue($value + $value) }
            end
            """);

    public static final RuleSource BOXED = source("boxed", """
            rule "Box every number"
            when
                Feedback()
                $n : Integer() from String.format("%50000000d", 1).chars().boxed().toList()
            then
                insert(Action.thank());
            end
            """);

    public static final RuleSource ENTRY_POINTS = source("entry-points", """
            rule "Look at every fact"
            when
                Feedback()
                $facts : List() from entryPoints["DEFAULT"].getObjects()
            then
                insert(Action.thank());
            end
            """);

    public static final RuleSource LOOP = source("loop", """
            declare Counter
                n : int
            end

            rule "Start counting"
            when
                Feedback()
            then
                insert(new Counter(0));
            end

            rule "Count without end"
            when
                $counter : Counter( $n : n )
            then
                modify($counter) { setN($n + 1) }
            end
            """);
}
