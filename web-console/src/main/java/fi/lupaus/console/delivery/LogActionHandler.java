package fi.lupaus.console.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import fi.lupaus.engine.delivery.ActionDelivery;
import fi.lupaus.engine.delivery.ActionHandler;
import io.vertx.core.json.JsonObject;

/**
 * Writes every action to the server log (logger {@code fi.lupaus.actions}): a trail, and a handler
 * to try things with. Without the customer id unless LUPAUS_LOG_CUSTOMER_IDS says so: an erasure
 * cannot reach log files.
 */
public final class LogActionHandler implements ActionHandler {

    private static final Logger ACTIONS = LoggerFactory.getLogger("fi.lupaus.actions");

    private final boolean customerIds;

    public LogActionHandler(boolean customerIds) {
        this.customerIds = customerIds;
    }

    @Override
    public String id() {
        return "log";
    }

    @Override
    public void deliver(ActionDelivery delivery) {
        JsonObject action = ActionJson.of(delivery);
        if (!customerIds) {
            action.remove("customerId");
        }
        try (var decision = MDC.putCloseable("decisionId", delivery.decisionId())) {
            ACTIONS.info("{}", action.encode());
        }
    }
}
