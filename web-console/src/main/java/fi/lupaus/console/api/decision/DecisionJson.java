package fi.lupaus.console.api.decision;

import java.time.Instant;
import java.util.Locale;

import fi.lupaus.engine.audit.Explanation;
import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.Decision;
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
        return new JsonObject()
                .put("decisionId", record.decisionId())
                .put("feedbackId", record.feedback().id())
                .put("customerId", record.feedback().customerId())
                .put("ruleSetVersion", decision.ruleSetVersion())
                .put("decidedAt", decision.decidedAt().toString())
                .put("firedRules", new JsonArray(decision.firedRules()))
                .put("actions", actions);
    }

    /** A decision with the feedback it was made for, as the decisions API answers it. */
    public static JsonObject decisionWithFeedback(DecisionRecord record) {
        return decision(record).put("feedback", feedback(record.feedback()));
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
