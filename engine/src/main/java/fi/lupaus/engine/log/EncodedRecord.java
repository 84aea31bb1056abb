package fi.lupaus.engine.log;

import java.time.Instant;

import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.fact.Feedback;

/**
 * A record as the log stores it: its JSON and its own hashes, made by the thread that appends it,
 * so that the one writer thread only chains and inserts. Written in the log's current record
 * format ({@link #FORMAT}).
 */
public record EncodedRecord(DecisionRecord record, String feedbackJson, String contextJson, String firedRulesJson,
                     String actionsJson, Instant receivedAt, String feedbackHash, String recordHash) {

    /**
     * Format 2 covers every column an answer reads: the key and the customer id through the
     * input's hash, the answer's columns (score, touchpoint…) through the record's hash. Rows
     * written before have no format (format 1).
     */
    public static final int FORMAT = 2;

    public static EncodedRecord of(DecisionRecord record) {
        Decision decision = record.decision();
        Feedback feedback = record.feedback();
        String feedbackJson = feedback == null ? null : LogJson.write(feedback);
        String contextJson = record.context().isEmpty() ? null : LogJson.write(record.context());
        String firedRulesJson = LogJson.write(decision.firedRules());
        String actionsJson = LogJson.write(decision.actions());
        Instant receivedAt = feedback != null ? feedback.receivedAt() : record.context().caseDue().receivedAt();
        String feedbackHash = Chain.inputHash(record.key(), record.customerId(), feedbackJson, contextJson);
        String recordHash = Chain.recordHash(record.decisionId(), feedbackHash, decision.decidedAt().toString(),
                decision.ruleSetVersion(), firedRulesJson, actionsJson, answer(receivedAt, feedback));
        return new EncodedRecord(record, feedbackJson, contextJson, firedRulesJson, actionsJson, receivedAt,
                feedbackHash, recordHash);
    }

    public static String answer(Instant receivedAt, Feedback feedback) {
        return feedback == null ? Chain.answer(receivedAt.toString(), null, null, null, null, null)
                : Chain.answer(receivedAt.toString(), feedback.survey().name(), feedback.score(),
                        feedback.touchpoint().name(), feedback.phase().name(), feedback.complaint());
    }
}
