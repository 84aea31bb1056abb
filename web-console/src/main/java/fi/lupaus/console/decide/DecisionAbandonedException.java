package fi.lupaus.console.decide;

import java.time.Duration;

/**
 * The live rules decided longer than the deadline: the request is answered without waiting for
 * them, and the thread that decides is abandoned. Nothing of the batch is recorded; sending it
 * again is safe.
 */
public class DecisionAbandonedException extends RuntimeException {

    public DecisionAbandonedException(String ruleSetVersion, Duration deadline) {
        super("the live rules (" + ruleSetVersion + ") decided for longer than " + deadline.toMillis()
                + " ms and were abandoned; nothing was recorded", null, false, false);
    }
}
