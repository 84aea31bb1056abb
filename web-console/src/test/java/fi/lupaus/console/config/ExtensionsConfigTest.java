package fi.lupaus.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class ExtensionsConfigTest {

    /** The defaults file, as the server reads it first. */
    private static JsonObject defaults() throws Exception {
        try (var in = ExtensionsConfig.class.getClassLoader().getResourceAsStream("lupaus-defaults.json")) {
            return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The defaults in the table of settings (docs/configuration.md), written out rather than taken from the code. */
    @Test
    void theDefaultsFileGivesTheDocumentedDefaultsWithoutWebhookOrMail() throws Exception {
        ExtensionsConfig config = ExtensionsConfig.from(defaults());

        assertThat(config.pluginsDir()).isEqualTo(Path.of("./plugins"));
        assertThat(config.outbox().poll()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.outbox().maxAttempts()).isEqualTo(10);
        assertThat(config.outbox().firstBackoff()).isEqualTo(Duration.ofMillis(1000));
        assertThat(config.outbox().maxBackoff()).isEqualTo(Duration.ofMillis(3_600_000));
        assertThat(config.outbox().logActions()).isTrue();
        assertThat(config.outbox().keepDelivered()).isEqualTo(Duration.ofDays(30));
        assertThat(config.webhook()).isNull();
        assertThat(config.smtp()).isNull();
        // What the code calls its defaults is what the file gives.
        assertThat(ExtensionsConfig.defaults()).isEqualTo(config);
    }

    @Test
    void aWebhookAndMailAreOnWhenTheirAddressesAreSetWithTheDocumentedDefaultsForTheRest() throws Exception {
        ExtensionsConfig config = ExtensionsConfig.from(defaults()
                .put("LUPAUS_WEBHOOK_URL", "https://crm.example.com/lupaus")
                .put("LUPAUS_WEBHOOK_SECRET", "0123456789abcdef0123")
                .put("LUPAUS_SMTP_HOST", "smtp.example.com")
                .put("LUPAUS_SMTP_TO", "service@example.com, lead@example.com"));

        assertThat(config.webhook()).isEqualTo(new ExtensionsConfig.Webhook("https://crm.example.com/lupaus",
                "0123456789abcdef0123", Duration.ofMillis(5000)));
        assertThat(config.smtp()).isEqualTo(new ExtensionsConfig.Smtp("smtp.example.com", 25, null, null, false,
                "lupaus@localhost", List.of("service@example.com", "lead@example.com"),
                List.of("OPEN_CASE", "RECOVERY"), Duration.ofMillis(10_000)));
    }

    @Test
    void aWebhookWithoutASecretOrMailWithoutRecipientsIsRefused() throws Exception {
        assertThatThrownBy(() -> ExtensionsConfig.from(defaults().put("LUPAUS_WEBHOOK_URL", "https://crm.example.com")))
                .hasMessageContaining("LUPAUS_WEBHOOK_SECRET");
        assertThatThrownBy(() -> ExtensionsConfig.from(defaults().put("LUPAUS_SMTP_HOST", "smtp.example.com")))
                .hasMessageContaining("LUPAUS_SMTP_TO");
        assertThatThrownBy(() -> ExtensionsConfig.from(defaults().put("LUPAUS_LOG_ACTIONS", "sometimes")))
                .hasMessageContaining("LUPAUS_LOG_ACTIONS must be true or false");
    }
}
