package fi.lupaus.console.delivery;

import java.util.Properties;

import fi.lupaus.console.config.ExtensionsConfig;
import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.delivery.ActionDelivery;
import fi.lupaus.engine.delivery.ActionHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Mails the configured action types (by default cases and recovery) to the configured people
 * through SMTP (Jakarta Mail). The delivery id rides in the {@value #DELIVERY_HEADER} header so
 * that a repeat can be recognised.
 */
public final class MailActionHandler implements ActionHandler {

    public static final String DELIVERY_HEADER = "X-Lupaus-Delivery-Id";

    private final ExtensionsConfig.Smtp config;
    private final Session session;

    public MailActionHandler(ExtensionsConfig.Smtp config) {
        this.config = config;
        Properties properties = new Properties();
        String timeout = Long.toString(config.timeout().toMillis());
        properties.put("mail.smtp.host", config.host());
        properties.put("mail.smtp.port", Integer.toString(config.port()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        properties.put("mail.smtp.auth", Boolean.toString(config.username() != null));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(config.startTls()));
        this.session = Session.getInstance(properties);
    }

    @Override
    public String id() {
        return "email";
    }

    @Override
    public boolean accepts(Action action) {
        return config.actions().contains(action.type().name());
    }

    @Override
    public void deliver(ActionDelivery delivery) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(config.from()));
        message.setRecipients(Message.RecipientType.TO,
                InternetAddress.parse(String.join(",", config.to())));
        message.setSubject(subject(delivery), "UTF-8");
        message.setText(body(delivery), "UTF-8");
        message.setHeader(DELIVERY_HEADER, delivery.deliveryId());
        if (config.username() != null) {
            Transport.send(message, config.username(), config.password());
        } else {
            Transport.send(message);
        }
    }

    static String subject(ActionDelivery delivery) {
        Action action = delivery.action();
        StringBuilder subject = new StringBuilder("Lupaus: ").append(action.type());
        if (action.promise() != null) {
            subject.append(' ').append(action.promise());
        }
        return subject.append(" for customer ").append(delivery.customerId()).toString();
    }

    private static String body(ActionDelivery delivery) {
        Action action = delivery.action();
        StringBuilder body = new StringBuilder();
        body.append("Action: ").append(action.type()).append('\n');
        line(body, "Promise", action.promise());
        line(body, "Owner", action.owner());
        line(body, "Priority", action.priority());
        line(body, "Due at", action.dueAt());
        line(body, "Scheduled at", action.scheduledAt());
        line(body, "Customer", delivery.customerId());
        line(body, "Feedback", delivery.feedbackId());
        line(body, "Decision", delivery.decisionId());
        line(body, "Decided at", delivery.decidedAt());
        body.append('\n').append(ActionJson.of(delivery).encodePrettily()).append('\n');
        return body.toString();
    }

    private static void line(StringBuilder body, String name, Object value) {
        if (value != null) {
            body.append(name).append(": ").append(value).append('\n');
        }
    }
}
