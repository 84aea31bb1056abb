package fi.lupaus.examples.storebench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * What the decision log's writer and the deciders' context reads do to the store, with the sizes
 * measured on the server (docs/benchmark.md): a group of decisions in one transaction that first
 * locks the chain's head and checks the group's feedback ids, each decision a row of about 2 KB
 * under its indexes, most with a contact of their customer; and per decided feedback, its
 * customer's latest answers and last contact. Customers and feedback ids are random, as under load.
 * Its statements are prepared once, on its own connection, as the server's writer keeps its own.
 */
final class LogWorkload implements AutoCloseable {

    static final int CUSTOMERS = 20_000;
    /** Sizes of the recorded JSON, averages of a fresh store under the load command. */
    private static final int FEEDBACK_CHARS = 420, CONTEXT_CHARS = 842, FIRED_RULES_CHARS = 150, ACTIONS_CHARS = 256;
    /** The share of decisions that record a contact (a thank-you or aftercare). */
    private static final double CONTACTS = 0.85;
    private static final String[] SURVEYS = {"NPS", "CSAT", null};
    private static final String[] CONTACT_TYPES = {"THANK", "AFTERCARE"};

    private final EmbeddedStore store;
    private final Connection connection;
    private final PreparedStatement lockHead, known, insert, contact, moveHead, answers, lastContact;
    private final int group;
    private final Random random;
    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final String text;

    LogWorkload(EmbeddedStore store, Connection connection, int group, long seed) throws SQLException {
        this.store = store;
        this.connection = connection;
        this.group = group;
        this.lockHead = connection.prepareStatement(store.lockHead());
        this.known = connection.prepareStatement(
                "SELECT feedback_id FROM decision WHERE feedback_id IN (" + "?, ".repeat(group - 1) + "?)");
        this.insert = connection.prepareStatement("""
                INSERT INTO decision (decision_id, feedback_id, customer_id, received_at, decided_at,
                                      rule_set_version, feedback, fired_rules, actions,
                                      feedback_hash, chain_seq, record_hash, chain_hash,
                                      context, survey, score, touchpoint, phase, complaint, record_format)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        this.contact = connection.prepareStatement(
                "INSERT INTO customer_contact (customer_id, at, type, decision_id) VALUES (?, ?, ?, ?)");
        this.moveHead = connection.prepareStatement("UPDATE chain_head SET last_seq = ?, last_link = ? WHERE id = 1");
        this.answers = connection.prepareStatement("""
                SELECT feedback_id, received_at, survey, score, complaint FROM decision
                WHERE customer_id = ? AND received_at >= ? AND survey IS NOT NULL
                ORDER BY customer_id, received_at DESC LIMIT 20""");
        this.lastContact = connection.prepareStatement("""
                SELECT type, at FROM customer_contact
                WHERE customer_id = ? AND at <= ? ORDER BY customer_id, at DESC LIMIT 1""");
        this.random = new Random(seed);
        StringBuilder json = new StringBuilder();
        while (json.length() < 4 * CONTEXT_CHARS) {
            json.append("{\"feedbackId\":\"").append(UUID.randomUUID()).append("\",\"survey\":\"NPS\",\"score\":")
                    .append(random.nextInt(11)).append(",\"receivedAt\":\"2026-11-30T10:15:30.123456Z\"},");
        }
        this.text = json.toString();
    }

    /** Writes a group of decisions in one transaction, as the log's writer does; returns the chain's end. */
    long appendGroup() throws SQLException {
        long seq;
        String link;
        try (ResultSet head = lockHead.executeQuery()) {
            head.next();
            seq = head.getLong(1);
            link = head.getString(2);
        }
        String[] feedbackIds = new String[group];
        for (int i = 0; i < group; i++) {
            feedbackIds[i] = UUID.randomUUID().toString();
            known.setString(i + 1, feedbackIds[i]);
        }
        try (ResultSet rows = known.executeQuery()) {
            if (rows.next()) {
                throw new IllegalStateException("a random feedback id was already stored: " + rows.getString(1));
            }
        }
        for (int i = 0; i < group; i++) {
            UUID decisionId = ids.generate();
            String customer = customer();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            link = hash();
            store.bindId(insert, 1, decisionId);
            insert.setString(2, feedbackIds[i]);
            insert.setString(3, customer);
            store.bindTime(insert, 4, now);
            store.bindTime(insert, 5, now);
            insert.setString(6, "2026-11-30T10:00:00Z-3f2a9c1e");
            insert.setString(7, text(FEEDBACK_CHARS));
            insert.setString(8, text(FIRED_RULES_CHARS));
            insert.setString(9, text(ACTIONS_CHARS));
            insert.setString(10, hash());
            insert.setLong(11, ++seq);
            insert.setString(12, hash());
            insert.setString(13, link);
            insert.setString(14, text(CONTEXT_CHARS));
            String survey = SURVEYS[random.nextInt(SURVEYS.length)];
            insert.setString(15, survey);
            insert.setObject(16, survey == null ? null : random.nextInt(11));
            insert.setString(17, "STORE");
            insert.setString(18, "AFTER_PURCHASE");
            insert.setBoolean(19, random.nextInt(10) == 0);
            insert.setInt(20, 2);
            insert.addBatch();
            if (random.nextDouble() < CONTACTS) {
                contact.setString(1, customer);
                store.bindTime(contact, 2, now);
                contact.setString(3, CONTACT_TYPES[random.nextInt(CONTACT_TYPES.length)]);
                store.bindId(contact, 4, decisionId);
                contact.addBatch();
            }
        }
        insert.executeBatch();
        contact.executeBatch();
        moveHead.setLong(1, seq);
        moveHead.setString(2, link);
        moveHead.executeUpdate();
        connection.commit();
        return seq;
    }

    /** What a decider reads of one customer: their latest answers of 90 days and their last contact. */
    int readContext() throws SQLException {
        String customer = customer();
        Instant now = Instant.now();
        int rows = 0;
        answers.setString(1, customer);
        store.bindTime(answers, 2, now.minus(90, ChronoUnit.DAYS));
        try (ResultSet found = answers.executeQuery()) {
            while (found.next()) {
                rows++;
            }
        }
        lastContact.setString(1, customer);
        store.bindTime(lastContact, 2, now);
        try (ResultSet found = lastContact.executeQuery()) {
            while (found.next()) {
                rows++;
            }
        }
        connection.commit();
        return rows;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private String customer() {
        return "C-%05d".formatted(random.nextInt(CUSTOMERS));
    }

    private String text(int length) {
        int start = random.nextInt(text.length() - length);
        return text.substring(start, start + length);
    }

    private String hash() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
