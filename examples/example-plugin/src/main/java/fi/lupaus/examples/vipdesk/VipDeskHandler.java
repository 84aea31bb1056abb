package fi.lupaus.examples.vipdesk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.pf4j.Extension;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.delivery.ActionDelivery;
import fi.lupaus.engine.delivery.ActionHandler;

/**
 * Hands the VIP desk its callbacks: each case of the promise becomes one line in the desk's
 * inbox file, delivery id, customer and call-back deadline separated by tabs (a stand-in for a
 * helpdesk API). The file is the system property
 * {@value #INBOX_PROPERTY}, else the environment variable {@value #INBOX_ENV}, else
 * {@code vip-desk-inbox.tsv} in the working directory.
 */
@Extension
public final class VipDeskHandler implements ActionHandler {

    static final String INBOX_PROPERTY = "lupaus.example.inbox";
    static final String INBOX_ENV = "LUPAUS_EXAMPLE_INBOX";

    @Override
    public String id() {
        return "vip-desk";
    }

    @Override
    public boolean accepts(Action action) {
        return action.type() == ActionType.OPEN_CASE && VipDeskRules.PROMISE.equals(action.promise());
    }

    /** At least once: a repeat carries the same delivery id, which the desk can skip. */
    @Override
    public void deliver(ActionDelivery delivery) throws IOException {
        String line = String.join("\t", delivery.deliveryId(), delivery.customerId(),
                delivery.action().dueAt().toString()) + "\n";
        Files.writeString(inbox(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static Path inbox() {
        String configured = System.getProperty(INBOX_PROPERTY, System.getenv(INBOX_ENV));
        return Path.of(configured != null ? configured : "vip-desk-inbox.tsv");
    }
}
