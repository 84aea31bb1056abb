package fi.lupaus.engine.audit;

import java.util.List;

/**
 * The outcome of verifying part of the log.
 *
 * @param checked  how many records were checked
 * @param problems each record where the chain did not hold or the replay differed
 */
public record VerifyReport(long checked, List<Problem> problems) {

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
