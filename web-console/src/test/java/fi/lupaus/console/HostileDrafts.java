package fi.lupaus.console;

/** Drafts that each took the server down before the sandbox (issue #12); the engine's SandboxTest has the same. */
final class HostileDrafts {

    private HostileDrafts() {
    }

    private static final String HEAD = """
            package hostile
            import fi.lupaus.engine.fact.Feedback
            import fi.lupaus.engine.fact.Survey
            import fi.lupaus.engine.fact.Touchpoint
            import fi.lupaus.engine.decision.Action
            import java.math.BigDecimal
            import java.util.List
            """;

    static final String RECURSIVE_QUERY = HEAD + """
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
            """;

    static final String REGEX = HEAD + """
            rule "Match the impossible"
            when
                Feedback()
                eval( "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".matches("(.*a){25}") )
            then
                insert(Action.thank());
            end
            """;

    static final String FORMAT = HEAD + """
            rule "Pad a lot"
            when
                Feedback()
                eval( String.format("%1000000000d", 1).length() > 0 )
            then
                insert(Action.thank());
            end
            """;

    static final String ENTRY_POINTS = HEAD + """
            rule "Look at every fact"
            when
                Feedback()
                $facts : List() from entryPoints["DEFAULT"].getObjects()
            then
                insert(Action.thank());
            end
            """;

    static final String LOOP = HEAD + """
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
            """;

    /**
     * Fails only on CSAT feedback from social media, which no scenario of the usual kind has: a
     * case without its promise. The guard has nothing against it; only deciding shows it.
     */
    static final String FAILS_ON_SOCIAL_CSAT = """
            package hostile
            import fi.lupaus.engine.fact.Feedback
            import fi.lupaus.engine.fact.Survey
            import fi.lupaus.engine.fact.Touchpoint
            import fi.lupaus.engine.decision.Action
            import fi.lupaus.engine.decision.Priority

            rule "Open a case for social CSAT without a promise"
            when
                Feedback( survey == Survey.CSAT, touchpoint == Touchpoint.SOCIAL )
            then
                insert(Action.openCase(null, "social-team", Priority.NORMAL, null));
            end
            """;
}
