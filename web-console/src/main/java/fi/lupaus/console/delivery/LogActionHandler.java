package fi.lupaus.console.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.engine.delivery.ActionDelivery;
import fi.lupaus.engine.delivery.ActionHandler;

/** Writes every action to the server log (logger {@code fi.lupaus.actions}): a trail, and a handler to try things with. */
public final class LogActionHandler implements ActionHandler {

    private static final Logger ACTIONS = LoggerFactory.getLogger("fi.lupaus.actions");

    @Override
    public String id() {
        return "log";
    }

    @Override
    public void deliver(ActionDelivery delivery) {
        ACTIONS.info("{}", ActionJson.of(delivery).encode());
    }
}
