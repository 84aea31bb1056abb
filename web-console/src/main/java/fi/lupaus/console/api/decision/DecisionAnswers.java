package fi.lupaus.console.api.decision;

import java.time.Instant;
import java.util.Locale;

import fi.lupaus.engine.audit.Explanation;
import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.CaseDue;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.log.DecisionRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The wire format of decisions and feedback in answers. */
public final class DecisionJson {

    private DecisionJson() {
    }

    /** A decision as the feedback API answers it. */
    public static JsonObject decision(DecisionRecord record) {
        Decision decision = record.decision();
        JsonArray actions = new JsonArray();
        decision.actions().forEach(action -> actions.add(action(action)));
        JsonObject json = new JsonObject().put("decisionId", record.decisionId());
        if (record.feedback() != null) {
            json.put("feedbackId", record.feedback().id());
        } else {
            json.put("caseId", record.context().caseDue().caseId());
        }
        return json
                .put("customerId", record.customerId())
                .put("ruleSetVersion", decision.ruleSetVersion())
                .put("decidedAt", decision.decidedAt().toString())
                .put("firedRules", new JsonArray(decision.firedRules()))
                .put("actions", actions);
    }

    /**
     * A decision with the feedback it was made for and the context it was given, as the decisions
     * API answers it.
     */
    public static JsonObject decisionWithFeedback(DecisionRecord record) {
        JsonObject json = decision(record);
        if (record.feedback() != null) {
            json.put("feedback", feedback(record.feedback()));
        }
        if (!record.context().isEmpty()) {
            json.put("context", context(record.context()));
        }
        return json;
    }

    /** The facts given besides the feedback, as they were recorded. */
    static JsonObject context(DecisionContext context) {
        JsonObject json = new JsonObject();
        JsonArray answers = new JsonArray();
        context.previousAnswers().forEach(answer -> answers.add(new JsonObject().put("feedbackId", answer.feedbackId())
                .put("receivedAt", answer.receivedAt().toString()).put("survey", answer.survey().name())
                .put("score", answer.score()).put("complaint", answer.complaint())));
        json.put("previousAnswers", answers);
        JsonArray cases = new JsonArray();
        context.cases().forEach(one -> {
            JsonObject c = new JsonObject().put("caseId", one.caseId()).put("promise", one.promise())
                    .put("owner", one.owner()).put("state", lower(one.state()));
            putIfPresent(c, "receivedAt", one.receivedAt());
            putIfPresent(c, "dueAt", one.dueAt());
            putIfPresent(c, "resolvedAt", one.resolvedAt());
            cases.add(c);
        });
        json.put("cases", cases);
        if (context.lastContact() != null) {
            json.put("lastContact", new JsonObject().put("type", context.lastContact().type().name())
                    .put("at", context.lastContact().at().toString()));
        }
        if (context.calendar() != null) {
            json.put("timeZone", context.calendar().timeZone());
        }
        if (!context.attributes().isEmpty()) {
            JsonArray attributes = new JsonArray();
            context.attributes().forEach(attribute -> attributes.add(new JsonObject().put("name", attribute.name())
                    .put("value", attribute.value())));
            json.put("attributes", attributes);
        }
        CaseDue due = context.caseDue();
        if (due != null) {
            json.put("caseDue", new JsonObject().put("caseId", due.caseId()).put("promise", due.promise())
                    .put("owner", due.owner()).put("state", lower(due.state()))
                    .put("receivedAt", due.receivedAt().toString()).put("dueAt", due.dueAt().toString())
                    .put("at", due.at().toString()).put("percentUsed", due.getPercentUsed())
                    .put("stagesDone", new JsonArray(due.stagesDone().stream().sorted().toList())));
        }
        return json;
    }

    public static JsonObject action(Action action) {
        JsonObject json = new JsonObject().put("type", action.type().name());
        putIfPresent(json, "promise", action.promise());
        putIfPresent(json, "owner", action.owner());
        if (action.priority() != null) {
            json.put("priority", lower(action.priority()));
        }
        putIfPresent(json, "dueAt", action.dueAt());
        putIfPresent(json, "scheduledAt", action.scheduledAt());
        if (action.loyaltyBenefit()) {
            json.put("loyaltyBenefit", true);
        }
        putIfPresent(json, "caseId", action.caseId());
        putIfPresent(json, "stage", action.stage());
        return json;
    }

    public static JsonObject feedback(Feedback feedback) {
        JsonObject json = new JsonObject()
                .put("id", feedback.id())
                .put("customerId", feedback.customerId())
                .put("receivedAt", feedback.receivedAt().toString())
                .put("touchpoint", lower(feedback.touchpoint()))
                .put("phase", lower(feedback.phase()))
                .put("survey", feedback.survey().name())
                .put("score", feedback.score());
        putIfPresent(json, "comment", feedback.comment());
        json.put("complaint", feedback.complaint());
        putIfPresent(json, "orderId", feedback.orderId());
        return json.put("loyaltyTier", lower(feedback.loyaltyTier()));
    }

    /** Why each rule fired or not, condition by condition, in plain words. */
    public static JsonObject explanation(Explanation explanation) {
        JsonArray rules = new JsonArray();
        for (Explanation.RuleExplanation rule : explanation.rules()) {
            JsonArray conditions = new JsonArray();
            String because = null;
            for (Explanation.Condition condition : rule.conditions()) {
                conditions.add(new JsonObject().put("fact", condition.pattern())
                        .put("condition", condition.expression())
                        .put("held", condition.held() == null ? "not reached" : condition.held() ? "yes" : "no"));
                if (because == null && Boolean.FALSE.equals(condition.held())) {
                    because = "'" + condition.expression() + "' did not hold for the " + condition.pattern();
                }
            }
            JsonObject json = new JsonObject().put("rule", rule.rule()).put("fired", rule.fired())
                    .put("conditions", conditions);
            if (!rule.fired() && because != null) {
                json.put("because", because);
            }
            if (!rule.detailed()) {
                json.put("note", "this rule's conditions use constructs that are not explained one by one");
            }
            rules.add(json);
        }
        return new JsonObject().put("decisionId", explanation.decisionId())
                .put("ruleSetVersion", explanation.ruleSetVersion()).put("rules", rules);
    }

    private static void putIfPresent(JsonObject json, String key, Object value) {
        if (value instanceof Instant instant) {
            json.put(key, instant.toString());
        } else if (value != null) {
            json.put(key, value);
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
