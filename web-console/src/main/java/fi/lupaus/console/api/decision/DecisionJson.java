package fi.lupaus.console.api.decision;

import java.time.Instant;
import java.util.Locale;

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

    static JsonObject feedback(Feedback feedback) {
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
