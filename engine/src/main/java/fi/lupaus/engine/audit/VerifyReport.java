package fi.lupaus.engine.audit;

import java.util.List;

/**
 * The outcome of verifying part of the log.
 *
 * @param checked  how many records were checked
 * @param problems each record where the chain did not hold, a stored column differed from the
 *                 record, the replay differed, or a checkpoint of the chain's head did not hold
 * @param anchoring whether the chain's head is anchored with LUPAUS_CHAIN_KEY, in a sentence
 */
public record VerifyReport(long checked, List<Problem> problems, String anchoring) {

    /** One record that failed verification, and why. */
    public record Problem(long seq, String decisionId, String reason) {
    }

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
