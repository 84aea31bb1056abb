package fi.lupaus.engine.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.log.Anchoring;
import fi.lupaus.engine.log.Appended;
import fi.lupaus.engine.log.Chain;
import fi.lupaus.engine.log.ChainKey;
import fi.lupaus.engine.log.ChainLink;
import fi.lupaus.engine.log.CommitListener;
import fi.lupaus.engine.log.DecisionLog;
import fi.lupaus.engine.log.DecisionQuery;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.log.EncodedRecord;
import fi.lupaus.engine.log.GroupCommitWriter;
import fi.lupaus.engine.log.LogAccessException;
import fi.lupaus.engine.log.LogJson;
import fi.lupaus.engine.log.LoggedActions;
import fi.lupaus.engine.log.Mismatch;
import fi.lupaus.engine.log.Page;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSource;

/** The decision log in a relational database through JDBC; H2 in file mode by default. */
public final class JdbcDecisionLog implements DecisionLog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDecisionLog.class);

    /** Appends allowed to wait for the writer before appends are refused. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    private static final int MAX_GROUP = 512;
    private static final int WALK_PAGE = 1_000;
    /** What an erased record keeps of its feedback, and of its customer. */
    static final String ERASED_FEEDBACK = "{\"erased\":true}";
    private static final String ERASED_CUSTOMER = "";
    private static final TypeReference<List<Action>> ACTIONS = new TypeReference<>() { };
    private static final TypeReference<List<String>> RULES = new TypeReference<>() { };
    private static final String ACTION_COLUMNS =
            "chain_seq, decision_id, feedback_id, customer_id, rule_set_version, decided_at, actions";
    private static final String COLUMNS =
            "decision_id, feedback_id, customer_id, decided_at, rule_set_version, feedback, context, fired_rules, actions";
    /** What the chain check reads besides the record: its hashes, and the answer's columns. */
    private static final String CHAIN_COLUMNS = COLUMNS + ", feedback_hash, record_hash, chain_hash, record_format, "
            + "received_at, survey, score, touchpoint, phase, complaint";

    // Version 7 UUIDs begin with their time in milliseconds: new rows go to the end of the key.
    private final TimeBasedEpochGenerator decisionIds = Generators.timeBasedEpochGenerator();
    private final Database database;
    private final DataSource dataSource;
    // Whether closing the log closes its database too (it opened it itself).
    private final boolean ownsDatabase;
    // The chain's end as this server last wrote or read it, for the closing log line; the truth is
    // the chain_head row, which every group commit locks.
    private volatile long lastSeq;
    private volatile String lastLink;
    private final GroupCommitWriter<List<EncodedRecord>, List<Appended>> writer;
    private final List<AppendEffect> effects = new CopyOnWriteArrayList<>();
    // Signs the chain's head after every commit; null when the server has no LUPAUS_CHAIN_KEY.
    private final ChainKey chainKey;
    private volatile CommitListener commits = CommitListener.NONE;

    private JdbcDecisionLog(Database database, boolean ownsDatabase, int queueCapacity, ChainKey chainKey) {
        this.database = database;
        this.dataSource = database.dataSource();
        this.ownsDatabase = ownsDatabase;
        this.chainKey = chainKey;
        readChainEnd();
        this.writer = new GroupCommitWriter<>("decision-log-writer", queueCapacity, MAX_GROUP, this::writeTimedGroup);
    }

    /**
     * The decision log in an open database, which the caller closes after the log.
     *
     * @param chainKey the key of LUPAUS_CHAIN_KEY, or {@code null}
     */
    public static JdbcDecisionLog open(Database database, int queueCapacity, ChainKey chainKey) {
        return new JdbcDecisionLog(database, false, queueCapacity, chainKey);
    }

    /**
     * Opens (and creates or migrates) the embedded H2 log in {@code dataDirectory}; with a chain
     * key, the chain's head is signed after every commit and {@link #anchoring()} checks those
     * signatures. Closing the log closes the store.
     *
     * @param chainKey the key of LUPAUS_CHAIN_KEY, or {@code null}
     */
    public static JdbcDecisionLog openEmbedded(Path dataDirectory, int queueCapacity, ChainKey chainKey) {
        return open(Database.Settings.embedded(dataDirectory), queueCapacity, chainKey);
    }

    /** Opens the database of {@code settings} and the log in it; closing the log closes the database. */
    public static JdbcDecisionLog open(Database.Settings settings, int queueCapacity, ChainKey chainKey) {
        return new JdbcDecisionLog(Database.open(settings), true, queueCapacity, chainKey);
    }

    public static JdbcDecisionLog open(Database.Settings settings, int queueCapacity) {
        return open(settings, queueCapacity, null);
    }

    public static JdbcDecisionLog open(Database.Settings settings) {
        return open(settings, DEFAULT_QUEUE_CAPACITY, null);
    }

    public static JdbcDecisionLog openEmbedded(Path dataDirectory, int queueCapacity) {
        return openEmbedded(dataDirectory, queueCapacity, null);
    }

    public static JdbcDecisionLog openEmbedded(Path dataDirectory) {
        return openEmbedded(dataDirectory, DEFAULT_QUEUE_CAPACITY);
    }

    public Database database() {
        return database;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Adds work to do in the transaction of every record newly appended (such as opening the case
     * a decision asks for), so that it is exactly as durable as the decision. Add effects before
     * the first append.
     */
    public void addEffect(AppendEffect effect) {
        effects.add(effect);
    }

    @Override
    public CompletionStage<List<Appended>> append(List<DecisionRecord> records) {
        // Encoded here, on the appending thread: JSON and hashing took an eighth of the writer's time.
        return writer.submit(records.stream().map(EncodedRecord::of).toList());
    }

    /** Tells {@code listener} of every group commit from now on (the server's metrics). */
    public void onCommit(CommitListener listener) {
        commits = listener;
    }

    private List<List<Appended>> writeTimedGroup(List<List<EncodedRecord>> group) {
        long start = System.nanoTime();
        List<List<Appended>> written = writeGroup(group);
        long nanos = System.nanoTime() - start;
        int decisions = 0;
        for (List<EncodedRecord> append : group) {
            decisions += append.size();
        }
        commits.committed(decisions, nanos);
        return written;
    }

    /** Runs on the writer thread: one transaction for the whole group. */
    private List<List<Appended>> writeGroup(List<List<EncodedRecord>> group) {
        long[] end = new long[1];
        String[] endLink = new String[1];
        List<List<Appended>> written = Jdbc.inTransaction(database.writer(), "appending decisions failed", connection -> {
            // First the chain's head, locked until commit: another server's group waits here, and the
            // ids it wrote are seen by the read below.
            long head;
            String headLink;
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT last_seq, last_link FROM chain_head WHERE id = 1 FOR UPDATE");
                 ResultSet row = lock.executeQuery()) {
                row.next();
                head = row.getLong(1);
                headLink = row.getString(2);
            }
            Map<String, DecisionRecord> stored = findByFeedbackIds(connection, group);
            List<List<Appended>> results = new ArrayList<>(group.size());
            long seq = head;
            String link = headLink;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO decision (decision_id, feedback_id, customer_id, received_at, decided_at,
                                          rule_set_version, feedback, fired_rules, actions,
                                          feedback_hash, chain_seq, record_hash, chain_hash,
                                          context, survey, score, touchpoint, phase, complaint, record_format)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                List<DecisionRecord> created = new ArrayList<>();
                for (List<EncodedRecord> append : group) {
                    List<Appended> appended = new ArrayList<>(append.size());
                    for (EncodedRecord encoded : append) {
                        DecisionRecord record = encoded.record();
                        DecisionRecord original = stored.putIfAbsent(record.key(), record);
                        if (original == null) {
                            link = bindInsert(insert, encoded, ++seq, link);
                            insert.addBatch();
                            created.add(record);
                        }
                        appended.add(original == null ? new Appended(record, true) : new Appended(original, false));
                    }
                    results.add(appended);
                }
                insert.executeBatch();
                for (AppendEffect effect : effects) {
                    effect.apply(connection, created);
                }
            }
            if (seq > head) {
                Jdbc.update(connection, "UPDATE chain_head SET last_seq = ?, last_link = ? WHERE id = 1", seq, link);
                if (chainKey != null) {
                    checkpoint(connection, seq, link);
                }
            }
            end[0] = seq;
            endLink[0] = link;
            return results;
        });
        // The chain's end moves only once its records are committed.
        lastSeq = end[0];
        lastLink = endLink[0];
        return written;
    }

    private Map<String, DecisionRecord> findByFeedbackIds(Connection connection, List<List<EncodedRecord>> group)
            throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        group.forEach(append -> append.forEach(encoded -> ids.add(encoded.record().key())));
        return findByFeedbackIds(connection, ids);
    }

    @Override
    public Map<String, DecisionRecord> findByFeedbackIds(Collection<String> feedbackIds) {
        return Jdbc.read(dataSource, "reading decisions failed",
                connection -> findByFeedbackIds(connection, new LinkedHashSet<>(feedbackIds)));
    }

    private Map<String, DecisionRecord> findByFeedbackIds(Connection connection, Set<String> ids) throws SQLException {
        Map<String, DecisionRecord> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM decision WHERE feedback_id = ANY(?) AND customer_id <> ''")) {
            database.vendor().planForEachRun(select);
            select.setArray(1, connection.createArrayOf("VARCHAR", ids.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    DecisionRecord record = readRecord(rows);
                    found.put(record.key(), record);
                }
            }
        }
        return found;
    }

    /** Binds one record as link {@code seq} of the chain and returns that link's hash. */
    private static String bindInsert(PreparedStatement insert, EncodedRecord encoded, long seq, String previousLink)
            throws SQLException {
        DecisionRecord record = encoded.record();
        Feedback feedback = record.feedback();
        Decision decision = record.decision();
        String link = Chain.link(previousLink, encoded.recordHash());
        insert.setObject(1, UUID.fromString(record.decisionId()));
        insert.setString(2, record.key());
        insert.setString(3, record.customerId());
        insert.setObject(4, utc(encoded.receivedAt()));
        insert.setObject(5, utc(decision.decidedAt()));
        insert.setString(6, decision.ruleSetVersion());
        insert.setString(7, encoded.feedbackJson());
        insert.setString(8, encoded.firedRulesJson());
        insert.setString(9, encoded.actionsJson());
        insert.setString(10, encoded.feedbackHash());
        insert.setLong(11, seq);
        insert.setString(12, encoded.recordHash());
        insert.setString(13, link);
        insert.setString(14, encoded.contextJson());
        insert.setString(15, feedback == null ? null : feedback.survey().name());
        insert.setObject(16, feedback == null ? null : feedback.score());
        insert.setString(17, feedback == null ? null : feedback.touchpoint().name());
        insert.setString(18, feedback == null ? null : feedback.phase().name());
        insert.setObject(19, feedback == null ? null : feedback.complaint());
        insert.setInt(20, EncodedRecord.FORMAT);
        return link;
    }

    /** Signs the chain's head as of this commit, in its transaction. */
    private void checkpoint(Connection connection, long seq, String link) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO chain_checkpoint (chain_seq, chain_hash, mac, written_at) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, link);
            insert.setString(3, Chain.checkpointMac(chainKey, seq, link));
            insert.setObject(4, utc(Instant.now()));
            insert.executeUpdate();
        }
    }

    private void readChainEnd() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT last_seq, last_link FROM chain_head WHERE id = 1");
             ResultSet row = select.executeQuery()) {
            row.next();
            lastSeq = row.getLong(1);
            lastLink = row.getString(2);
        } catch (SQLException e) {
            throw new LogAccessException("reading the end of the decision chain failed", e);
        }
    }

    @Override
    public void walkChain(Instant from, Instant to, Consumer<ChainLink> visitor) {
        try (Connection connection = dataSource.getConnection()) {
            long start = firstSeqAtOrAfter(connection, from == null ? new UUID(0, 0) : leastIdAt(from)) - 1;
            // The link before each row: what its own link must have been built on.
            long[] previousSeq = {start};
            String[] previousLink = {start == 0 ? Chain.GENESIS : linkAt(connection, start)};
            walkRows(connection, start, to, CHAIN_COLUMNS, (row, seq) -> {
                String stored = row.getString("chain_hash");
                boolean erased = ERASED_FEEDBACK.equals(row.getString("feedback"));
                String broken = brokenLink(row, seq, previousSeq[0], previousLink[0], stored, erased);
                DecisionRecord record = null;
                if (!erased) {
                    try {
                        record = readRecord(row);
                        if (broken == null && row.getObject("record_format") == null) {
                            broken = columnsNotOf(row, record);
                        }
                    } catch (IllegalStateException | IllegalArgumentException | NullPointerException unreadable) {
                        broken = broken != null ? broken : "the stored record cannot be read";
                    }
                } else if (broken == null) {
                    broken = notErasedAsItSays(row);
                }
                visitor.accept(new ChainLink(seq, row.getObject("decision_id", UUID.class).toString(), record, erased,
                        broken));
                previousSeq[0] = seq;
                previousLink[0] = stored;
            });
        } catch (SQLException e) {
            throw new LogAccessException("walking the decision chain failed", e);
        }
    }

    @Override
    public void walkRecords(Instant from, Instant to, Consumer<Supplier<DecisionRecord>> visitor) {
        try (Connection connection = dataSource.getConnection()) {
            long start = firstSeqAtOrAfter(connection, from == null ? new UUID(0, 0) : leastIdAt(from)) - 1;
            walkRows(connection, start, to, COLUMNS, (row, seq) -> {
                StoredRow stored = StoredRow.of(row);
                if (!ERASED_CUSTOMER.equals(stored.customerId())) {
                    visitor.accept(stored::record);
                }
            });
        } catch (SQLException e) {
            throw new LogAccessException("reading the decision log failed", e);
        }
    }

    private interface RowVisitor {
        void visit(ResultSet row, long seq) throws SQLException;
    }

    /**
     * Hands the rows after place {@code afterSeq} of the chain to the visitor in the chain's order,
     * a page at a time, up to the first one decided at or after {@code to} (null: to the end).
     */
    private static void walkRows(Connection connection, long afterSeq, Instant to, String columns, RowVisitor visitor)
            throws SQLException {
        UUID high = to == null ? null : leastIdAt(to);
        boolean more = true;
        while (more) {
            more = false;
            try (PreparedStatement select = connection.prepareStatement("SELECT " + columns + ", chain_seq "
                    + "FROM decision WHERE chain_seq > ? ORDER BY chain_seq LIMIT " + WALK_PAGE)) {
                select.setLong(1, afterSeq);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        more = true;
                        afterSeq = row.getLong("chain_seq");
                        if (high != null && !isBefore(row.getObject("decision_id", UUID.class), high)) {
                            return;
                        }
                        visitor.visit(row, afterSeq);
                    }
                }
            }
        }
    }

    /** UUIDs compared as the unsigned numbers the database orders them by. */
    private static boolean isBefore(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high < 0 : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits()) < 0;
    }

    private static String brokenLink(ResultSet row, long seq, long previousSeq, String previousLink,
                                     String storedLink, boolean erased) throws SQLException {
        if (seq != previousSeq + 1) {
            return "records " + (previousSeq + 1) + " to " + (seq - 1) + " of the chain are missing";
        }
        String feedbackHash = row.getString("feedback_hash");
        Object format = row.getObject("record_format");
        if (format != null && ((Number) format).intValue() != EncodedRecord.FORMAT) {
            return "the record's format " + format + " is unknown: it was changed after it was written";
        }
        boolean covered = format != null;
        if (!erased && !(covered
                ? Chain.inputHash(row.getString("feedback_id"), row.getString("customer_id"), row.getString("feedback"),
                        row.getString("context"))
                : Chain.inputHash(row.getString("feedback"), row.getString("context"))).equals(feedbackHash)) {
            return covered
                    ? "the record's feedback was changed after it was written (or its context, customer id or key): "
                            + "they no longer match their hash"
                    : "the record's feedback was changed after it was written (or its context): it no longer matches its hash";
        }
        String decisionId = row.getObject("decision_id", UUID.class).toString();
        String decidedAt = row.getObject("decided_at", OffsetDateTime.class).toInstant().toString();
        String recordHash = covered
                ? Chain.recordHash(decisionId, feedbackHash, decidedAt, row.getString("rule_set_version"),
                        row.getString("fired_rules"), row.getString("actions"), storedAnswer(row))
                : Chain.recordHash(decisionId, feedbackHash, decidedAt, row.getString("rule_set_version"),
                        row.getString("fired_rules"), row.getString("actions"));
        if (!recordHash.equals(row.getString("record_hash"))) {
            return covered
                    ? "the record was changed after it was written (its decision, or the answer's received time, "
                            + "score, survey, touchpoint, phase or complaint): its content no longer matches its hash"
                    : "the record was changed after it was written: its content no longer matches its hash";
        }
        if (!Chain.link(previousLink, recordHash).equals(storedLink)) {
            return "the chain does not link to the record before: a record was changed, removed or reordered";
        }
        return null;
    }

    /** The answer's columns as stored, as format 2 hashes them. */
    private static String storedAnswer(ResultSet row) throws SQLException {
        OffsetDateTime receivedAt = row.getObject("received_at", OffsetDateTime.class);
        Object score = row.getObject("score");
        Object complaint = row.getObject("complaint");
        return Chain.answer(receivedAt == null ? "" : receivedAt.toInstant().toString(), row.getString("survey"),
                score == null ? null : ((Number) score).intValue(), row.getString("touchpoint"), row.getString("phase"),
                complaint == null ? null : (Boolean) complaint);
    }

    /**
     * A format 1 row's hashes cover its feedback and context but not the columns beside them,
     * which answers read (the customer id, the scoreboard's score…): each must be what the covered
     * input says. Null when they all are.
     */
    private static String columnsNotOf(ResultSet row, DecisionRecord record) throws SQLException {
        Feedback feedback = record.feedback();
        var due = record.context().caseDue();
        List<String> differ = new ArrayList<>();
        String customerId = feedback != null ? feedback.customerId() : due.customerId();
        if (!customerId.equals(row.getString("customer_id"))) {
            differ.add("customer_id");
        }
        String key = row.getString("feedback_id");
        if (feedback != null ? !feedback.id().equals(key) : !key.startsWith("case-due:" + due.caseId() + ":")) {
            differ.add("feedback_id");
        }
        Instant receivedAt = feedback != null ? feedback.receivedAt() : due.receivedAt();
        if (!storedAnswer(row).equals(EncodedRecord.answer(receivedAt, feedback))) {
            differ.add("the answer's columns (received_at, survey, score, touchpoint, phase or complaint)");
        }
        return differ.isEmpty() ? null
                : "the stored " + String.join(", ", differ) + " no longer match the record's feedback: "
                        + "changed after it was written";
    }

    /** An erased row keeps no customer, key or context: one that does was changed after its erasure. */
    private static String notErasedAsItSays(ResultSet row) throws SQLException {
        String decisionId = row.getObject("decision_id", UUID.class).toString();
        return ERASED_CUSTOMER.equals(row.getString("customer_id"))
                && ("erased:" + decisionId).equals(row.getString("feedback_id")) && row.getString("context") == null
                ? null : "the record is erased, but its customer id, key or context was written after the erasure";
    }

    private static long firstSeqAtOrAfter(Connection connection, UUID decisionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MIN(chain_seq) FROM decision WHERE decision_id >= ?")) {
            select.setObject(1, decisionId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long seq = row.getLong(1);
                return row.wasNull() ? Long.MAX_VALUE : seq;
            }
        }
    }

    private static String linkAt(Connection connection, long seq) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT chain_hash FROM decision WHERE chain_seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : Chain.GENESIS;
            }
        }
    }

    @Override
    public int erase(String customerId) {
        // Marked before erasing: a crash after the erasure is followed by a compaction at the next open.
        database.erasedSomething();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE decision SET feedback = ?, customer_id = ?, context = NULL,
                                         feedback_id = CONCAT('erased:', CAST(decision_id AS VARCHAR))
                     WHERE customer_id = ?""")) {
            update.setString(1, ERASED_FEEDBACK);
            update.setString(2, ERASED_CUSTOMER);
            update.setString(3, customerId);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new LogAccessException("erasing a customer's records failed", e);
        }
    }

    @Override
    public Anchoring anchoring() {
        if (chainKey == null) {
            return Anchoring.notKeyed();
        }
        try (Connection connection = dataSource.getConnection()) {
            long head = 0;
            String headLink = Chain.GENESIS;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT chain_seq, chain_hash FROM decision ORDER BY chain_seq DESC LIMIT 1");
                 ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    head = row.getLong(1);
                    headLink = row.getString(2);
                }
            }
            List<Mismatch> broken = new ArrayList<>();
            long anchored = 0;
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT c.chain_seq, c.chain_hash, c.mac, d.chain_hash, d.decision_id FROM chain_checkpoint c
                    LEFT JOIN decision d ON d.chain_seq = c.chain_seq ORDER BY c.chain_seq""");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long seq = row.getLong(1);
                    String link = row.getString(2);
                    UUID decisionId = row.getObject(5, UUID.class);
                    String id = decisionId == null ? null : decisionId.toString();
                    if (!Chain.checkpointMac(chainKey, seq, link).equals(row.getString(3))) {
                        broken.add(new Mismatch(seq, id, "the checkpoint at record " + seq + " is not signed "
                                + "with this LUPAUS_CHAIN_KEY: it was forged or changed (or the key is another)"));
                    } else if (decisionId == null) {
                        broken.add(new Mismatch(seq, null, "record " + seq + " was signed as the chain's "
                                + "head, but the log no longer holds it: the log was truncated"));
                    } else if (!link.equals(row.getString(4))) {
                        broken.add(new Mismatch(seq, id, "record " + seq + " is not the one signed at its "
                                + "checkpoint: the chain was rewritten from here or before"));
                    } else {
                        anchored = seq;
                    }
                }
            }
            return Anchoring.keyed(head, headLink, anchored, broken);
        } catch (SQLException e) {
            throw new LogAccessException("reading the chain's checkpoints failed", e);
        }
    }

    @Override
    public List<Mismatch> derivedMismatches() {
        try (Connection connection = dataSource.getConnection()) {
            List<Mismatch> mismatches = new ArrayList<>();
            for (AppendEffect effect : effects) {
                mismatches.addAll(effect.check(connection));
            }
            return mismatches;
        } catch (SQLException e) {
            throw new LogAccessException("checking the rows derived from the records failed", e);
        }
    }

    @Override
    public boolean isErased(String decisionId) {
        UUID id;
        try {
            id = UUID.fromString(decisionId);
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT 1 FROM decision WHERE decision_id = ? AND customer_id = ''")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new LogAccessException("reading a decision failed", e);
        }
    }

    @Override
    public List<RuleSource> keptSources(String ruleSetVersion) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, drl FROM rule_set_source WHERE rule_set_version = ? ORDER BY name")) {
            select.setString(1, ruleSetVersion);
            List<RuleSource> sources = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    sources.add(new RuleSource(row.getString(1), row.getString(2)));
                }
            }
            return sources;
        } catch (SQLException e) {
            throw new LogAccessException("reading rule set " + ruleSetVersion + " failed", e);
        }
    }

    @Override
    public String newDecisionId(Instant decidedAt) {
        return decisionIds.construct(decidedAt.toEpochMilli()).toString();
    }

    /** The least version 7 UUID of the instant's millisecond: every id of that time or later sorts at or above it. */
    private static UUID leastIdAt(Instant instant) {
        return new UUID(instant.toEpochMilli() << 16, 0);
    }

    @Override
    public Optional<DecisionRecord> find(String decisionId) {
        try {
            return findOne("decision_id", UUID.fromString(decisionId));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<DecisionRecord> findByFeedbackId(String feedbackId) {
        return findOne("feedback_id", feedbackId);
    }

    private Optional<DecisionRecord> findOne(String column, Object value) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM decision WHERE " + column + " = ? AND customer_id <> ''")) {
            select.setObject(1, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(readRecord(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LogAccessException("reading a decision failed", e);
        }
    }

    @Override
    public Page<DecisionRecord> query(DecisionQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM decision WHERE decision_id > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.after() == null ? new UUID(0, 0) : UUID.fromString(query.after()));
        filters(query, sql, parameters);
        sql.append(" ORDER BY decision_id LIMIT ?");
        parameters.add(query.limit() + 1);

        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<DecisionRecord> items = new ArrayList<>();
            String last = null;
            boolean more = false;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (items.size() == query.limit()) {
                        more = true;
                        break;
                    }
                    DecisionRecord record = readRecord(rows);
                    last = record.decisionId();
                    items.add(record);
                }
            }
            return new Page<>(items, more ? last : null);
        } catch (SQLException e) {
            throw new LogAccessException("listing decisions failed", e);
        }
    }

    @Override
    public long count(DecisionQuery query) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM decision WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        filters(query, sql, parameters);
        return Jdbc.count(dataSource, "counting decisions failed", sql.toString(), parameters);
    }

    /** The query's filters, each after an AND; erased records are never listed. */
    private static void filters(DecisionQuery query, StringBuilder sql, List<Object> parameters) {
        sql.append(" AND customer_id <> ''");
        if (query.customerId() != null) {
            sql.append(" AND customer_id = ?");
            parameters.add(query.customerId());
        }
        if (query.from() != null) {
            sql.append(" AND decision_id >= ?");
            parameters.add(leastIdAt(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND decision_id < ?");
            parameters.add(leastIdAt(query.to()));
        }
        // The fired rules and actions are JSON as LogJson writes them: match the encoded text. A part
        // of a rule's name is matched as it is encoded inside the name's quotes, so that it never
        // spans two names (an encoded part holds no bare quote).
        if (query.rule() != null) {
            String encoded = LogJson.write(query.rule().toLowerCase(Locale.ROOT));
            sql.append(" AND LOWER(fired_rules) LIKE ? ESCAPE '\\'");
            parameters.add("%" + likeLiteral(encoded.substring(1, encoded.length() - 1)) + "%");
        }
        if (query.action() != null) {
            sql.append(" AND actions LIKE ? ESCAPE '\\'");
            parameters.add("%" + likeLiteral("\"type\":" + LogJson.write(query.action().name())) + "%");
        }
        answerFilters(query.answers(), sql, parameters);
    }

    /** What a scoreboard number counts, on the columns it sums (JdbcAnswers). */
    private static void answerFilters(DecisionQuery.Answers answers, StringBuilder sql, List<Object> parameters) {
        if (answers.receivedFrom() != null) {
            sql.append(" AND received_at >= ?");
            parameters.add(utc(answers.receivedFrom()));
        }
        if (answers.receivedTo() != null) {
            sql.append(" AND received_at < ?");
            parameters.add(utc(answers.receivedTo()));
        }
        if (answers.answered()) {
            sql.append(" AND survey IS NOT NULL");
        }
        if (answers.survey() != null) {
            sql.append(" AND survey = ?");
            parameters.add(answers.survey().name());
        }
        if (answers.scoreMin() != null) {
            sql.append(" AND score >= ?");
            parameters.add(answers.scoreMin());
        }
        if (answers.scoreMax() != null) {
            sql.append(" AND score <= ?");
            parameters.add(answers.scoreMax());
        }
        if (answers.touchpoint() != null) {
            sql.append(" AND touchpoint = ?");
            parameters.add(answers.touchpoint().name());
        }
        if (answers.phase() != null) {
            sql.append(" AND phase = ?");
            parameters.add(answers.phase().name());
        }
    }

    /** Text that LIKE matches literally, escaped with a backslash. */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public void keep(RuleSet ruleSet) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement merge = connection.prepareStatement(
                     database.vendor().upsert("rule_set_source", List.of("rule_set_version", "name"),
                             List.of("rule_set_version", "name", "drl")))) {
            for (RuleSource source : ruleSet.sources()) {
                merge.setString(1, ruleSet.version());
                merge.setString(2, source.name());
                merge.setString(3, source.drl());
                merge.addBatch();
            }
            merge.executeBatch();
        } catch (SQLException e) {
            throw new LogAccessException("keeping rule set " + ruleSet.version() + " failed", e);
        }
    }

    @Override
    public List<LoggedActions> actionsAfter(long afterSeq, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + ACTION_COLUMNS
                     + " FROM decision WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?")) {
            select.setLong(1, afterSeq);
            select.setInt(2, limit);
            List<LoggedActions> entries = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    entries.add(readActions(row));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new LogAccessException("reading the log after " + afterSeq + " failed", e);
        }
    }

    @Override
    public Optional<LoggedActions> actionsOf(String decisionId) {
        UUID id;
        try {
            id = UUID.fromString(decisionId);
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + ACTION_COLUMNS
                     + " FROM decision WHERE decision_id = ? AND customer_id <> ''")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(readActions(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LogAccessException("reading a decision's actions failed", e);
        }
    }

    private static LoggedActions readActions(ResultSet row) throws SQLException {
        boolean erased = ERASED_CUSTOMER.equals(row.getString("customer_id"));
        return new LoggedActions(row.getLong("chain_seq"), row.getObject("decision_id", UUID.class).toString(),
                row.getString("feedback_id"), row.getString("customer_id"), row.getString("rule_set_version"),
                row.getObject("decided_at", OffsetDateTime.class).toInstant(),
                erased ? List.of() : LogJson.read(row.getString("actions"), ACTIONS));
    }

    private static DecisionRecord readRecord(ResultSet row) throws SQLException {
        return StoredRow.of(row).record();
    }

    /** A record's columns as stored, not yet parsed: parsing can wait, or go to another thread. */
    private record StoredRow(String decisionId, String key, String customerId, String ruleSetVersion,
                             Instant decidedAt, String feedback, String context, String firedRules, String actions) {

        static StoredRow of(ResultSet row) throws SQLException {
            return new StoredRow(row.getObject("decision_id", UUID.class).toString(), row.getString("feedback_id"),
                    row.getString("customer_id"), row.getString("rule_set_version"),
                    row.getObject("decided_at", OffsetDateTime.class).toInstant(), row.getString("feedback"),
                    row.getString("context"), row.getString("fired_rules"), row.getString("actions"));
        }

        DecisionRecord record() {
            Decision decision = new Decision(ruleSetVersion, decidedAt, LogJson.read(firedRules, RULES),
                    LogJson.read(actions, ACTIONS));
            return new DecisionRecord(decisionId, key, customerId,
                    feedback == null ? null : LogJson.read(feedback, Feedback.class),
                    context == null ? DecisionContext.NONE : LogJson.read(context, DecisionContext.class), decision);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Writes what is queued; closes the database too when the log opened it. */
    @Override
    public void close() {
        writer.close();
        if (chainKey != null && lastSeq > 0) {
            // Kept outside the database: what finds a truncation of the log to an earlier head.
            LOG.info("the decision log closes with its head at record {}, link {}, checkpoint MAC {}", lastSeq,
                    lastLink, Chain.checkpointMac(chainKey, lastSeq, lastLink));
        }
        if (ownsDatabase) {
            database.close();
        }
    }
}
