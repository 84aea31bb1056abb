package fi.lupaus.engine.guided;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * Writes the rule of a guided promise: plain DRL that a CX manager can read beside the form and
 * that a programmer would have written by hand.
 */
public final class PromiseRuleWriter {

    /** Where the console's promises live among the rule sources. */
    public static final String FOLDER = "fi/lupaus/rules/custom/";

    private PromiseRuleWriter() {
    }

    public static RuleSource write(PromiseForm form) {
        PromiseForm.When when = form.when();
        List<String> conditions = new ArrayList<>();
        switch (when.kind()) {
            case COMPLAINT -> conditions.add("complaint");
            case DETRACTOR -> conditions.add("detractor");
            case PROMOTER -> conditions.add("promoter");
            case LOW_CSAT -> conditions.add("lowCsat");
            case ANY -> { }
        }
        if (when.touchpoint() != null) {
            conditions.add("touchpoint == Touchpoint." + when.touchpoint().name());
        }
        if (when.phase() != null) {
            conditions.add("phase == Phase." + when.phase().name());
        }
        if (when.loyaltyTier() != null) {
            conditions.add("loyaltyTier == LoyaltyTier." + when.loyaltyTier().name());
        }
        if (when.commentMentions() != null) {
            conditions.add("comment != null");
            conditions.add("comment.toLowerCase().contains(\""
                    + when.commentMentions().toLowerCase(Locale.ROOT) + "\")");
        }
        PromiseForm.Then then = form.then();
        if (then.action() == ActionType.OPEN_CASE) {
            conditions.add("$received : receivedAt");
        }

        StringBuilder drl = new StringBuilder()
                .append("// Written in the console's guided mode: ").append(form.title()).append('\n')
                .append("package fi.lupaus.rules.custom\n\n")
                .append("import java.time.Duration\n")
                .append("import fi.lupaus.engine.fact.CustomerCase\n")
                .append("import fi.lupaus.engine.fact.Feedback\n")
                .append("import fi.lupaus.engine.fact.LoyaltyTier\n")
                .append("import fi.lupaus.engine.fact.Phase\n")
                .append("import fi.lupaus.engine.fact.Touchpoint\n")
                .append("import fi.lupaus.engine.decision.Action\n")
                .append("import fi.lupaus.engine.decision.Priority\n\n")
                .append("rule \"").append(form.title()).append("\"\n");
        if (then.action() == ActionType.OPEN_CASE) {
            // The promise is declared on its rule, so that the console and the scoreboard know it.
            drl.append("    @promise(id = \"").append(form.promise()).append("\", text = \"").append(form.title())
                    .append("\",\n             within = \"").append(then.withinHours()).append("h\", owner = \"")
                    .append(then.owner()).append("\")\n");
        }
        drl.append("when\n")
                .append("    Feedback( ").append(String.join(", ", conditions)).append(" )\n");
        if (then.action() == ActionType.OPEN_CASE) {
            drl.append("    not CustomerCase( open, promise == \"").append(form.promise()).append("\" )\n");
        }
        drl.append("then\n")
                .append("    insert(").append(action(form.promise(), then)).append(");\n")
                .append("end\n");
        if (then.action() == ActionType.OPEN_CASE) {
            // One customer, one open case per promise: a further answer joins the open case.
            drl.append("\nrule \"").append(form.title()).append(": a further answer joins the open case\"\n")
                    .append("when\n")
                    .append("    Feedback( ").append(String.join(", ", conditions.subList(0, conditions.size() - 1)))
                    .append(" )\n")
                    .append("    CustomerCase( open, promise == \"").append(form.promise()).append("\", $case : caseId )\n")
                    .append("then\n")
                    .append("    insert(Action.addToCase($case));\n")
                    .append("end\n");
        }
        return new RuleSource(FOLDER + form.promise() + ".drl", drl.toString());
    }

    private static String action(String promise, PromiseForm.Then then) {
        return switch (then.action()) {
            case OPEN_CASE -> "Action.openCase(\"" + promise + "\", \"" + then.owner() + "\", Priority."
                    + then.priority().name() + ",\n            $received.plus(Duration.ofHours(" + then.withinHours() + ")))";
            case THANK -> "Action.thank()";
            case RECOVERY -> "Action.recovery()";
            default -> throw new IllegalArgumentException(then.action() + " is not a guided promise's action");
        };
    }
}
