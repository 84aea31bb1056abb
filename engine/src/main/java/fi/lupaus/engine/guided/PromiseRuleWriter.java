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
                .append("import fi.lupaus.engine.fact.Feedback\n")
                .append("import fi.lupaus.engine.fact.LoyaltyTier\n")
                .append("import fi.lupaus.engine.fact.Phase\n")
                .append("import fi.lupaus.engine.fact.Touchpoint\n")
                .append("import fi.lupaus.engine.decision.Action\n")
                .append("import fi.lupaus.engine.decision.Priority\n\n")
                .append("rule \"").append(form.title()).append("\"\n")
                .append("when\n")
                .append("    Feedback( ").append(String.join(", ", conditions)).append(" )\n")
                .append("then\n")
                .append("    insert(").append(action(form.promise(), then)).append(");\n")
                .append("end\n");
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
