package fi.lupaus.engine.jdbc;

import static fi.lupaus.engine.jdbc.Jdbc.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.delivery.ActionDelivery;
import fi.lupaus.engine.delivery.ActionHandler;
import fi.lupaus.engine.delivery.Outbox;
import fi.lupaus.engine.log.DecisionLog;
import fi.lupaus.engine.log.LogAccessException;
import fi.lupaus.engine.log.LoggedActions;

/** The outbox in the database: its deliveries and its cursor over the decision log. */
public final class JdbcOutbox implements Outbox {

    private static final String COLUMNS = "id, seq, decision_id, action_index, action_type, handler, "
            + "state, attempts, created_at, next_attempt_at, delivered_at, last_error";
    private static final int MAX_ERROR = 2000;
    // Ordered exactly as the outbox_due index is (its rows end with the id), so that H2 reads the
    // first rows of the index instead of sorting every pending delivery: with a backlog of 150,000
    // that sort took 40 % of the server's CPU time.
    static final String DUE = "SELECT " + COLUMNS + " FROM outbox_delivery WHERE state = 'PENDING' "
            + "AND next_attempt_at <= ? ORDER BY state, next_attempt_at LIMIT ?";

    private final DataSource dataSource;
    private final Vendor vendor;
    private final DecisionLog log;
    private final Clock clock;
    private final Policy policy;

