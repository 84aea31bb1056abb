package fi.lupaus.engine.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that anchors the chain's head (LUPAUS_CHAIN_KEY): the log signs its head with it after
 * every commit, so that a rewrite of the records, hashes and links together is found by anyone
 * holding the key. The key is never written to the database.
 */
public final class ChainKey {

    /** A shorter key is refused: it would be guessable. */
    public static final int MIN_LENGTH = 32;

    private final SecretKeySpec key;

    private ChainKey(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The key from its text, as configured. */
    public static ChainKey of(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("LUPAUS_CHAIN_KEY must be at least " + MIN_LENGTH + " characters");
        }
        return new ChainKey(secret.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The hex HMAC-SHA256 of the text with this key. */
    public String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** A key for another purpose, derived from this one: knowing it does not reveal this one. */
    public byte[] derive(String purpose) {
        return HexFormat.of().parseHex(mac("derive\u0000" + purpose));
    }

    @Override
    public String toString() {
        return "ChainKey[hidden]";
    }
}
