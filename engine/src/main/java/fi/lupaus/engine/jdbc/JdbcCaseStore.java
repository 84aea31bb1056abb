package fi.lupaus.engine.jdbc;

import static fi.lupaus.engine.jdbc.Jdbc.update;
import static fi.lupaus.engine.jdbc.Jdbc.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import fi.lupaus.engine.casework.CaseEvent;
import fi.lupaus.engine.casework.CaseFile;
import fi.lupaus.engine.casework.CaseQuery;
import fi.lupaus.engine.casework.CaseSteps;
import fi.lupaus.engine.casework.CaseStore;
import fi.lupaus.engine.casework.CaseTransitionException;
import fi.lupaus.engine.casework.Casework;
import fi.lupaus.engine.casework.Outcome;
import fi.lupaus.engine.decision.ActionType;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.CaseState;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.LastContact;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.log.LogAccessException;
import fi.lupaus.engine.log.Mismatch;
import fi.lupaus.engine.log.Page;

/**
 * The cases in the database: {@link CaseStore} for people and readers, and the {@link CaseSteps} of
 * each decision's transaction ({@link #effect()}), which {@link Casework} drives.
 */
public final class JdbcCaseStore implements CaseStore {

    // A case has a closing time once resolved or cancelled, never before (V5).
    private static final String BY_CUSTOMER = "case_by_customer_closed";
    private static final String COLUMNS = "case_id, customer_id, promise, owner, priority, state, received_at, "
            + "opened_at, due_at, closed_at, outcome, note, stages, recovered_at, decision_id";

    private final DataSource dataSource;
    private final Vendor vendor;
    private final Casework casework = new Casework();

    public JdbcCaseStore(Database database) {
        this.dataSource = database.dataSource();
        this.vendor = database.vendor();
    }

    /**
     * Opens, adds to and escalates cases as a newly recorded decision asks, in its transaction;
     * verify checks the cases and contacts against the decisions that made them.
     */
    public AppendEffect effect() {
        return new AppendEffect() {
            @Override
            public void apply(Connection connection, List<DecisionRecord> records) throws SQLException {
                try (Steps steps = new Steps(connection, vendor)) {
                    for (DecisionRecord record : records) {
                        casework.apply(steps, record);
                    }
                    steps.flush();
                }
            }

            @Override
            public List<Mismatch> check(Connection connection) throws SQLException {
                List<Mismatch> mismatches = checkCases(connection);
                mismatches.addAll(checkContacts(connection));
                return mismatches;
            }
        };
    }

