package fi.lupaus.engine.jdbc;

import static fi.lupaus.engine.jdbc.Jdbc.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.PreviousAnswer;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.AnswerHistory;
import fi.lupaus.engine.log.LogAccessException;
import fi.lupaus.engine.scoreboard.ResponseCount;
import fi.lupaus.engine.scoreboard.Responses;

/**
 * What others read from the decision log's answer columns, without parsing a record: the
 * customer history the rules see, and the scoreboard's sums.
 */
public final class JdbcAnswers implements AnswerHistory, Responses {

    private final DataSource dataSource;
    private final Vendor vendor;
    private final String recentAnswers;

    public JdbcAnswers(Database database) {
        this.dataSource = database.dataSource();
        this.vendor = database.vendor();
        this.recentAnswers = recentAnswers(database.vendor());
    }

    /** Ordered as decision_by_customer_received is, so that the database stops reading at the limit. */
    static String recentAnswers(Vendor vendor) {
        return """
                SELECT feedback_id, received_at, survey, score, complaint FROM decision %s
                WHERE customer_id = %s AND received_at >= ? AND survey IS NOT NULL
                ORDER BY customer_id, received_at DESC LIMIT ?""".formatted(vendor.useIndex("decision_by_customer_received"), Vendor.CUSTOMER);
    }

    @Override
    public Map<String, List<PreviousAnswer>> recentAnswers(Collection<String> customerIds, Instant since, int limit) {
        return Jdbc.read(dataSource, "reading customers' answers failed", connection -> Jdbc.forEachCustomer(
                connection, vendor, recentAnswers, "received_at DESC", customerIds,
                row -> new PreviousAnswer(row.getString("feedback_id"),
                        row.getObject("received_at", OffsetDateTime.class).toInstant(),
                        Survey.valueOf(row.getString("survey")), row.getInt("score"), row.getBoolean("complaint")),
                utc(since), limit));
    }

    @Override
    public List<ResponseCount> responses(Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT touchpoint, phase, DATE_TRUNC('HOUR', received_at), survey, score, COUNT(*) FROM decision
                     WHERE survey IS NOT NULL AND received_at >= ? AND received_at < ?
                     GROUP BY touchpoint, phase, DATE_TRUNC('HOUR', received_at), survey, score""")) {
            select.setObject(1, utc(from == null ? Instant.EPOCH : from));
            select.setObject(2, utc(to == null ? Instant.parse("9999-01-01T00:00:00Z") : to));
            List<ResponseCount> responses = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    responses.add(new ResponseCount(Touchpoint.valueOf(rows.getString(1)), Phase.valueOf(rows.getString(2)),
                            rows.getObject(3, OffsetDateTime.class).toInstant(), Survey.valueOf(rows.getString(4)),
                            rows.getInt(5), rows.getLong(6)));
                }
            }
            return responses;
        } catch (SQLException e) {
            throw new LogAccessException("reading responses failed", e);
        }
    }
}
