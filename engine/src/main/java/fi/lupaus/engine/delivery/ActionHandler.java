package fi.lupaus.engine.delivery;

import org.pf4j.ExtensionPoint;

import fi.lupaus.engine.decision.Action;

/**
 * Extension point {@value #EXTENSION_POINT}: delivers a decided action somewhere — a webhook,
 * an e-mail, a helpdesk, a CRM.
 *
 * <p>Contract: actions come through the outbox, after their decision is durable, never on the
 * path that decides. For every action of every decision, each handler that {@link #accepts}
 * it gets one delivery, <em>at least once</em>: {@link #deliver} is called on a delivery
 * thread (blocking is fine, but bound it with a timeout) and is done when it returns; when it
 * throws, the delivery is tried again later with exponential backoff, and after the configured
 * number of attempts it goes to the dead-letter list, from which people retry it. A delivery
 * may therefore arrive twice: use {@link ActionDelivery#deliveryId()} to recognise a repeat.
 * {@link #accepts} must be quick and a pure function of the action.
 */
public interface ActionHandler extends ExtensionPoint {

    String EXTENSION_POINT = "fi.lupaus.action-handler/1";

    /** A stable identifier, unique among handlers, e.g. {@code webhook}; deliveries name it. */
    String id();

    /** Whether this handler delivers the action; by default every action. */
    default boolean accepts(Action action) {
        return true;
    }

    /** Delivers one action; returns when it is delivered, throws when it should be tried again. */
    void deliver(ActionDelivery delivery) throws Exception;
}
