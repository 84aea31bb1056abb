package fi.lupaus.engine.log;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done in the very transaction that appends a decision, such as opening the case the
 * decision asks for: it commits with the decision or not at all.
 */
@FunctionalInterface
public interface AppendEffect {

    /** Runs on the log's writer thread for each record newly appended, in the order written. */
    void apply(Connection connection, DecisionRecord record) throws SQLException;
}
