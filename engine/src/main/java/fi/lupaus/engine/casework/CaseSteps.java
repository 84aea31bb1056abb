package fi.lupaus.engine.casework;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import fi.lupaus.engine.decision.Priority;

/**
 * What a decision may do to cases and contacts, inside the unit of work that records the decision:
 * all of it is durable with the decision or none of it is. The store gives one for each unit of
 * work; {@link Casework} says what to do with it.
 */
public interface CaseSteps {

    /** The open or acknowledged case of a customer for a promise, if any. */
    Optional<String> openCaseOf(String customerId, String promise);

    /** A case, without its history; empty when unknown or erased. */
    Optional<CaseFile> find(String caseId);

    /** Opens a new case. */
    void open(CaseFile file);

    /** Adds a step to a case's history. */
    void record(String caseId, CaseEvent event);

    /** Sets the escalation stages decided for a case; with a new owner (and high priority) when handed over. */
    void stages(String caseId, Set<String> stages, String newOwner, Priority priority);

    /** Marks a case's customer as recovered, once. */
    void recovered(String caseId, Instant at);

    /** Remembers a thank-you or aftercare, which the contact-frequency cap reads. */
    void contact(String customerId, Instant at, String type, String decisionId);
}
