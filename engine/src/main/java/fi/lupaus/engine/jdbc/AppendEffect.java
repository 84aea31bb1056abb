package fi.lupaus.engine.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.log.Mismatch;

/**
 * Work done in the very transaction that appends a decision, such as opening the case the
 * decision asks for: it commits with the decision or not at all.
 */
@FunctionalInterface
public interface AppendEffect {

    /**
     * Runs on the log's writer thread for the records newly appended by one group commit, in the
     * order written.
     */
    void apply(Connection connection, List<DecisionRecord> records) throws SQLException;

    /**
     * Checks what the effect wrote against the records it was derived from, for verify: columns
     * that answers read (a case's customer) must say what the covered record says.
     */
    default List<Mismatch> check(Connection connection) throws SQLException {
        return List.of();
    }
}
