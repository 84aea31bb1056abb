package fi.lupaus.engine.log;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import fi.lupaus.engine.fact.PreviousAnswer;

/** Customers' earlier answers, as the rules see them beside a new one: read from the decision log. */
public interface AnswerHistory {

    /**
     * Each customer's latest answers given at or after {@code since}, newest first, at most
     * {@code limit} of each. Bounded, so that a customer id shared by thousands of answers (a
     * kiosk) costs no more than any other.
     */
    Map<String, List<PreviousAnswer>> recentAnswers(Collection<String> customerIds, Instant since, int limit);
}
