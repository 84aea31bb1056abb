package fi.lupaus.engine.log;

import fi.lupaus.engine.decision.Decision;

/**
 * A record as the log stores it: its JSON and its own hashes, made by the thread that appends it,
 * so that the one writer thread only chains and inserts.
 */
record EncodedRecord(DecisionRecord record, String feedbackJson, String contextJson, String firedRulesJson,
                     String actionsJson, String feedbackHash, String recordHash) {

    static EncodedRecord of(DecisionRecord record) {
        Decision decision = record.decision();
        String feedbackJson = record.feedback() == null ? null : LogJson.write(record.feedback());
        String contextJson = record.context().isEmpty() ? null : LogJson.write(record.context());
        String firedRulesJson = LogJson.write(decision.firedRules());
        String actionsJson = LogJson.write(decision.actions());
        String feedbackHash = Chain.inputHash(feedbackJson, contextJson);
        String recordHash = Chain.recordHash(record.decisionId(), feedbackHash, decision.decidedAt().toString(),
                decision.ruleSetVersion(), firedRulesJson, actionsJson);
        return new EncodedRecord(record, feedbackJson, contextJson, firedRulesJson, actionsJson, feedbackHash,
                recordHash);
    }
}
