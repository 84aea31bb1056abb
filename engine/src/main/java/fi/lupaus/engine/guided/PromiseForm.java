package fi.lupaus.engine.guided;

import java.util.Objects;
import java.util.regex.Pattern;

import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Touchpoint;

/**
 * A promise as a CX manager states it in the console's guided mode, without writing DRL:
 * "complaints about delivery in the web shop are answered by the service team within 12 hours".
 * {@link PromiseRuleWriter} turns it into a rule.
 *
 * @param promise the promise's id, e.g. {@code delivery-complaint-12h}
 * @param title   the promise in the CX manager's words; it becomes the rule's name
 * @param when    which feedback the promise is about
 * @param then    what is done about it
 */
public record PromiseForm(String promise, String title, When when, Then then) {

    static final Pattern PROMISE_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_TITLE = 200;
    static final int MAX_WORD = 60;
    static final int MAX_HOURS = 24 * 90;

    public PromiseForm {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(then, "then");
        require(promise != null && PROMISE_ID.matcher(promise).matches() && promise.length() <= 80,
                "promise", "must be lower-case letters and digits joined by '-', e.g. delivery-complaint-12h");
        require(title != null && !title.isBlank() && title.length() <= MAX_TITLE
                        && title.chars().noneMatch(c -> c == '"' || c == '\\' || Character.isISOControl(c)),
                "title", "must be 1–" + MAX_TITLE + " characters without quotes, backslashes or line breaks");
    }

    /** Which answers the promise is about. */
    public enum Kind {
        ANY, COMPLAINT, DETRACTOR, PROMOTER, LOW_CSAT
    }

    /**
     * @param kind            which answers
     * @param touchpoint      only at this touchpoint, or {@code null} for all
     * @param phase           only in this journey phase, or {@code null} for all
     * @param loyaltyTier     only for customers of this tier, or {@code null} for all
     * @param commentMentions only when the comment mentions this word (any case), or {@code null}
     */
    public record When(Kind kind, Touchpoint touchpoint, Phase phase, LoyaltyTier loyaltyTier,
                       String commentMentions) {

        public When {
            Objects.requireNonNull(kind, "kind");
            if (commentMentions != null) {
                commentMentions = commentMentions.strip();
                require(!commentMentions.isEmpty() && commentMentions.length() <= MAX_WORD
                                && commentMentions.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-'),
                        "when.commentMentions", "must be 1–" + MAX_WORD + " letters, digits, spaces or '-'");
            }
        }
    }

    /**
     * @param action      what is done: a case, a thank-you, or a recovery offer
     * @param owner       who follows a case up (cases only)
     * @param priority    how urgent a case is (cases only)
     * @param withinHours the promised time from the feedback to the case's deadline (cases only)
     */
    public record Then(ActionType action, String owner, Priority priority, int withinHours) {

        public Then {
            Objects.requireNonNull(action, "action");
            require(action == ActionType.OPEN_CASE || action == ActionType.THANK || action == ActionType.RECOVERY,
                    "then.action", "must be OPEN_CASE, THANK or RECOVERY");
            if (action == ActionType.OPEN_CASE) {
                require(owner != null && PROMISE_ID.matcher(owner).matches() && owner.length() <= 80,
                        "then.owner", "must be a team name of lower-case letters and digits joined by '-'");
                require(priority != null, "then.priority", "is required for a case");
                require(withinHours >= 1 && withinHours <= MAX_HOURS,
                        "then.withinHours", "must be 1–" + MAX_HOURS + " hours");
            }
        }
    }

    private static void require(boolean holds, String field, String reason) {
        if (!holds) {
            throw new InvalidPromiseFormException(field, reason);
        }
    }
}
