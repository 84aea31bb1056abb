package fi.lupaus.console.api.decision;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import fi.lupaus.engine.audit.Explanation;
import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.CaseDue;
import fi.lupaus.engine.fact.CustomerAttribute;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.PreviousAnswer;
import fi.lupaus.engine.log.DecisionRecord;

/**
 * Decisions, their actions, feedback and explanations as the API answers them (written by
 * {@link fi.lupaus.console.api.Answers}: a member that is {@code null} is left out). Actions as
 * handlers send them and as shadow runs keep them are these too.
 */
public final class DecisionAnswers {

    private DecisionAnswers() {
    }

    /** A decision; {@code feedback} and {@code context} only where the decisions API shows them. */
    public record DecisionAnswer(String decisionId, String feedbackId, String caseId, String customerId,
                                 String ruleSetVersion, String decidedAt, List<String> firedRules,
                                 List<ActionAnswer> actions, FeedbackAnswer feedback, ContextAnswer context) {
    }

    /** {@code loyaltyBenefit} is there only when true. */
    public record ActionAnswer(String type, String promise, String owner, String priority, String dueAt,
                               String scheduledAt, Boolean loyaltyBenefit, String caseId, String stage) {
    }

    public record FeedbackAnswer(String id, String customerId, String receivedAt, String touchpoint, String phase,
                                 String survey, int score, String comment, boolean complaint, String orderId,
                                 String loyaltyTier) {
    }

    /** The facts given besides the feedback, as they were recorded. */
    public record ContextAnswer(List<PreviousAnswerAnswer> previousAnswers, List<CaseAnswer> cases,
                                LastContactAnswer lastContact, String timeZone, List<CustomerAttribute> attributes,
                                CaseDueAnswer caseDue) {
    }

    public record PreviousAnswerAnswer(String feedbackId, String receivedAt, String survey, int score,
                                       boolean complaint) {
    }

    public record CaseAnswer(String caseId, String promise, String owner, String state, String receivedAt,
                             String dueAt, String resolvedAt) {
    }

    public record LastContactAnswer(String type, String at) {
    }

    public record CaseDueAnswer(String caseId, String promise, String owner, String state, String receivedAt,
                                String dueAt, String at, int percentUsed, List<String> stagesDone) {
    }

    public record ExplanationAnswer(String decisionId, String ruleSetVersion, List<RuleAnswer> rules) {
    }

    /** {@code because} names the first condition that did not hold; {@code note} says when conditions are not shown one by one. */
    public record RuleAnswer(String rule, boolean fired, List<ConditionAnswer> conditions, String because,
                             String note) {
    }

    /** {@code held}: yes, no or not reached. */
    public record ConditionAnswer(String fact, String condition, String held) {
    }

    /** A decision as the feedback API answers it. */
    public static DecisionAnswer decision(DecisionRecord record) {
        return decision(record, null, null);
    }

    /** A decision with the feedback it was made for and the context it was given, as the decisions API answers it. */
    public static DecisionAnswer decisionWithFeedback(DecisionRecord record) {
        return decision(record, record.feedback() == null ? null : feedback(record.feedback()),
                record.context().isEmpty() ? null : context(record.context()));
    }

    private static DecisionAnswer decision(DecisionRecord record, FeedbackAnswer feedback, ContextAnswer context) {
        var decision = record.decision();
        return new DecisionAnswer(record.decisionId(),
                record.feedback() != null ? record.feedback().id() : null,
                record.feedback() != null ? null : record.context().caseDue().caseId(),
                record.customerId(), decision.ruleSetVersion(), decision.decidedAt().toString(),
                decision.firedRules(), actions(decision.actions()), feedback, context);
    }

    public static List<ActionAnswer> actions(List<Action> actions) {
        return actions.stream().map(DecisionAnswers::action).toList();
    }

    public static ActionAnswer action(Action action) {
        return new ActionAnswer(action.type().name(), action.promise(), action.owner(), lower(action.priority()),
                text(action.dueAt()), text(action.scheduledAt()), action.loyaltyBenefit() ? Boolean.TRUE : null,
                action.caseId(), action.stage());
    }

    public static FeedbackAnswer feedback(Feedback feedback) {
        return new FeedbackAnswer(feedback.id(), feedback.customerId(), feedback.receivedAt().toString(),
                lower(feedback.touchpoint()), lower(feedback.phase()), feedback.survey().name(), feedback.score(),
                feedback.comment(), feedback.complaint(), feedback.orderId(), lower(feedback.loyaltyTier()));
    }

    static ContextAnswer context(DecisionContext context) {
        return new ContextAnswer(
                context.previousAnswers().stream().map(DecisionAnswers::previousAnswer).toList(),
                context.cases().stream().map(DecisionAnswers::customerCase).toList(),
                context.lastContact() == null ? null
                        : new LastContactAnswer(context.lastContact().type().name(), context.lastContact().at().toString()),
                context.calendar() == null ? null : context.calendar().timeZone(),
                context.attributes().isEmpty() ? null : context.attributes(),
                caseDue(context.caseDue()));
    }

    private static PreviousAnswerAnswer previousAnswer(PreviousAnswer answer) {
        return new PreviousAnswerAnswer(answer.feedbackId(), answer.receivedAt().toString(), answer.survey().name(),
                answer.score(), answer.complaint());
    }

    private static CaseAnswer customerCase(CustomerCase one) {
        return new CaseAnswer(one.caseId(), one.promise(), one.owner(), lower(one.state()), text(one.receivedAt()),
                text(one.dueAt()), text(one.resolvedAt()));
    }

    private static CaseDueAnswer caseDue(CaseDue due) {
        return due == null ? null : new CaseDueAnswer(due.caseId(), due.promise(), due.owner(), lower(due.state()),
                due.receivedAt().toString(), due.dueAt().toString(), due.at().toString(), due.getPercentUsed(),
                due.stagesDone().stream().sorted().toList());
    }

    /** Why each rule fired or not, condition by condition, in plain words. */
    public static ExplanationAnswer explanation(Explanation explanation) {
        return new ExplanationAnswer(explanation.decisionId(), explanation.ruleSetVersion(),
                explanation.rules().stream().map(DecisionAnswers::rule).toList());
    }

    private static RuleAnswer rule(Explanation.RuleExplanation rule) {
        String because = null;
        for (Explanation.Condition condition : rule.conditions()) {
            if (Boolean.FALSE.equals(condition.held())) {
                because = "'" + condition.expression() + "' did not hold for the " + condition.pattern();
                break;
            }
        }
        return new RuleAnswer(rule.rule(), rule.fired(), rule.conditions().stream()
                .map(condition -> new ConditionAnswer(condition.pattern(), condition.expression(),
                        condition.held() == null ? "not reached" : condition.held() ? "yes" : "no"))
                .toList(),
                rule.fired() ? null : because,
                rule.detailed() ? null : "this rule's conditions use constructs that are not explained one by one");
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
