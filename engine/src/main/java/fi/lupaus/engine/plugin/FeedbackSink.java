package fi.lupaus.engine.plugin;

import java.util.List;
import java.util.concurrent.CompletionStage;

import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.log.Appended;

/** Where a {@link FeedbackSource} hands its feedback: they are decided and recorded. */
@FunctionalInterface
public interface FeedbackSink {

    /**
     * Decides the feedback (at most the server's batch size at once) and records the decisions.
     *
     * @return completes once they are durable; fails when the server is overloaded, in which case
     *         the source should wait and hand them again
     */
    CompletionStage<List<Appended>> decide(List<Feedback> feedback);
}
