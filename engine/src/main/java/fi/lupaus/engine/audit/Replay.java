package fi.lupaus.engine.audit;

import java.util.List;

import fi.lupaus.engine.decision.Decision;

/**
 * A recorded decision decided again with its rule-set version, facts and decision time.
 *
 * @param decisionId  which decision
 * @param recorded    what was decided then
 * @param replayed    what the same rules decide now, or {@code null} when they could not be had
 * @param differences each difference in plain words; empty when identical
 */
public record Replay(String decisionId, Decision recorded, Decision replayed, List<String> differences) {

    public Replay {
        differences = List.copyOf(differences);
    }

    public boolean identical() {
        return differences.isEmpty();
    }
}
