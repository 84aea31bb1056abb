package fi.lupaus.engine.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox: follows the decision log and keeps one delivery for each action and each handler
 * that accepts it, with its state (pending, delivered, dead), attempts and next attempt time.
 * The actions themselves stay in the log, stored with their decision; a delivery points at one.
 *
 * <p>{@link #dispatch} reads decisions after a durable cursor and creates their deliveries in
 * the transaction that moves the cursor, so a crash neither loses nor doubles one. They are
 * claimed by the dispatching server as they are created and come back with their actions, so a
 * new delivery costs one row written and one update, not a claim and a read of the log. Deliveries
 * that fail wait exponentially longer, from {@link Policy#firstBackoff()} up to
 * {@link Policy#maxBackoff()}, and are dead after {@link Policy#maxAttempts()}. Blocking (a store):
 * call it from a worker, and from one sweeper at a time.
 */
public interface Outbox {

    enum State {
        PENDING, DELIVERED, DEAD;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How deliveries are retried. */
    record Policy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

        public Policy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("at least one attempt is needed, not " + maxAttempts);
            }
        }

        /** How long to wait after the {@code attempts}-th failed attempt: doubling, capped. */
        public Duration backoff(int attempts) {
            Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempts - 1, 30));
            return wait.compareTo(maxBackoff) > 0 || wait.isNegative() ? maxBackoff : wait;
        }
    }

    /** One delivery as stored. */
    record Delivery(long id, String deliveryId, long seq, String decisionId, int actionIndex, String actionType,
                    String handler, State state, int attempts, Instant createdAt, Instant nextAttemptAt,
                    Instant deliveredAt, String lastError) {

        /** This delivery claimed until {@code end}: its next attempt, for any other server. */
        public Delivery claimedUntil(Instant end) {
            return new Delivery(id, deliveryId, seq, decisionId, actionIndex, actionType, handler, state, attempts,
                    createdAt, end, deliveredAt, lastError);
        }
    }

    /** A delivery claimed by this server, with the action its handler gets. */
    record Claimed(Delivery delivery, ActionDelivery action) {
    }

    /**
     * What one dispatch did.
     *
     * @param decisions  how many decisions it read; fewer than asked means the outbox caught up
     * @param deliveries their deliveries, claimed by the dispatching server
     */
    record Dispatched(int decisions, List<Claimed> deliveries) {
    }

    /** What came of one attempt. */
    record Outcome(Delivery delivery, boolean delivered, boolean hopeless, String error) {

        public static Outcome delivered(Delivery delivery) {
            return new Outcome(delivery, true, false, null);
        }

        /** A failed attempt: tried again after its backoff, unless it was the last. */
        public static Outcome failed(Delivery delivery, String error) {
            return new Outcome(delivery, false, false, error == null ? "failed" : error);
        }

        /** A delivery that can never succeed (its decision was erased): dead at once. */
        public static Outcome dead(Delivery delivery, String reason) {
            return new Outcome(delivery, false, true, reason);
        }
    }

    Policy policy();

    /**
     * Creates the deliveries of at most {@code limit} decisions after the cursor, one for each
     * action and each handler that accepts it, and moves the cursor past them, in one transaction.
     * The deliveries are claimed by this server for {@code lease} (as {@link #claim} would) and
     * come back with their actions, read with their decisions; a lease of zero leaves them due.
     */
    Dispatched dispatch(List<ActionHandler> handlers, int limit, Duration lease);

    /** The seq of the last decision whose deliveries exist. */
    long cursor();

    /**
     * At most {@code limit} pending deliveries whose time has come, longest waiting first (in the
     * order created when they wait equally long).
     */
    List<Delivery> due(int limit);

    /**
     * Claims at most {@code limit} due deliveries for this server for {@code lease}: another server
     * sharing the store does not get them meanwhile, and if this one dies before recording their
     * outcome, they are due again for any server when the lease ends. They come back with the
     * claim's end as their next attempt.
     */
    List<Delivery> claim(int limit, Duration lease);

    /**
     * Extends this server's claim on deliveries it is still working on to {@code lease} from now,
     * for attempts that take longer than a lease: each as {@link #claim} or {@link #dispatch}
     * answered it (its {@link Delivery#nextAttemptAt()} is when the claim ends). Answers those
     * still this server's, with their new end; one missing was taken by another server after its
     * claim ended, or is no longer pending.
     */
    List<Delivery> extend(List<Delivery> claimed, Duration lease);

    /**
     * The delivery as its handler gets it, with the action read from its decision; empty when the
     * decision is gone from reach (its customer's personal data was erased).
     */
    Optional<ActionDelivery> prepare(Delivery delivery);

    default void delivered(Delivery delivery) {
        record(List.of(Outcome.delivered(delivery)));
    }

    default void failed(Delivery delivery, String error) {
        record(List.of(Outcome.failed(delivery, error)));
    }

    /**
     * Records the outcomes of a sweep's attempts in one transaction: one commit for many
     * deliveries, so that delivering writes little beside the decisions. A delivery that is no
     * longer pending (retried or recorded meanwhile) is left as it is.
     */
    void record(List<Outcome> outcomes);

    /**
     * Deliveries in a state, oldest first, after the id {@code afterId} (0 for the first page).
     *
     * @param state a state, or {@code null} for every state
     */
    List<Delivery> list(State state, long afterId, int limit);

    Optional<Delivery> find(long id);

    /** Sends a dead delivery round again from its first attempt; false when it is not dead. */
    boolean retry(long id);

    /** Sends every dead delivery round again; answers how many. */
    int retryAllDead();

    /**
     * Forgets at most {@code limit} deliveries delivered before {@code before}, oldest first: the
     * decisions keep their actions, the outbox only what is still to do and what was done lately.
     *
     * @return how many were forgotten
     */
    int forgetDelivered(Instant before, int limit);

    /** Forgets at most {@code limit} deliveries delivered longer than {@code age} ago. */
    int forgetDeliveredOlderThan(Duration age, int limit);

    /** How many deliveries are in each state. */
    Map<State, Long> counts();
}
