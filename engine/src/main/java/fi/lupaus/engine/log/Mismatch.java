package fi.lupaus.engine.log;

/**
 * Something stored that does not agree with the chain: a checkpoint that does not hold, or a row
 * derived from a record (a case it opened) that no longer says what the record says.
 *
 * @param seq        the place in the chain of the record concerned, or 0 when there is none
 * @param decisionId the decision concerned, or {@code null}
 * @param reason     what differs
 */
public record Mismatch(long seq, String decisionId, String reason) {
}
