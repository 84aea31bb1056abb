package fi.lupaus.engine.plugin;

import org.pf4j.ExtensionPoint;

/**
 * Extension point {@value #EXTENSION_POINT}: a way for feedback to come in other than the HTTP
 * API, e.g. a message queue or a survey tool's polling API.
 *
 * <p>Contract: the server calls {@link #start} once, on a worker thread, after it has started
 * serving, and {@link #stop} once when it stops. A source hands feedback to the sink; the
 * feedback is decided and recorded durably when the sink's answer completes, exactly as for
 * feedback posted over HTTP (a feedback id seen before is not decided again, so a source that
 * restarts may hand the same feedback twice). A source that throws from {@code start} is
 * reported as failed and disabled; the server goes on.
 */
public interface FeedbackSource extends ExtensionPoint {

    String EXTENSION_POINT = "fi.lupaus.feedback-source/1";

    /** A stable identifier, e.g. {@code kafka-surveys}. */
    String id();

    /** Begins handing feedback to the sink; returns soon (start threads of its own if it polls). */
    void start(FeedbackSink sink) throws Exception;

    /** Stops handing feedback; called once. */
    void stop();
}
