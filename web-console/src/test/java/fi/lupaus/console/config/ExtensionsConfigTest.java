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

    @Test
    void theDefaultsFileGivesTheDocumentedDefaultsWithoutWebhookOrMail() throws Exception {
        ExtensionsConfig config = ExtensionsConfig.from(defaults());

        assertThat(config).isEqualTo(ExtensionsConfig.defaults());
        assertThat(config.pluginsDir()).isEqualTo(Path.of("./plugins"));
        assertThat(config.outbox().keepDelivered()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aWebhookAndMailAreOnWhenTheirAddressesAreSet() throws Exception {
        ExtensionsConfig config = ExtensionsConfig.from(defaults()
                .put("LUPAUS_WEBHOOK_URL", "https://crm.example.com/lupaus")
                .put("LUPAUS_WEBHOOK_SECRET", "0123456789abcdef0123")
                .put("LUPAUS_SMTP_HOST", "smtp.example.com")
                .put("LUPAUS_SMTP_TO", "service@example.com, lead@example.com"));

        assertThat(config.webhook().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.smtp().to()).containsExactly("service@example.com", "lead@example.com");
        assertThat(config.smtp().actions()).isEqualTo(List.of("OPEN_CASE", "RECOVERY"));
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
