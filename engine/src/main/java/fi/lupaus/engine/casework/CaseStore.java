package fi.lupaus.engine.casework;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fi.lupaus.engine.fact.CaseState;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.LastContact;
import fi.lupaus.engine.log.Page;

/**
 * The cases. Decisions open, add to and escalate them in the unit of work that records the
 * decision ({@link Casework}); people move them along with {@link #acknowledge}, {@link #resolve},
 * {@link #reassign} and {@link #cancel}, one at a time per case. Thread-safe.
 */
public interface CaseStore {

    /** Who a decision's step in a case's history is written as. */
    String RULES = Casework.RULES;

    /** Acknowledges an open case. */
    Optional<CaseFile> acknowledge(String caseId, String actor, Instant at);

    /** Resolves an open or acknowledged case; kept when {@code at} is by its deadline. */
    Optional<CaseFile> resolve(String caseId, Outcome outcome, String note, String actor, Instant at);

    /** Gives an open or acknowledged case to another owner. */
    Optional<CaseFile> reassign(String caseId, String owner, String actor, Instant at);

    /** Cancels an open or acknowledged case: not kept; broken when it was cancelled after its deadline. */
    Optional<CaseFile> cancel(String caseId, String note, String actor, Instant at);

    /** One case with its history. */
    Optional<CaseFile> find(String caseId);

    /** Cases in the query's order, without their history. */
    Page<CaseFile> query(CaseQuery query);

    /** How many cases the query's filters match on all its pages. */
    long count(CaseQuery query);

    /** The open and acknowledged cases: what the deadline sweep looks at. */
    List<CaseFile> active();

    /** The cases whose feedback was given in [from, to), for the scoreboard; either bound may be null. */
    List<CaseFile> receivedBetween(Instant from, Instant to);

    /**
     * The customers' cases the rules see with their new feedback: the open ones, and the latest
     * {@code limit} closed at or after {@code closedSince}.
     */
    Map<String, List<CustomerCase>> customerCases(Collection<String> customerIds, Instant closedSince, int limit);

    /** Each customer's last thank-you or aftercare at or before {@code at}. */
    Map<String, LastContact> lastContacts(Collection<String> customerIds, Instant at);

    /** Erases a customer's personal data from their cases (GDPR): the cases stay, for the scoreboard. */
    int erase(String customerId);

    /** What a person may do with a case in each state. */
    static List<String> allowedFrom(CaseState state) {
        return switch (state) {
            case OPEN -> List.of("acknowledge", "resolve", "reassign", "cancel");
            case ACKNOWLEDGED -> List.of("resolve", "reassign", "cancel");
            case RESOLVED, CANCELLED -> List.of();
        };
    }
}
