package fi.lupaus.engine.log;

/**
 * One record of the log with its place in the chain, for readers that follow the log.
 *
 * @param seq    its place in the chain, from 1
 * @param record the record, or {@code null} when its personal data was erased
 */
public record LogEntry(long seq, DecisionRecord record) {
}
