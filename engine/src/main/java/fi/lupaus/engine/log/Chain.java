package fi.lupaus.engine.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hashes that make the log tamper-evident. A record's hash covers exactly what is stored of
 * it; each link's hash covers the previous link's hash and the record's hash, so that changing,
 * removing or reordering a record breaks the chain at that record.
 */
final class Chain {

    /** The link before the first record. */
    static final String GENESIS = "0".repeat(64);

    private Chain() {
    }

    /**
     * The input's own hash (the feedback and the context the rules were given): the record's hash
     * covers this, not the personal data itself. A record without a context hashes its feedback
     * alone, as records did before contexts existed.
     */
    static String inputHash(String feedbackJson, String contextJson) {
        String feedback = feedbackJson == null ? "" : feedbackJson;
        return sha256(contextJson == null ? feedback : feedback + "\u0000" + contextJson);
    }

    static String recordHash(String decisionId, String feedbackHash, String decidedAt, String ruleSetVersion,
                             String firedRulesJson, String actionsJson) {
        return sha256(String.join("\u0000", decisionId, feedbackHash, decidedAt, ruleSetVersion, firedRulesJson,
                actionsJson));
    }

    static String link(String previousLink, String recordHash) {
        return sha256(previousLink + recordHash);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
