package fi.lupaus.console.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import fi.lupaus.engine.log.ChainKey;

/**
 * How the audit log names a customer it must not name: a keyed hash (HMAC-SHA256) of the id, which
 * no one can reverse by hashing guessed ids without the key, and which someone holding the key can
 * compute again to find a customer's erasure. The key is derived from LUPAUS_CHAIN_KEY when it is
 * set; otherwise it is a random key kept in {@value #KEY_FILE} in the data directory (owner-only).
 * Never in the database.
 */
public final class CustomerPseudonyms {

    static final String KEY_FILE = "customer-pseudonym.key";

    private final SecretKeySpec key;

    private CustomerPseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public static CustomerPseudonyms open(Path dataDir, ChainKey chainKey) {
        return new CustomerPseudonyms(chainKey != null ? chainKey.derive("customer-pseudonyms") : keyFile(dataDir));
    }

    /** The subject an audit event about the customer names. */
    public String of(String customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "customer-hmac:" + HexFormat.of().formatHex(mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static byte[] keyFile(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException raced) {
                    return HexFormat.of().parseHex(Files.readString(file).strip());
                }
                Files.writeString(file, HexFormat.of().formatHex(secret) + "\n");
            }
            return HexFormat.of().parseHex(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the customer pseudonym key " + file, e);
        }
    }
}
