package fi.lupaus.engine.guided;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * Reads a guided promise's form back from the rule {@link PromiseRuleWriter} wrote, so that the
 * promise can be opened in the form again. Only a rule exactly as the writer would write it is
 * read: one changed by hand since answers nothing, and is edited as DRL.
 */
public final class PromiseRuleReader {

    private static final Pattern TITLE = Pattern.compile("\\A// Written in the console's guided mode: (.+)\\n");
    private static final Pattern CONDITIONS = Pattern.compile("\\nwhen\\n    Feedback\\( (.*) \\)\\n");
    private static final Pattern OPEN_CASE = Pattern.compile(
            "Action\\.openCase\\(\"[^\"]*\", \"([^\"]*)\", Priority\\.(\\w+),\\s+\\$received\\.plus\\(Duration\\.ofHours\\((\\d+)\\)\\)\\)");
    private static final Pattern MENTIONS = Pattern.compile("comment\\.toLowerCase\\(\\)\\.contains\\(\"([^\"]*)\"\\)");

    private PromiseRuleReader() {
    }

    /** The form that writes exactly this source, or empty when no form does. */
    public static Optional<PromiseForm> read(RuleSource source) {
        try {
            return Optional.ofNullable(form(source)).filter(form -> PromiseRuleWriter.write(form).equals(source));
        } catch (RuntimeException e) {
            // A form the writer refuses (InvalidPromiseFormException) or text of another shape: not a guided promise.
            return Optional.empty();
        }
    }

    private static PromiseForm form(RuleSource source) {
        String name = source.name();
        if (!name.startsWith(PromiseRuleWriter.FOLDER) || !name.endsWith(".drl")) {
            return null;
        }
        String promise = name.substring(PromiseRuleWriter.FOLDER.length(), name.length() - ".drl".length());
        String drl = source.drl();
        Matcher title = TITLE.matcher(drl);
        Matcher conditions = CONDITIONS.matcher(drl);
        if (!title.find() || !conditions.find()) {
            return null;
        }
        PromiseForm.Kind kind = PromiseForm.Kind.ANY;
        Touchpoint touchpoint = null;
        Phase phase = null;
        LoyaltyTier tier = null;
        String mentions = null;
        for (String condition : conditions.group(1).split(", ")) {
            switch (condition) {
                case "complaint" -> kind = PromiseForm.Kind.COMPLAINT;
                case "detractor" -> kind = PromiseForm.Kind.DETRACTOR;
                case "promoter" -> kind = PromiseForm.Kind.PROMOTER;
                case "lowCsat" -> kind = PromiseForm.Kind.LOW_CSAT;
                case "", "comment != null", "$received : receivedAt" -> { }
                default -> {
                    if (condition.startsWith("touchpoint == Touchpoint.")) {
                        touchpoint = constant(Touchpoint.class, condition);
                    } else if (condition.startsWith("phase == Phase.")) {
                        phase = constant(Phase.class, condition);
                    } else if (condition.startsWith("loyaltyTier == LoyaltyTier.")) {
                        tier = constant(LoyaltyTier.class, condition);
                    } else {
                        Matcher word = MENTIONS.matcher(condition);
                        if (!word.matches()) {
                            return null;
                        }
                        mentions = word.group(1);
                    }
                }
            }
        }
        PromiseForm.Then then;
        Matcher openCase = OPEN_CASE.matcher(drl);
        if (openCase.find()) {
            then = new PromiseForm.Then(ActionType.OPEN_CASE, openCase.group(1), Priority.valueOf(openCase.group(2)),
                    Integer.parseInt(openCase.group(3)));
        } else if (drl.contains("insert(Action.thank());")) {
            then = new PromiseForm.Then(ActionType.THANK, null, null, 0);
        } else if (drl.contains("insert(Action.recovery());")) {
            then = new PromiseForm.Then(ActionType.RECOVERY, null, null, 0);
        } else {
            return null;
        }
        return new PromiseForm(promise, title.group(1), new PromiseForm.When(kind, touchpoint, phase, tier, mentions), then);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String condition) {
        String name = condition.substring(condition.lastIndexOf('.') + 1);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
