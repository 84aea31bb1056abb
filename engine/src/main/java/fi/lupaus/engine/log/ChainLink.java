package fi.lupaus.engine.log;

/**
 * One record of the log as the chain sees it.
 *
 * @param seq        its place in the chain, from 1
 * @param decisionId the record's decision id
 * @param record     the record as stored, or {@code null} when it was erased or cannot be read
 * @param erased     whether the record's personal data was erased
 * @param broken     why the chain does not hold at this record, or {@code null} when it holds
 */
public record ChainLink(long seq, String decisionId, DecisionRecord record, boolean erased, String broken) {

    public boolean intact() {
        return broken == null;
    }
}
