package fi.lupaus.console.delivery;

import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.decision.DecisionAnswers;
import fi.lupaus.engine.delivery.ActionDelivery;
import io.vertx.core.json.JsonObject;

/**
 * An action as handlers send it: the action with the decision it came from. A tree, not a record,
 * since a handler may leave out a member (the log handler the customer).
 */
public final class ActionJson {

    private ActionJson() {
    }

    public static JsonObject of(ActionDelivery delivery) {
        return new JsonObject()
                .put("deliveryId", delivery.deliveryId())
                .put("attempt", delivery.attempt())
                .put("decisionId", delivery.decisionId())
                .put("feedbackId", delivery.feedbackId())
                .put("customerId", delivery.customerId())
                .put("ruleSetVersion", delivery.ruleSetVersion())
                .put("decidedAt", delivery.decidedAt().toString())
                .put("actionIndex", delivery.actionIndex())
                .put("action", new JsonObject(Answers.encode(DecisionAnswers.action(delivery.action()))));
    }
}
