package fi.lupaus.engine.decision;

import java.util.ArrayList;
import java.util.List;

import fi.lupaus.engine.fact.CaseDue;
import fi.lupaus.engine.fact.CompanyCalendar;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.LastContact;
import fi.lupaus.engine.fact.PreviousAnswer;

/**
 * The facts a decision was given besides the feedback: the customer's recent history as the store
 * held it at the decision time, the company calendar, or the case a deadline sweep looked at. It
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
                              LastContact lastContact, CompanyCalendar calendar, CaseDue caseDue) {

    /** No facts besides the feedback: what decisions recorded before contexts existed were given. */
    public static final DecisionContext NONE = new DecisionContext(List.of(), List.of(), null, null, null);

    public DecisionContext {
        previousAnswers = previousAnswers == null ? List.of() : List.copyOf(previousAnswers);
        cases = cases == null ? List.of() : List.copyOf(cases);
    }

    public static DecisionContext ofCaseDue(CaseDue caseDue) {
        return new DecisionContext(List.of(), List.of(), null, null, caseDue);
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
        return facts;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
