package fi.lupaus.console.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.log.DecisionRecord;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * The shadow never holds up the live path: once 10,000 live decisions wait to be compared, the
 * ones offered after are skipped and counted as skipped (README, "Shadow").
 */
class ShadowBacklogTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");
    private static final DecisionRecord RECORD = new DecisionRecord("0190f0c2-0000-7000-8000-000000000000",
            new Feedback("fb-1", "C-1", T, Touchpoint.WEB, Phase.CORE, Survey.NPS, 3, null, false, null,
                    LoyaltyTier.NONE),
            new Decision("v1", T, List.of(), List.of()));

    @Test
    void decisionsOfferedOnceTenThousandWaitAreSkippedAndCounted() {
        // No store and no sandbox: with its comparer stopped, the shadow compares nothing, so
        // what it is offered only waits, as when the sandbox is slower than the live path.
        Shadow shadow = new Shadow(null, null);
        shadow.start(new RuleSetStore.ShadowRun(1, "v2", T, "token:t", null),
                List.of(new RuleSource("t/a.drl", "package t\n")), T);
        shadow.close();

        shadow.offer(Collections.nCopies(9_999, RECORD));
        shadow.offer(List.of(RECORD));
        Shadow.Running running = shadow.running().orElseThrow();
        assertThat(running.skipped().get()).as("exactly 10,000 waiting is still within the bound").isZero();

        shadow.offer(List.of(RECORD));
        shadow.offer(Collections.nCopies(3, RECORD));

        assertThat(running.skipped().get()).isEqualTo(4);
        assertThat(running.decided().get()).isZero();
        assertThat(running.failed().get()).isZero();
    }
}