    public JdbcOutbox(DataSource dataSource, DecisionLog log, Clock clock, Policy policy) {
        this.dataSource = dataSource;
        this.vendor = Jdbc.read(dataSource, "reading the store's kind failed",
                connection -> Vendor.of(connection.getMetaData().getURL()));
        this.log = log;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * A statement on the outbox's deliveries, planned for its values at each run. The outbox is often
     * empty, and PostgreSQL keeps a plan made for an empty table (a sequential scan) after it has
     * filled, until the table is analysed again: over a long log, 21,572 such scans in one benchmark
     * run (docs/benchmark.md).
     */
    private PreparedStatement onDeliveries(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        vendor.planForEachRun(statement);
        return statement;
    }

    @Override
    public Policy policy() {
        return policy;
    }

    @Override
    public Dispatched dispatch(List<ActionHandler> handlers, int limit, Duration lease) {
        return Jdbc.inTransaction(dataSource, "dispatching actions to the outbox failed", connection -> {
            // Locked until commit: with several servers on one store, one dispatches at a time.
            long cursor = cursor(connection, " FOR UPDATE");
            List<LoggedActions> entries = log.actionsAfter(cursor, limit);
            if (entries.isEmpty()) {
                return new Dispatched(0, List.of());
            }
            Instant now = clock.instant();
            Instant claimedUntil = claimEnd(now, lease);
            List<Claimed> claimed = new ArrayList<>();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox_delivery "
                    + "(seq, decision_id, action_index, action_type, handler, state, attempts, created_at, "
                    + "next_attempt_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)", new String[] {"id"})) {
                List<NewDelivery> created = addDeliveries(insert, entries, handlers, now, claimedUntil);
                insert.executeBatch();
                try (ResultSet ids = insert.getGeneratedKeys()) {
                    for (NewDelivery next : created) {
                        if (!ids.next()) {
                            throw new IllegalStateException("the store did not answer the ids of new deliveries");
                        }
                        claimed.add(next.claimed(ids.getLong(1), now, claimedUntil));
                    }
                }
            }
            long last = entries.get(entries.size() - 1).seq();
            if (Jdbc.update(connection, "UPDATE outbox_cursor SET last_seq = ? WHERE id = 1 AND last_seq = ?", last,
                    cursor) != 1) {
                throw new IllegalStateException("another dispatcher moved the outbox cursor");
            }
            return new Dispatched(entries.size(), claimed);
        });
    }

    /**
     * When a claim made at {@code now} ends, to the microsecond the column keeps: a claim is extended
     * by comparing its end as read back with the one stored.
     */
    private static Instant claimEnd(Instant now, Duration lease) {
        return now.plus(lease).truncatedTo(ChronoUnit.MICROS);
    }

    /** A delivery being created: the action at {@code index} of {@code entry}, for {@code handler}. */
    private record NewDelivery(LoggedActions entry, int index, String handler) {

        Claimed claimed(long id, Instant createdAt, Instant claimedUntil) {
            Delivery delivery = new Delivery(id, deliveryId(entry.decisionId(), index, handler), entry.seq(),
                    entry.decisionId(), index, entry.actions().get(index).type().name(), handler, State.PENDING, 0,
                    createdAt, claimedUntil, null, null);
            return new Claimed(delivery, actionDelivery(delivery, entry));
        }
    }

    /** Adds an insert for each action of the entries and each handler that accepts it. */
    private static List<NewDelivery> addDeliveries(PreparedStatement insert, List<LoggedActions> entries,
                                                   List<ActionHandler> handlers, Instant now, Instant claimedUntil)
            throws SQLException {
        List<NewDelivery> created = new ArrayList<>();
        for (LoggedActions entry : entries) {
            for (int index = 0; index < entry.actions().size(); index++) {
                Action action = entry.actions().get(index);
                for (ActionHandler handler : handlers) {
                    if (handler.accepts(action)) {
                        bind(insert, entry.seq(), entry.decisionId(), index, action.type().name(), handler.id(),
                                utc(now), utc(claimedUntil));
                        insert.addBatch();
                        created.add(new NewDelivery(entry, index, handler.id()));
                    }
                }
            }
        }
        return created;
    }

    /** Stable across attempts, the receiver's idempotency key: {@code <decisionId>/<actionIndex>/<handler>}. */
    private static String deliveryId(String decisionId, int actionIndex, String handler) {
        return decisionId + "/" + actionIndex + "/" + handler;
    }

    private static ActionDelivery actionDelivery(Delivery delivery, LoggedActions logged) {
        return new ActionDelivery(delivery.deliveryId(), delivery.attempts() + 1, logged.decisionId(), logged.key(),
                logged.customerId(), logged.ruleSetVersion(), logged.decidedAt(), delivery.actionIndex(),
                logged.actions().get(delivery.actionIndex()));
    }

    private static long cursor(Connection connection, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_seq FROM outbox_cursor WHERE id = 1" + lock);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("the outbox cursor is missing");
            }
            return row.getLong(1);
        }
    }

    @Override
    public long cursor() {
        try (Connection connection = dataSource.getConnection()) {
            return cursor(connection, "");
        } catch (SQLException e) {
            throw new LogAccessException("reading the outbox cursor failed", e);
        }
    }

    @Override
    public List<Delivery> due(int limit) {
        return select(DUE, utc(clock.instant()), limit);
    }

    @Override
    public List<Delivery> claim(int limit, Duration lease) {
        return takeOver(due(limit), lease, "claiming deliveries failed");
    }

    @Override
    public List<Delivery> extend(List<Delivery> claimed, Duration lease) {
        return takeOver(claimed, lease, "extending the claim on deliveries failed");
    }

    /**
     * Moves each delivery's next attempt to {@code lease} from now, if it is still pending and still
     * due when it was read ({@link Delivery#nextAttemptAt()}): a compare and set, so that of servers
     * that read the same delivery, one takes it. Answers those taken, as they now are.
     */
    private List<Delivery> takeOver(List<Delivery> deliveries, Duration lease, String failure) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        Instant until = claimEnd(clock.instant(), lease);
        return Jdbc.inTransaction(dataSource, failure, connection -> {
            try (PreparedStatement claim = onDeliveries(connection, "UPDATE outbox_delivery SET next_attempt_at = ? "
                    + "WHERE id = ? AND state = 'PENDING' AND next_attempt_at = ?")) {
                for (Delivery delivery : deliveries) {
                    bind(claim, utc(until), delivery.id(), utc(delivery.nextAttemptAt()));
                    claim.addBatch();
                }
                int[] claimed = claim.executeBatch();
                List<Delivery> mine = new ArrayList<>();
                for (int i = 0; i < claimed.length; i++) {
                    if (claimed[i] == 1) {
                        mine.add(deliveries.get(i).claimedUntil(until));
                    }
                }
                return mine;
            }
        });
    }

    @Override
    public Optional<ActionDelivery> prepare(Delivery delivery) {
        return log.actionsOf(delivery.decisionId()).map(logged -> actionDelivery(delivery, logged));
    }

    @Override
    public void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        OffsetDateTime now = utc(clock.instant());
        Jdbc.inTransaction(dataSource, "recording deliveries failed", connection -> {
            try (PreparedStatement delivered = onDeliveries(connection, "UPDATE outbox_delivery SET "
                         + "state = 'DELIVERED', attempts = ?, delivered_at = ?, next_attempt_at = ?, last_error = NULL "
                         + "WHERE id = ? AND state = 'PENDING'");
                 PreparedStatement later = onDeliveries(connection, "UPDATE outbox_delivery SET attempts = ?, "
                         + "last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'PENDING'");
                 PreparedStatement dead = onDeliveries(connection, "UPDATE outbox_delivery SET state = 'DEAD', "
                         + "attempts = ?, last_error = ? WHERE id = ? AND state = 'PENDING'")) {
                for (Outcome outcome : outcomes) {
                    int attempts = outcome.delivery().attempts() + 1;
                    long id = outcome.delivery().id();
                    String error = outcome.error() == null ? null
                            : outcome.error().length() > MAX_ERROR ? outcome.error().substring(0, MAX_ERROR) : outcome.error();
                    if (outcome.delivered()) {
                        bind(delivered, attempts, now, now, id);
                        delivered.addBatch();
                    } else if (outcome.hopeless() || attempts >= policy.maxAttempts()) {
                        bind(dead, attempts, error, id);
                        dead.addBatch();
                    } else {
                        bind(later, attempts, error, utc(clock.instant().plus(policy.backoff(attempts))), id);
                        later.addBatch();
                    }
                }
                tally(connection, changed(delivered.executeBatch()));
                later.executeBatch();
                dead.executeBatch();
            }
            return null;
        });
    }

    private static long changed(int[] counts) {
        long rows = 0;
        for (int count : counts) {
            // A driver may answer "some rows, not counted" (SUCCESS_NO_INFO, -2) for a batched statement.
            if (count == Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("the store did not count the deliveries it recorded");
            }
            rows += count;
        }
        return rows;
    }

    /** Adds {@code delivered} to the tally of delivered deliveries kept, in the caller's transaction. */
    private static void tally(Connection connection, long delivered) throws SQLException {
        if (delivered != 0) {
            Jdbc.update(connection, "UPDATE outbox_tally SET delivered = delivered + ? WHERE id = 1", delivered);
        }
    }

    @Override
    public List<Delivery> list(State state, long afterId, int limit) {
        return state == null
                ? select("SELECT " + COLUMNS + " FROM outbox_delivery WHERE id > ? ORDER BY id LIMIT ?", afterId, limit)
                : select("SELECT " + COLUMNS + " FROM outbox_delivery WHERE state = ? AND id > ? ORDER BY id LIMIT ?",
                        state.name(), afterId, limit);
    }

    @Override
    public Optional<Delivery> find(long id) {
        return select("SELECT " + COLUMNS + " FROM outbox_delivery WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public boolean retry(long id) {
        return update("UPDATE outbox_delivery SET state = 'PENDING', attempts = 0, next_attempt_at = ? "
                + "WHERE id = ? AND state = 'DEAD'", utc(clock.instant()), id) == 1;
    }

    @Override
    public int retryAllDead() {
        return update("UPDATE outbox_delivery SET state = 'PENDING', attempts = 0, next_attempt_at = ? "
                + "WHERE state = 'DEAD'", utc(clock.instant()));
    }

    @Override
    public int forgetDelivered(Instant before, int limit) {
        return Jdbc.inTransaction(dataSource, "forgetting delivered deliveries failed", connection -> {
            // A delivered delivery's due time is its delivery time: forgotten in outbox_due's order.
            try (PreparedStatement forget = onDeliveries(connection, "DELETE FROM outbox_delivery WHERE id IN "
                    + "(SELECT id FROM outbox_delivery WHERE state = 'DELIVERED' AND next_attempt_at < ? "
                    + "ORDER BY state, next_attempt_at LIMIT ?)")) {
                bind(forget, utc(before), limit);
                int forgotten = forget.executeUpdate();
                tally(connection, -forgotten);
                return forgotten;
            }
        });
    }

    @Override
    public int forgetDeliveredOlderThan(Duration age, int limit) {
        return forgetDelivered(clock.instant().minus(age), limit);
    }

    @Override
    public Map<State, Long> counts() {
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State state : State.values()) {
            counts.put(state, 0L);
        }
        return Jdbc.read(dataSource, "counting deliveries failed", connection -> {
            // Pending and dead ones are few and read from outbox_due; the delivered, many, are tallied.
            try (PreparedStatement select = onDeliveries(connection, "SELECT state, COUNT(*) FROM outbox_delivery "
                    + "WHERE state IN ('PENDING', 'DEAD') GROUP BY state");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(State.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT delivered FROM outbox_tally WHERE id = 1");
                 ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the outbox's tally is missing");
                }
                counts.put(State.DELIVERED, row.getLong(1));
            }
            return counts;
        });
    }

    private List<Delivery> select(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = onDeliveries(connection, sql)) {
            bind(select, parameters);
            List<Delivery> deliveries = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String decisionId = row.getString("decision_id");
                    int actionIndex = row.getInt("action_index");
                    String handler = row.getString("handler");
                    deliveries.add(new Delivery(row.getLong("id"), deliveryId(decisionId, actionIndex, handler),
                            row.getLong("seq"), decisionId, actionIndex, row.getString("action_type"), handler,
                            State.valueOf(row.getString("state")), row.getInt("attempts"),
                            instant(row, "created_at"), instant(row, "next_attempt_at"), instant(row, "delivered_at"),
                            row.getString("last_error")));
                }
            }
            return deliveries;
        } catch (SQLException e) {
            throw new LogAccessException("reading the outbox failed", e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = onDeliveries(connection, sql)) {
            bind(update, parameters);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new LogAccessException("updating the outbox failed", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
