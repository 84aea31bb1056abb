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
public final class Chain {

    /** The link before the first record. */
    public static final String GENESIS = "0".repeat(64);

    private Chain() {
    }

    /**
     * The input's own hash (the feedback and the context the rules were given): the record's hash
     * covers this, not the personal data itself. A record without a context hashes its feedback
     * alone, as records did before contexts existed.
     */
    public static String inputHash(String feedbackJson, String contextJson) {
        String feedback = feedbackJson == null ? "" : feedbackJson;
        return sha256(contextJson == null ? feedback : feedback + "\u0000" + contextJson);
    }

    public static String recordHash(String decisionId, String feedbackHash, String decidedAt, String ruleSetVersion,
                             String firedRulesJson, String actionsJson) {
        return sha256(String.join("\u0000", decisionId, feedbackHash, decidedAt, ruleSetVersion, firedRulesJson,
                actionsJson));
    }

    /**
     * Format 2: the input's hash covers the key and the customer id as stored beside the input, so
     * that they are covered while readable and go with the input when it is erased.
     */
    public static String inputHash(String key, String customerId, String feedbackJson, String contextJson) {
        return sha256(String.join("\u0000", key, customerId, feedbackJson == null ? "" : feedbackJson,
                contextJson == null ? "" : contextJson));
    }

    /**
     * Format 2: the record's hash also covers what the scoreboard reads of the answer ({@code
     * answer}, see {@link #answer}), which an erasure keeps.
     */
    public static String recordHash(String decisionId, String feedbackHash, String decidedAt, String ruleSetVersion,
                             String firedRulesJson, String actionsJson, String answer) {
        return sha256(String.join("\u0000", decisionId, feedbackHash, decidedAt, ruleSetVersion, firedRulesJson,
                actionsJson, answer));
    }

    /** The answer's columns, as format 2 hashes them; an absent value is empty. */
    public static String answer(String receivedAt, String survey, Integer score, String touchpoint, String phase,
                         Boolean complaint) {
        return String.join("|", receivedAt, text(survey), score == null ? "" : score.toString(), text(touchpoint),
                text(phase), complaint == null ? "" : complaint.toString());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** The checkpoint's MAC: HMAC-SHA256 over the place and the link, with the chain key. */
    public static String checkpointMac(ChainKey key, long seq, String link) {
        return key.mac("checkpoint\u0000" + seq + "\u0000" + link);
    }

    public static String link(String previousLink, String recordHash) {
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
