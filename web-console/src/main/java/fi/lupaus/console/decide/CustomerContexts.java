package fi.lupaus.console.decide;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import fi.lupaus.engine.casework.CaseStore;
import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.CompanyCalendar;
import fi.lupaus.engine.fact.CustomerCase;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LastContact;
import fi.lupaus.engine.fact.PreviousAnswer;
import fi.lupaus.engine.log.AnswerHistory;

/**
 * Reads what the rules see of customers' recent history when their new feedback is decided: their
 * answers of the last 90 days, their open cases and those closed in the last 90 days, and their
 * last contact. Read once per batch, from the store, on a worker thread.
 */
public final class CustomerContexts {

    /** How far back the rules see a customer's answers and closed cases. */
    static final Duration HISTORY = Duration.ofDays(90);
    /** At most this many of a customer's latest answers, and of their latest closed cases. */
    static final int LATEST = 20;

    private final AnswerHistory log;
    private final CaseStore cases;
    private final CompanyCalendar calendar;

    public CustomerContexts(AnswerHistory log, CaseStore cases, ZoneId timeZone) {
        this.log = log;
        this.cases = cases;
        this.calendar = new CompanyCalendar(timeZone.getId());
    }

    /** The customers' histories as the store holds them now, for decisions made at {@code now}. */
    public Histories load(Collection<String> customerIds, Instant now) {
        return new Histories(log.recentAnswers(customerIds, now.minus(HISTORY), LATEST),
                cases.customerCases(customerIds, now.minus(HISTORY), LATEST),
                cases.lastContacts(customerIds, now), calendar);
    }

    /** The histories of a batch's customers. */
    public record Histories(Map<String, List<PreviousAnswer>> answers, Map<String, List<CustomerCase>> cases,
                            Map<String, LastContact> lastContacts, CompanyCalendar calendar) {

        /** The context of one feedback: its customer's history without the feedback itself. */
        public DecisionContext of(Feedback feedback) {
            List<PreviousAnswer> previous = answers.getOrDefault(feedback.customerId(), List.of()).stream()
                    .filter(answer -> !answer.feedbackId().equals(feedback.id()))
                    .toList();
            return new DecisionContext(previous, cases.getOrDefault(feedback.customerId(), List.of()),
                    lastContacts.get(feedback.customerId()), calendar, null);
        }
    }
}
