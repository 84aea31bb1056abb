package fi.lupaus.engine.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * The chain's hashes as their documentation defines them, computed here with MessageDigest and
 * Mac: a verifier outside Lupaus computes the same. (PIT showed that replacing several of them
 * with an empty string failed no test.)
 */
class ChainTest {

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hmac(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFirstFormatInputHashIsTheFeedbacksAloneOrWithItsContextAfterAZeroByte() throws Exception {
        assertThat(Chain.inputHash("{\"id\":\"fb-1\"}", null)).isEqualTo(sha256("{\"id\":\"fb-1\"}"));
        assertThat(Chain.inputHash("{\"id\":\"fb-1\"}", "{\"cases\":[]}"))
                .isEqualTo(sha256("{\"id\":\"fb-1\"}\u0000{\"cases\":[]}"));
        assertThat(Chain.inputHash(null, null)).as("an erased input").isEqualTo(sha256(""));
        assertThat(Chain.inputHash(null, "{}")).isEqualTo(sha256("\u0000{}"));
    }

    @Test
    void aFirstFormatRecordHashJoinsItsSixPartsWithZeroBytes() throws Exception {
        assertThat(Chain.recordHash("d-1", "f", "2026-11-20T10:15:00Z", "v1", "[\"r\"]", "[]"))
                .isEqualTo(sha256("d-1\u0000f\u00002026-11-20T10:15:00Z\u0000v1\u0000[\"r\"]\u0000[]"));
    }

    @Test
    void aSecondFormatInputHashCoversKeyAndCustomerAndTakesAnAbsentPartAsEmpty() throws Exception {
        assertThat(Chain.inputHash("k", "C-1", "{}", "{\"a\":1}")).isEqualTo(sha256("k\u0000C-1\u0000{}\u0000{\"a\":1}"));
        assertThat(Chain.inputHash("k", "C-1", null, null)).isEqualTo(sha256("k\u0000C-1\u0000\u0000"));
    }

    @Test
    void aSecondFormatRecordHashAlsoCoversTheAnswerWhoseAbsentValuesAreEmpty() throws Exception {
        String answer = Chain.answer("2026-11-20T10:15:00Z", null, null, "web", null, null);

        assertThat(answer).isEqualTo("2026-11-20T10:15:00Z|||web||");
        assertThat(Chain.answer("t", "NPS", 9, "store", "core", true)).isEqualTo("t|NPS|9|store|core|true");
        assertThat(Chain.recordHash("d", "f", "t", "v", "[]", "[]", answer))
                .isEqualTo(sha256("d\u0000f\u0000t\u0000v\u0000[]\u0000[]\u0000" + answer));
    }

    @Test
    void aLinkHashesThePreviousLinkFollowedByTheRecordsHash() throws Exception {
        assertThat(Chain.link(Chain.GENESIS, "ab")).isEqualTo(sha256("0".repeat(64) + "ab"));
    }

    @Test
    void theKeyIsAtLeast32CharactersStrippedAndMacsAndDerivesWithHmacSha256() throws Exception {
        String key = "k".repeat(32);
        assertThatThrownBy(() -> ChainKey.of(" " + "k".repeat(31) + " ")).hasMessageContaining("at least 32");

        ChainKey chainKey = ChainKey.of("  " + key + "\n");

        assertThat(chainKey.mac("x")).isEqualTo(hmac(key, "x"));
        assertThat(Chain.checkpointMac(chainKey, 7, "abc")).isEqualTo(hmac(key, "checkpoint\u00007\u0000abc"));
        assertThat(HexFormat.of().formatHex(chainKey.derive("customers"))).isEqualTo(hmac(key, "derive\u0000customers"));
        assertThat(chainKey).hasToString("ChainKey[hidden]");
    }
}
