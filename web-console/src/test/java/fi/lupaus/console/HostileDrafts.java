package fi.lupaus.console;

/** Drafts the server tests use beside the engine's hostile rules (fi.lupaus.engine.sandbox.HostileRules). */
final class HostileDrafts {

    private HostileDrafts() {
    }

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
