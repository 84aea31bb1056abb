package fi.lupaus.engine.log;

/**
 * The outcome of appending one record.
 *
 * @param record  the record now in the log: the one appended, or the original one when the
 *                feedback id was seen before
 * @param created whether this append stored it
 */
public record Appended(DecisionRecord record, boolean created) {
}
