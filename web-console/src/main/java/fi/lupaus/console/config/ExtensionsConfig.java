package fi.lupaus.console.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * How Lupaus is extended and how it delivers actions, read like {@link LupausConfig}: the
 * defaults file, then the environment, then system properties. Every key is in docs/configuration.md.
 *
 * @param pluginsDir LUPAUS_PLUGINS_DIR: where plugin jars are dropped (default {@code ./plugins})
 * @param outbox     how actions are delivered and retried
 * @param webhook    the webhook handler, or {@code null} when LUPAUS_WEBHOOK_URL is not set
 * @param smtp       the e-mail handler, or {@code null} when LUPAUS_SMTP_HOST is not set
 */
public record ExtensionsConfig(Path pluginsDir, Outbox outbox, Webhook webhook, Smtp smtp) {

    static final List<String> KEYS = List.of("LUPAUS_PLUGINS_DIR", "LUPAUS_OUTBOX_POLL_MS",
            "LUPAUS_OUTBOX_MAX_ATTEMPTS", "LUPAUS_OUTBOX_BACKOFF_MS", "LUPAUS_OUTBOX_MAX_BACKOFF_MS",
            "LUPAUS_LOG_ACTIONS", "LUPAUS_OUTBOX_KEEP_DELIVERED_DAYS", "LUPAUS_WEBHOOK_URL", "LUPAUS_WEBHOOK_SECRET", "LUPAUS_WEBHOOK_TIMEOUT_MS",
            "LUPAUS_SMTP_HOST", "LUPAUS_SMTP_PORT", "LUPAUS_SMTP_USERNAME", "LUPAUS_SMTP_PASSWORD",
            "LUPAUS_SMTP_STARTTLS", "LUPAUS_SMTP_FROM", "LUPAUS_SMTP_TO", "LUPAUS_SMTP_ACTIONS",
            "LUPAUS_SMTP_TIMEOUT_MS");

    /**
     * @param poll         LUPAUS_OUTBOX_POLL_MS: how often the outbox looks for new decisions and due deliveries
     * @param maxAttempts  LUPAUS_OUTBOX_MAX_ATTEMPTS: attempts before a delivery is dead
     * @param firstBackoff LUPAUS_OUTBOX_BACKOFF_MS: the wait after the first failure; it doubles each time
     * @param maxBackoff   LUPAUS_OUTBOX_MAX_BACKOFF_MS: the longest wait between attempts
     * @param logActions   LUPAUS_LOG_ACTIONS: whether the log handler writes every action to the server log
     * @param keepDelivered LUPAUS_OUTBOX_KEEP_DELIVERED_DAYS: how long delivered deliveries stay listed
     */
    public record Outbox(Duration poll, int maxAttempts, Duration firstBackoff, Duration maxBackoff,
                         boolean logActions, Duration keepDelivered) {

        /** Delivered deliveries kept for 30 days. */
        public Outbox(Duration poll, int maxAttempts, Duration firstBackoff, Duration maxBackoff, boolean logActions) {
            this(poll, maxAttempts, firstBackoff, maxBackoff, logActions, Duration.ofDays(30));
        }
    }

    /**
     * @param url     LUPAUS_WEBHOOK_URL: where every action is POSTed as JSON
     * @param secret  LUPAUS_WEBHOOK_SECRET: the key of the HMAC-SHA256 signature over the body
     * @param timeout LUPAUS_WEBHOOK_TIMEOUT_MS: how long one attempt may take
     */
    public record Webhook(String url, String secret, Duration timeout) {

        public Webhook {
            if (secret == null || secret.length() < 16) {
                throw new IllegalArgumentException(
                        "LUPAUS_WEBHOOK_SECRET of at least 16 characters must be set with LUPAUS_WEBHOOK_URL");
            }
        }
    }