    /**
     * What a case took from the decision that opened it (customer, promise, due time, received and
     * opened times) must still be what that decision says: the decision is covered by the chain,
     * the case is not. People change a case's state, owner and notes later: those are its history.
     */
    private static List<Mismatch> checkCases(Connection connection) throws SQLException {
        List<Mismatch> mismatches = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT c.case_id, c.customer_id, c.promise, c.received_at, c.opened_at, c.due_at, c.decision_id,
                       d.chain_seq, d.customer_id, d.received_at, d.decided_at, d.actions
                FROM case_file c LEFT JOIN decision d ON d.decision_id = c.decision_id""");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                String caseId = row.getObject(1, UUID.class).toString();
                String decisionId = row.getObject(7, UUID.class).toString();
                if (row.getObject(8) == null) {
                    mismatches.add(new Mismatch(0, decisionId, "case " + caseId + " was opened by a decision the log "
                            + "does not hold"));
                    continue;
                }
                Instant decidedAt = instant(row, "d.decided_at", 11);
                Instant dueAt = instant(row, "c.due_at", 6);
                String actions = row.getString(12);
                // The actions are JSON as the log writes them; an erased decision keeps them.
                boolean opened = actions.contains("\"type\":\"OPEN_CASE\"")
                        && actions.contains("\"promise\":\"" + row.getString(3) + "\"")
                        && actions.contains("\"dueAt\":\"" + dueAt + "\"");
                Instant receivedAt = instant(row, "c.received_at", 4);
                if (!row.getString(2).equals(row.getString(9)) || !opened
                        || !instant(row, "c.opened_at", 5).equals(decidedAt)
                        || !(receivedAt.equals(instant(row, "d.received_at", 10)) || receivedAt.equals(decidedAt))) {
                    mismatches.add(new Mismatch(row.getLong(8), decisionId, "case " + caseId + " no longer says what "
                            + "the decision that opened it says (its customer, promise, due time, received or opened "
                            + "time): changed after it was written"));
                }
            }
        }
        return mismatches;
    }

    /** Each contact (which the contact-frequency cap reads) must be one its decision asked for, for its customer. */
    private static List<Mismatch> checkContacts(Connection connection) throws SQLException {
        List<Mismatch> mismatches = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT k.customer_id, k.type, k.decision_id, d.chain_seq, d.customer_id, d.actions
                FROM customer_contact k LEFT JOIN decision d ON d.decision_id = k.decision_id""");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                String decisionId = row.getObject(3, UUID.class).toString();
                if (row.getObject(4) == null || !row.getString(1).equals(row.getString(5))
                        || !row.getString(6).contains("\"type\":\"" + row.getString(2) + "\"")) {
                    mismatches.add(new Mismatch(row.getObject(4) == null ? 0 : row.getLong(4), decisionId,
                            "a " + row.getString(2) + " contact no longer says what its decision says (its customer "
                                    + "or type), or its decision is gone: changed after it was written"));
                }
            }
        }
        return mismatches;
    }

    private static Instant instant(ResultSet row, String column, int index) throws SQLException {
        OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
        if (value == null) {
            throw new SQLException(column + " is empty");
        }
        return value.toInstant();
    }

    /**
     * The case steps of one group commit's transaction. Contacts and case events are written in
     * one batch at its end (nothing here reads them back): on PostgreSQL a round trip per group
     * instead of one per step.
     */
    private static final class Steps implements CaseSteps, AutoCloseable {

        private final Connection connection;
        private final Vendor vendor;
        private final PreparedStatement contacts;
        private final PreparedStatement events;

        Steps(Connection connection, Vendor vendor) throws SQLException {
            this.connection = connection;
            this.vendor = vendor;
            this.contacts = connection.prepareStatement(
                    "INSERT INTO customer_contact (customer_id, at, type, decision_id) VALUES (?, ?, ?, ?)");
            this.events = connection.prepareStatement(INSERT_EVENT);
        }

        void flush() throws SQLException {
            contacts.executeBatch();
            events.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            contacts.close();
            events.close();
        }

        @Override
        public Optional<String> openCaseOf(String customerId, String promise) {
            try (PreparedStatement select = connection.prepareStatement(openCaseQuery(vendor))) {
                select.setString(1, customerId);
                select.setString(2, promise);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getObject(1, UUID.class).toString()) : Optional.empty();
                }
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public Optional<CaseFile> find(String caseId) {
            try {
                return JdbcCaseStore.find(connection, caseId);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public void open(CaseFile file) {
            run("INSERT INTO case_file (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, '', NULL, ?)",
                    UUID.fromString(file.caseId()), file.customerId(), file.promise(), file.owner(),
                    file.priority().name(), file.state().name(), utc(file.receivedAt()), utc(file.openedAt()),
                    utc(file.dueAt()), UUID.fromString(file.decisionId()));
        }

        @Override
        public void record(String caseId, CaseEvent event) {
            batch(events, eventParameters(caseId, event));
        }

        @Override
        public void stages(String caseId, Set<String> stages, String newOwner, Priority priority) {
            if (newOwner != null) {
                run("UPDATE case_file SET stages = ?, owner = ?, priority = ? WHERE case_id = ?",
                        String.join(",", stages), newOwner, priority.name(), UUID.fromString(caseId));
            } else {
                run("UPDATE case_file SET stages = ? WHERE case_id = ?", String.join(",", stages),
                        UUID.fromString(caseId));
            }
        }

        @Override
        public void recovered(String caseId, Instant at) {
            run("UPDATE case_file SET recovered_at = ? WHERE case_id = ? AND recovered_at IS NULL", utc(at),
                    UUID.fromString(caseId));
        }

        @Override
        public void contact(String customerId, Instant at, String type, String decisionId) {
            batch(contacts, customerId, utc(at), type, UUID.fromString(decisionId));
        }

        private static void batch(PreparedStatement statement, Object... parameters) {
            try {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.addBatch();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        private void run(String sql, Object... parameters) {
            try {
                update(connection, sql, parameters);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        private static LogAccessException failed(SQLException e) {
            return new LogAccessException("writing a decision's case steps failed", e);
        }
    }

    @Override
    public Optional<CaseFile> acknowledge(String caseId, String actor, Instant at) {
        return transition(caseId, "acknowledged", Set.of(CaseState.OPEN), (connection, file) -> {
            update(connection, "UPDATE case_file SET state = ? WHERE case_id = ?", CaseState.ACKNOWLEDGED.name(),
                    UUID.fromString(caseId));
            event(connection, caseId, at, "acknowledged", actor, null, null);
        });
    }

    @Override
    public Optional<CaseFile> resolve(String caseId, Outcome outcome, String note, String actor, Instant at) {
        return transition(caseId, "resolved", Set.of(CaseState.OPEN, CaseState.ACKNOWLEDGED), (connection, file) -> {
            update(connection, "UPDATE case_file SET state = ?, closed_at = ?, outcome = ?, note = ? WHERE case_id = ?",
                    CaseState.RESOLVED.name(), utc(at), outcome.name(), note, UUID.fromString(caseId));
            event(connection, caseId, at, "resolved", actor, lower(outcome) + (at.isAfter(file.dueAt())
                    ? ", after the deadline: promise broken" : ", by the deadline: promise kept"), null);
        });
    }

    @Override
    public Optional<CaseFile> reassign(String caseId, String owner, String actor, Instant at) {
        return transition(caseId, "reassigned", Set.of(CaseState.OPEN, CaseState.ACKNOWLEDGED), (connection, file) -> {
            update(connection, "UPDATE case_file SET owner = ? WHERE case_id = ?", owner, UUID.fromString(caseId));
            event(connection, caseId, at, "reassigned", actor, "from " + file.owner() + " to " + owner, null);
        });
    }

    @Override
    public Optional<CaseFile> cancel(String caseId, String note, String actor, Instant at) {
        return transition(caseId, "cancelled", Set.of(CaseState.OPEN, CaseState.ACKNOWLEDGED), (connection, file) -> {
            update(connection, "UPDATE case_file SET state = ?, closed_at = ?, note = ? WHERE case_id = ?",
                    CaseState.CANCELLED.name(), utc(at), note, UUID.fromString(caseId));
            event(connection, caseId, at, "cancelled", actor, null, null);
        });
    }

    private interface Change {
        void apply(Connection connection, CaseFile file) throws SQLException;
    }

    private Optional<CaseFile> transition(String caseId, String transition, Set<CaseState> from, Change change) {
        if (!CaseFile.isCaseId(caseId)) {
            return Optional.empty();
        }
        Optional<String> changed = Jdbc.inTransaction(dataSource, "changing case " + caseId + " failed", connection -> {
            // FOR UPDATE: two people resolving at once are served one after the other.
            Optional<CaseFile> found = find(connection, caseId, " FOR UPDATE");
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (!from.contains(found.get().state())) {
                throw new CaseTransitionException(caseId, transition, found.get().state(),
                        CaseStore.allowedFrom(found.get().state()));
            }
            change.apply(connection, found.get());
            return Optional.of(caseId);
        });
        return changed.flatMap(this::find);
    }

    @Override
    public Optional<CaseFile> find(String caseId) {
        if (!CaseFile.isCaseId(caseId)) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, caseId).map(file -> withHistory(connection, file));
        } catch (SQLException e) {
            throw new LogAccessException("reading case " + caseId + " failed", e);
        }
    }

    @Override
    public Page<CaseFile> query(CaseQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM case_file WHERE ");
        List<Object> parameters = new ArrayList<>();
        filters(query, sql, parameters);
        String after = query.after();
        switch (query.order()) {
            case OPENED -> {
                if (after != null) {
                    sql.append(" AND case_id > ?");
                    parameters.add(UUID.fromString(after));
                }
                sql.append(" ORDER BY case_id");
            }
            case DUE, DUE_LATEST_FIRST -> {
                String beyond = query.order() == CaseQuery.Order.DUE ? ">" : "<";
                if (after != null) {
                    int dot = after.indexOf('.');
                    long micros = Long.parseLong(after.substring(0, dot));
                    OffsetDateTime due = utc(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
                    sql.append(" AND (due_at " + beyond + " ? OR (due_at = ? AND case_id " + beyond + " ?))");
                    parameters.add(due);
                    parameters.add(due);
                    parameters.add(UUID.fromString(after.substring(dot + 1)));
                }
                String direction = query.order() == CaseQuery.Order.DUE ? "" : " DESC";
                sql.append(" ORDER BY due_at" + direction + ", case_id" + direction);
            }
        }
        sql.append(" LIMIT ?");
        parameters.add(query.limit() + 1);
        List<CaseFile> items = select(sql.toString(), parameters.toArray());
        boolean more = items.size() > query.limit();
        List<CaseFile> page = more ? items.subList(0, query.limit()) : items;
        return new Page<>(page, more ? CaseQuery.cursorAfter(query.order(), page.get(page.size() - 1)) : null);
    }

    @Override
    public long count(CaseQuery query) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM case_file WHERE ");
        List<Object> parameters = new ArrayList<>();
        filters(query, sql, parameters);
        return Jdbc.count(dataSource, "counting cases failed", sql.toString(), parameters);
    }

    /** The query's filters, after a WHERE; erased cases are never listed. */
    private static void filters(CaseQuery query, StringBuilder sql, List<Object> parameters) {
        sql.append("customer_id <> ''");
        if (!query.states().isEmpty()) {
            sql.append(" AND state IN (").append(marks(query.states().size())).append(')');
            query.states().stream().map(Enum::name).sorted().forEach(parameters::add);
        }
        if (!query.owners().isEmpty()) {
            sql.append(" AND owner IN (").append(marks(query.owners().size())).append(')');
            query.owners().stream().sorted().forEach(parameters::add);
        }
        if (query.promise() != null) {
            sql.append(" AND promise = ?");
            parameters.add(query.promise());
        }
        if (query.dueFrom() != null) {
            sql.append(" AND due_at >= ?");
            parameters.add(utc(query.dueFrom()));
        }
        if (query.dueBefore() != null) {
            sql.append(" AND due_at < ?");
            parameters.add(utc(query.dueBefore()));
        }
        CaseQuery.Counted counted = query.counted();
        if (counted.receivedFrom() != null) {
            sql.append(" AND received_at >= ?");
            parameters.add(utc(counted.receivedFrom()));
        }
        if (counted.receivedTo() != null) {
            sql.append(" AND received_at < ?");
            parameters.add(utc(counted.receivedTo()));
        }
        if (counted.recovered()) {
            sql.append(" AND recovered_at IS NOT NULL");
        }
        if (!counted.keeping().isEmpty()) {
            // As CaseFile says it: kept when resolved by the deadline; broken when closed after it or
            // still open past it; on time while open before it.
            List<String> any = new ArrayList<>();
            for (CaseQuery.Keeping keeping : new TreeSet<>(counted.keeping())) {
                switch (keeping) {
                    case KEPT -> any.add("(state = 'RESOLVED' AND closed_at <= due_at)");
                    case BROKEN -> {
                        any.add("(state IN ('RESOLVED', 'CANCELLED') AND closed_at > due_at)"
                                + " OR (state IN ('OPEN', 'ACKNOWLEDGED') AND due_at < ?)");
                        parameters.add(utc(counted.at()));
                    }
                    case ON_TIME -> {
                        any.add("(state IN ('OPEN', 'ACKNOWLEDGED') AND due_at >= ?)");
                        parameters.add(utc(counted.at()));
                    }
                }
            }
            sql.append(" AND (").append(String.join(" OR ", any)).append(')');
        }
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    @Override
    public List<CaseFile> active() {
        return select("SELECT " + COLUMNS + " FROM case_file WHERE state IN ('OPEN', 'ACKNOWLEDGED') "
                + "AND customer_id <> '' ORDER BY case_id");
    }

    @Override
    public List<CaseFile> receivedBetween(Instant from, Instant to) {
        return select("SELECT " + COLUMNS + " FROM case_file WHERE received_at >= ? AND received_at < ? ORDER BY case_id",
                utc(from == null ? Instant.EPOCH : from), utc(to == null ? Instant.parse("9999-01-01T00:00:00Z") : to));
    }

    @Override
    public Map<String, List<CustomerCase>> customerCases(Collection<String> customerIds, Instant closedSince,
                                                         int limit) {
        return Jdbc.read(dataSource, "reading customers' cases failed", connection -> {
            Map<String, List<CustomerCase>> cases = Jdbc.forEachCustomer(connection, vendor, openCases(vendor), "case_id",
                    customerIds, JdbcCaseStore::customerCase);
            Jdbc.forEachCustomer(connection, vendor, closedCases(vendor), "closed_at DESC", customerIds,
                    JdbcCaseStore::customerCase, utc(closedSince), limit)
                    .forEach((customer, closed) -> cases.computeIfAbsent(customer, c -> new ArrayList<>()).addAll(closed));
            return cases;
        });
    }

    static String openCaseQuery(Vendor vendor) {
        return "SELECT case_id FROM case_file " + vendor.useIndex(BY_CUSTOMER) + " WHERE customer_id = ? "
                + "AND closed_at IS NULL AND promise = ? AND state IN ('OPEN', 'ACKNOWLEDGED') ORDER BY case_id LIMIT 1";
    }

    static String openCases(Vendor vendor) {
        return "SELECT " + COLUMNS + " FROM case_file " + vendor.useIndex(BY_CUSTOMER) + " WHERE customer_id = "
                + Vendor.CUSTOMER + " AND closed_at IS NULL AND state IN ('OPEN', 'ACKNOWLEDGED') ORDER BY case_id";
    }

    static String closedCases(Vendor vendor) {
        return "SELECT " + COLUMNS + " FROM case_file " + vendor.useIndex(BY_CUSTOMER) + " WHERE customer_id = "
                + Vendor.CUSTOMER + " AND closed_at >= ? AND state IN ('RESOLVED', 'CANCELLED') ORDER BY closed_at DESC LIMIT ?";
    }

    private static CustomerCase customerCase(ResultSet row) throws SQLException {
        CaseFile file = read(row);
        return new CustomerCase(file.caseId(), file.promise(), file.owner(), file.state(), file.receivedAt(),
                file.dueAt(), file.state() == CaseState.RESOLVED ? file.closedAt() : null);
    }

    // Ordered as contact_by_customer is, so that H2 reads its first row and no more.
    static final String LAST_CONTACT = "SELECT type, at FROM customer_contact "
            + "WHERE customer_id = " + Vendor.CUSTOMER + " AND at <= ? ORDER BY customer_id, at DESC LIMIT 1";

    @Override
    public Map<String, LastContact> lastContacts(Collection<String> customerIds, Instant at) {
        Map<String, LastContact> contacts = new HashMap<>();
        Jdbc.read(dataSource, "reading customers' contacts failed", connection -> Jdbc.forEachCustomer(connection,
                vendor, LAST_CONTACT, "at DESC", customerIds, row -> new LastContact(
                        ActionType.valueOf(row.getString("type")), row.getObject("at", OffsetDateTime.class).toInstant()),
                utc(at))).forEach((customer, last) -> contacts.put(customer, last.get(0)));
        return contacts;
    }

    @Override
    public int erase(String customerId) {
        return Jdbc.inTransaction(dataSource, "erasing a customer's cases failed", connection -> {
            update(connection, "DELETE FROM customer_contact WHERE customer_id = ?", customerId);
            update(connection, "UPDATE case_event SET detail = NULL WHERE case_id IN "
                    + "(SELECT case_id FROM case_file WHERE customer_id = ?)", customerId);
            return update(connection, "UPDATE case_file SET customer_id = '', note = NULL WHERE customer_id = ?",
                    customerId);
        });
    }

    private List<CaseFile> select(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<CaseFile> files = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    files.add(read(rows));
                }
            }
            return files;
        } catch (SQLException e) {
            throw new LogAccessException("reading cases failed", e);
        }
    }

    private static Optional<CaseFile> find(Connection connection, String caseId) throws SQLException {
        return find(connection, caseId, "");
    }

    private static Optional<CaseFile> find(Connection connection, String caseId, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM case_file WHERE case_id = ? AND customer_id <> ''" + lock)) {
            select.setObject(1, UUID.fromString(caseId));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static CaseFile withHistory(Connection connection, CaseFile file) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT at, kind, actor, detail, decision_id FROM case_event WHERE case_id = ? ORDER BY seq")) {
            select.setObject(1, UUID.fromString(file.caseId()));
            List<CaseEvent> events = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    UUID decisionId = row.getObject(5, UUID.class);
                    events.add(new CaseEvent(row.getObject(1, OffsetDateTime.class).toInstant(), row.getString(2),
                            row.getString(3), row.getString(4), decisionId == null ? null : decisionId.toString()));
                }
            }
            return file.withHistory(events);
        } catch (SQLException e) {
            throw new LogAccessException("reading the history of case " + file.caseId() + " failed", e);
        }
    }

    private static void event(Connection connection, String caseId, Instant at, String kind, String actor,
                              String detail, String decisionId) throws SQLException {
        event(connection, caseId, new CaseEvent(at, kind, actor, detail, decisionId));
    }

    private static final String INSERT_EVENT = """
            INSERT INTO case_event (case_id, seq, at, kind, actor, detail, decision_id)
            SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM case_event WHERE case_id = ?""";

    private static void event(Connection connection, String caseId, CaseEvent event) throws SQLException {
        update(connection, INSERT_EVENT, eventParameters(caseId, event));
    }

    private static Object[] eventParameters(String caseId, CaseEvent event) {
        return new Object[] {UUID.fromString(caseId), utc(event.at()), event.kind(), event.actor(), event.detail(),
                event.decisionId() == null ? null : UUID.fromString(event.decisionId()), UUID.fromString(caseId)};
    }

    private static CaseFile read(ResultSet row) throws SQLException {
        String stages = row.getString("stages");
        String outcome = row.getString("outcome");
        return new CaseFile(
                row.getObject("case_id", UUID.class).toString(),
                row.getString("customer_id"),
                row.getString("promise"),
                row.getString("owner"),
                Priority.valueOf(row.getString("priority")),
                CaseState.valueOf(row.getString("state")),
                instant(row, "received_at"),
                instant(row, "opened_at"),
                instant(row, "due_at"),
                instant(row, "closed_at"),
                outcome == null ? null : Outcome.valueOf(outcome),
                row.getString("note"),
                stages.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(stages.split(","))),
                instant(row, "recovered_at"),
                row.getObject("decision_id", UUID.class).toString(),
                List.of());
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
