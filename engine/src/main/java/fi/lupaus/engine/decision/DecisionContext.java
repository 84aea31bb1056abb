package fi.lupaus.engine.decision;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import fi.lupaus.engine.fact.CaseDue;
import fi.lupaus.engine.fact.CompanyCalendar;
import fi.lupaus.engine.fact.CustomerAttribute;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.LastContact;
import fi.lupaus.engine.fact.PreviousAnswer;

/**
 * The facts a decision was given besides the feedback: the customer's recent history as the store
 * held it at the decision time, what fact enrichers told about the customer, the company calendar,
 * or the case a deadline sweep looked at. It
 * is recorded with the decision, so that a replay decides on exactly these facts and never asks
 * the store again.
 *
 * @param previousAnswers the customer's answers of the last 90 days before this one
 * @param cases           the customer's open cases and those resolved in the last 90 days
 * @param lastContact     the customer's last thank-you or aftercare, or {@code null}
 * @param calendar        the company's time zone, or {@code null}
 * @param caseDue         the case a deadline sweep decided on, or {@code null}
 */
public record DecisionContext(List<PreviousAnswer> previousAnswers, List<CustomerCase> cases,
                              LastContact lastContact, CompanyCalendar calendar, CaseDue caseDue,
                              // Left out of the log's JSON when there are none, so that a context
                              // without them is written exactly as before enrichers existed.
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CustomerAttribute> attributes) {

    /** No facts besides the feedback: what decisions recorded before contexts existed were given. */
    public static final DecisionContext NONE = new DecisionContext(List.of(), List.of(), null, null, null, List.of());

    public DecisionContext {
        previousAnswers = previousAnswers == null ? List.of() : List.copyOf(previousAnswers);
        cases = cases == null ? List.of() : List.copyOf(cases);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** A customer's history, without enrichers' attributes. */
    public DecisionContext(List<PreviousAnswer> previousAnswers, List<CustomerCase> cases, LastContact lastContact,
                           CompanyCalendar calendar, CaseDue caseDue) {
        this(previousAnswers, cases, lastContact, calendar, caseDue, List.of());
    }

    public static DecisionContext ofCaseDue(CaseDue caseDue) {
        return new DecisionContext(List.of(), List.of(), null, null, caseDue);
    }

    /** This context with what the fact enrichers told about the customer. */
    public DecisionContext withAttributes(List<CustomerAttribute> attributes) {
        return new DecisionContext(previousAnswers, cases, lastContact, calendar, caseDue, attributes);
    }

    /** Every fact of the context, to insert beside the feedback. */
    public List<Object> facts() {
        List<Object> facts = new ArrayList<>(previousAnswers);
        facts.addAll(cases);
        if (lastContact != null) {
            facts.add(lastContact);
        }
        if (calendar != null) {
            facts.add(calendar);
        }
        if (caseDue != null) {
            facts.add(caseDue);
        }
        facts.addAll(attributes);
        return facts;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
