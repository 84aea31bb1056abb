package fi.lupaus.engine.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fi.lupaus.engine.casework.CaseFile;
import fi.lupaus.engine.decision.Priority;
import fi.lupaus.engine.fact.CaseState;

class ScoreboardTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant DUE = RECEIVED.plus(24, ChronoUnit.HOURS);
    private static final Instant NOW = RECEIVED.plus(10, ChronoUnit.DAYS);

    @Test
    void aCaseCancelledAfterItsDeadlineStillCountsAsBroken() {
        List<CaseFile> cases = List.of(
                closed("kept", CaseState.RESOLVED, DUE.minus(1, ChronoUnit.HOURS)),
                closed("cancelled-late", CaseState.CANCELLED, DUE.plus(3, ChronoUnit.HOURS)),
                closed("cancelled-in-time", CaseState.CANCELLED, DUE.minus(3, ChronoUnit.HOURS)));

        Scoreboard.PromiseMeasures measures = Scoreboard.of(List.of(), cases, Scoreboard.By.NONE, ZoneOffset.UTC, NOW)
                .promises().get(0);

        assertThat(measures.kept()).isEqualTo(1);
        assertThat(measures.broken()).isEqualTo(1);
        assertThat(measures.cancelled()).isEqualTo(1);
        assertThat(measures.keptRate()).isEqualTo(50.0);
    }

    private static CaseFile closed(String id, CaseState state, Instant closedAt) {
        return new CaseFile(id, "C-1", "complaint-answer-24h", "service-team", Priority.NORMAL, state, RECEIVED,
                RECEIVED, DUE, closedAt, null, null, Set.of(), null, "d-" + id, List.of());
    }
}