    /**
     * @param host     LUPAUS_SMTP_HOST
     * @param port     LUPAUS_SMTP_PORT
     * @param username LUPAUS_SMTP_USERNAME, or {@code null} for no authentication
     * @param password LUPAUS_SMTP_PASSWORD
     * @param startTls LUPAUS_SMTP_STARTTLS: whether to require STARTTLS
     * @param from     LUPAUS_SMTP_FROM: the sender address
     * @param to       LUPAUS_SMTP_TO: who gets the mails, comma-separated
     * @param actions  LUPAUS_SMTP_ACTIONS: the action types mailed, comma-separated
     * @param timeout  LUPAUS_SMTP_TIMEOUT_MS: how long connecting and each command may take
     */
    public record Smtp(String host, int port, String username, String password, boolean startTls, String from,
                       List<String> to, List<String> actions, Duration timeout) {

        public Smtp {
            if (to.isEmpty()) {
                throw new IllegalArgumentException("LUPAUS_SMTP_TO must be set with LUPAUS_SMTP_HOST");
            }
        }
    }

    /** The defaults of lupaus-defaults.json, without webhook and e-mail. */
    public static ExtensionsConfig defaults() {
        return new ExtensionsConfig(Path.of("./plugins"),
                new Outbox(Duration.ofMillis(500), 10, Duration.ofSeconds(1), Duration.ofHours(1), true), null, null);
    }

    public ExtensionsConfig withPluginsDir(Path directory) {
        return new ExtensionsConfig(directory, outbox, webhook, smtp);
    }

    public ExtensionsConfig withOutbox(Outbox changed) {
        return new ExtensionsConfig(pluginsDir, changed, webhook, smtp);
    }

    public ExtensionsConfig withWebhook(Webhook changed) {
        return new ExtensionsConfig(pluginsDir, outbox, changed, smtp);
    }

    public ExtensionsConfig withSmtp(Smtp changed) {
        return new ExtensionsConfig(pluginsDir, outbox, webhook, changed);
    }

    public static Future<ExtensionsConfig> load(Vertx vertx) {
        return LupausConfig.retrieve(vertx, KEYS).map(ExtensionsConfig::from);
    }

    static ExtensionsConfig from(JsonObject json) {
        Outbox outbox = new Outbox(millis(json, "LUPAUS_OUTBOX_POLL_MS"), positive(json, "LUPAUS_OUTBOX_MAX_ATTEMPTS"),
                millis(json, "LUPAUS_OUTBOX_BACKOFF_MS"), millis(json, "LUPAUS_OUTBOX_MAX_BACKOFF_MS"),
                flag(json, "LUPAUS_LOG_ACTIONS"), Duration.ofDays(positive(json, "LUPAUS_OUTBOX_KEEP_DELIVERED_DAYS")));
        String url = LupausConfig.optional(json, "LUPAUS_WEBHOOK_URL");
        Webhook webhook = url == null ? null : new Webhook(url, LupausConfig.optional(json, "LUPAUS_WEBHOOK_SECRET"),
                millis(json, "LUPAUS_WEBHOOK_TIMEOUT_MS"));
        String host = LupausConfig.optional(json, "LUPAUS_SMTP_HOST");
        Smtp smtp = host == null ? null : new Smtp(host, positive(json, "LUPAUS_SMTP_PORT"),
                LupausConfig.optional(json, "LUPAUS_SMTP_USERNAME"), LupausConfig.optional(json, "LUPAUS_SMTP_PASSWORD"),
                flag(json, "LUPAUS_SMTP_STARTTLS"), LupausConfig.text(json, "LUPAUS_SMTP_FROM"),
                list(json, "LUPAUS_SMTP_TO"), list(json, "LUPAUS_SMTP_ACTIONS"), millis(json, "LUPAUS_SMTP_TIMEOUT_MS"));
        return new ExtensionsConfig(Path.of(LupausConfig.text(json, "LUPAUS_PLUGINS_DIR")), outbox, webhook, smtp);
    }

    private static Duration millis(JsonObject json, String key) {
        return Duration.ofMillis(positive(json, key));
    }

    private static int positive(JsonObject json, String key) {
        int value = LupausConfig.number(json, key);
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + value);
        }
        return value;
    }

    private static boolean flag(JsonObject json, String key) {
        String value = LupausConfig.text(json, key);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static List<String> list(JsonObject json, String key) {
        String value = LupausConfig.optional(json, key);
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }
}
