package fi.lupaus.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** The limits' defaults file and the defaults the code names are one and the same; the chain's settings. */
class LupausConfigTest {

    private static JsonObject defaultsFile() throws Exception {
        try (InputStream in = LupausConfig.class.getClassLoader().getResourceAsStream("lupaus-defaults.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theDefaultsFileGivesTheDocumentedLimitsAndEachIsAKeyThatIsRead() throws Exception {
        LupausConfig config = LupausConfig.from(defaultsFile());

        assertThat(config.limits()).isEqualTo(LupausConfig.Limits.DEFAULTS);
        assertThat(LupausConfig.KEYS).containsAll(defaultsFile().fieldNames().stream()
                .filter(key -> key.matches("LUPAUS_(IDLE|MIN_BODY|MAX_BUFFERED|MAX_EXPORTS|SIGN_IN|STORE).*")).toList());
    }

    @Test
    void aZeroIdleTimeoutIsRefusedByName() throws Exception {
        JsonObject json = defaultsFile().put("LUPAUS_IDLE_TIMEOUT", "PT0S");

        assertThatThrownBy(() -> LupausConfig.from(json)).hasMessageContaining("LUPAUS_IDLE_TIMEOUT");
    }

    @Test
    void withoutAChainKeyNothingIsSignedAndTheLogCarriesNoCustomerIds() throws Exception {
        LupausConfig config = LupausConfig.from(defaultsFile());

        assertThat(config.chainKey()).isNull();
        assertThat(config.logCustomerIds()).isFalse();
    }

    @Test
    void aChainKeyShorterThan32CharactersIsRefused() throws Exception {
        JsonObject json = defaultsFile().put("LUPAUS_CHAIN_KEY", "too-short");

        assertThatThrownBy(() -> LupausConfig.from(json))
                .hasMessageContaining("LUPAUS_CHAIN_KEY must be at least 32 characters");
    }

    @Test
    void customerIdsAreLoggedOnlyWhenAskedFor() throws Exception {
        LupausConfig config = LupausConfig.from(defaultsFile().put("LUPAUS_LOG_CUSTOMER_IDS", "true")
                .put("LUPAUS_CHAIN_KEY", "a-chain-key-of-at-least-32-characters"));

        assertThat(config.logCustomerIds()).isTrue();
        assertThat(config.chainKey()).isEqualTo("a-chain-key-of-at-least-32-characters");
    }
}
