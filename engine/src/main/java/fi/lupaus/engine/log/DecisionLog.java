package fi.lupaus.engine.log;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import java.util.function.Consumer;
import java.util.function.Supplier;

import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * The durable record of every feedback and its decision. An append completes only once its
 * records are durable; appends from concurrent callers are written together (group commit).
 * The embedded H2 store implements it; a PostgreSQL store can later.
 */
public interface DecisionLog extends AutoCloseable {

    /**
     * Appends records atomically: all of them are stored, or none. A record whose feedback id
     * is already in the log is not stored again; its {@link Appended} carries the original.
     *
     * @return completes when the records are durable, on a thread of the log's own; fails with
     *         {@link LogFullException} at once when too many appends are waiting
     */
    CompletionStage<List<Appended>> append(List<DecisionRecord> records);

    /** A new id for a decision made at {@code decidedAt}; ids sort by their decision time. */
    String newDecisionId(Instant decidedAt);

    Optional<DecisionRecord> find(String decisionId);

    Optional<DecisionRecord> findByFeedbackId(String feedbackId);

    /** The records of those of the feedback ids that were decided (and not erased), by feedback id. */
    Map<String, DecisionRecord> findByFeedbackIds(Collection<String> feedbackIds);

    Page<DecisionRecord> query(DecisionQuery query);

    /** How many readable decisions the query's filters match on all its pages. */
    long count(DecisionQuery query);

    /**
     * Erases a customer's personal data (the customer id, the feedback with its comment and
     * order) from every record of theirs, keeping the decisions and the chain: the chain covers
     * the feedback through its hash, so it still verifies. Erased records are no longer found,
     * listed or replayed.
     *
     * @return how many records were erased
     */
    int erase(String customerId);

    /** Whether the decision's personal data was erased. */
    boolean isErased(String decisionId);

    /** Keeps a rule set's sources for ever, so that its decisions can be replayed. */
    void keep(RuleSet ruleSet);

    /** The kept sources of a rule set version, in name order; empty when it was never kept. */
    List<RuleSource> keptSources(String ruleSetVersion);

    /**
     * Hands the records decided in [from, to) to the visitor in the order they were written,
     * each with whether the tamper-evident chain holds at it. Either bound may be null.
     */
    void walkChain(Instant from, Instant to, Consumer<ChainLink> visitor);

    /**
     * Hands the readable (not erased) records decided in [from, to) to the visitor in the order
     * they were written, each still unparsed: the visitor may parse it on another thread. No
     * chain check: {@link #walkChain} is for that. Either bound may be null.
     */
    void walkRecords(Instant from, Instant to, Consumer<Supplier<DecisionRecord>> visitor);

    /**
     * The actions of at most {@code limit} records written after place {@code afterSeq} of the
     * chain, in the order they were written: a reader that remembers the last seq it saw follows
     * the log (the outbox does). Places are given in commit order, so none is skipped. Only the
     * actions are read: following the log costs no parsing of feedback and contexts.
     */
    List<LoggedActions> actionsAfter(long afterSeq, int limit);

    /** The actions of one decision, as {@link #actionsAfter} reads them; empty when unknown or erased. */
    Optional<LoggedActions> actionsOf(String decisionId);

    /**
     * Checks the chain's head against the checkpoints signed with the chain key: what a rewrite of
     * records with their hashes and links recomputed cannot forge without the key.
     */
    Anchoring anchoring();

    /**
     * Checks the rows that append effects derived from the records (the cases a decision opened,
     * the contacts it made) against those records: each row that no longer says what its record
     * says.
     */
    List<Mismatch> derivedMismatches();

    @Override
    void close();
}
