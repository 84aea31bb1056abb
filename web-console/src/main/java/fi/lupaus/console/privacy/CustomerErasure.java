package fi.lupaus.console.privacy;

import java.time.Clock;

import fi.lupaus.console.access.AccessStore;
import fi.lupaus.console.access.Caller;
import fi.lupaus.engine.casework.CaseStore;
import fi.lupaus.engine.log.DecisionLog;

/**
 * Erasing a customer (GDPR): their personal data leaves every decision and case, the decisions and
 * the chain stay, and the erasure is in the audit log under the customer's pseudonym, never their id.
 * Blocking: call it from a worker.
 */
public final class CustomerErasure {

    /** What one erasure did. */
    public record Erased(int records, int cases) {
    }

    private final DecisionLog log;
    private final CaseStore cases;
    private final AccessStore access;
    private final CustomerPseudonyms pseudonyms;
    private final Clock clock;

    public CustomerErasure(DecisionLog log, CaseStore cases, AccessStore access, CustomerPseudonyms pseudonyms,
                           Clock clock) {
        this.log = log;
        this.cases = cases;
        this.access = access;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    public Erased erase(String customerId, Caller actor) {
        Erased erased = new Erased(log.erase(customerId), cases.erase(customerId));
        access.recordEvent(clock.instant(), actor, "customer.erased", pseudonyms.of(customerId),
                erased.records() + " records, " + erased.cases() + " cases");
        return erased;
    }
}
