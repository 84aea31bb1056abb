package fi.lupaus.console.ruleset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import fi.lupaus.engine.decision.DecisionContext;
import fi.lupaus.engine.fact.CompanyCalendar;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.sandbox.SandboxCase;

/**
 * Feedback a draft must decide within the sandbox's limits before it is deployed: every
 * touchpoint, phase, survey and score, every loyalty tier, with and without complaint, order and
 * comment, at every hour of a week. The same every time, so that a deploy refused once is refused
 * again.
 */
final class FeedbackSample {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private FeedbackSample() {
    }

    static List<SandboxCase> of(int size, CompanyCalendar calendar) {
        Touchpoint[] touchpoints = Touchpoint.values();
        Phase[] phases = Phase.values();
        LoyaltyTier[] tiers = LoyaltyTier.values();
        DecisionContext context = new DecisionContext(List.of(), List.of(), null, calendar, null);
        List<SandboxCase> sample = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Survey survey = i % 3 == 2 ? Survey.CSAT : Survey.NPS;
            int score = survey.min() + (i / 3) % (survey.max() - survey.min() + 1);
            // Strides that share no factor with each other, so that the combinations vary.
            Instant received = START.plus(Duration.ofMinutes(37L * i % (7 * 24 * 60)));
            Feedback feedback = new Feedback("sample-" + i, "sample-customer-" + i % 97, received,
                    touchpoints[i % touchpoints.length], phases[i / 7 % phases.length], survey, score,
                    i % 4 == 0 ? "sample comment " + i : null, i % 5 == 0, i % 2 == 0 ? "order-" + i : null,
                    tiers[i / 21 % tiers.length]);
            sample.add(new SandboxCase(feedback, context, received.plusSeconds(60)));
        }
        return sample;
    }
}
