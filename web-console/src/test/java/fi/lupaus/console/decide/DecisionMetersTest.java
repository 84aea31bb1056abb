package fi.lupaus.console.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import fi.lupaus.console.ops.Meters;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.Appended;
import fi.lupaus.engine.log.DecisionRecord;
import io.vertx.core.Future;

/**
 * Metering the decision path costs next to nothing: once a rule set has been seen, recording a
 * request's outcome and latencies allocates nothing and counts what it should.
 */
class DecisionMetersTest {

    private static final String VERSION = "2ffcf107bfe84666d58d6288e299c087103e8177630173e1dd3c095060b3441f";

    private static Appended appended(String id, boolean created) {
        Instant at = Instant.parse("2026-11-20T10:15:00Z");
        Feedback feedback = new Feedback(id, "C-1", at, Touchpoint.STORE, Phase.CORE, Survey.NPS, 9, null, false, null,
                LoyaltyTier.NONE);
        return new Appended(new DecisionRecord("d-" + id, feedback, new Decision(VERSION, at, List.of(), List.of())),
                created);
    }

    @Test
    void recordingARequestAllocatesNothingOnceItsRuleSetIsKnown() {
        try (Meters meters = new Meters()) {
            DecisionMeters decisions = new DecisionMeters(meters.registry());
            Future<List<Appended>> answered = Future.succeededFuture(
                    List.of(appended("fb-1", true), appended("fb-2", true), appended("fb-3", false)));
            int warmup = 200_000;
            int measured = 1_000_000;
            for (int i = 0; i < warmup; i++) {
                record(decisions, answered, i);
            }
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < measured; i++) {
                record(decisions, answered, i);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            // A few hundred bytes at most, against the megabytes a request allocates to decide.
            assertThat(allocated).as("bytes allocated by %d requests", measured).isLessThan(64 * 1024);
            String scraped = meters.registry().scrape();
            assertThat(scraped)
                    .contains("lupaus_decisions_total{outcome=\"created\",ruleset=\"2ffcf107bfe8\"} "
                            + (2.0 * (warmup + measured)))
                    .contains("lupaus_decisions_total{outcome=\"existing\",ruleset=\"2ffcf107bfe8\"} "
                            + (1.0 * (warmup + measured)))
                    .contains("lupaus_decision_latency_seconds_count{stage=\"total\"} " + (warmup + measured));
        }
    }

    private static void record(DecisionMeters decisions, Future<List<Appended>> answered, int i) {
        decisions.deciding(1_000_000L + i);
        decisions.storing(2_000_000L + i);
        decisions.answered(answered, 3, System.nanoTime() - 3_000_000L);
    }
}
