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
 * @param erased      whether the decision's personal data was erased, so that it cannot be replayed
 */
public record Replay(String decisionId, Decision recorded, Decision replayed, List<String> differences,
                     boolean erased) {

    public Replay {
        differences = List.copyOf(differences);
    }

    static Replay ofErased(String decisionId) {
        return new Replay(decisionId, null, null,
                List.of("the customer's personal data was erased, so this decision cannot be replayed"), true);
    }

    public boolean identical() {
        return !erased && differences.isEmpty();
    }
}
