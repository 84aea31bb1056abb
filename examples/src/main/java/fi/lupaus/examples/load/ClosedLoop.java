package fi.lupaus.examples.load;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Keeps a fixed number of requests in flight until the bodies run out or the time is up: each
 * answer sends the next request. Must run on one event loop, which makes its counters safe
 * without locks.
 */
final class ClosedLoop {

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(5);

    /** What one phase of a run saw. Latency in microseconds, of the requests that were answered. */
    record Outcome(
            long requests,
            long items,
            Duration elapsed,
            Histogram latency,
            DecisionTally tally,
            Map<Integer, Long> answers,
            long transportErrors,
            String firstError) {

        long failures() {
            long non2xx = answers.entrySet().stream()
                    .filter(e -> e.getKey() / 100 != 2)
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            return non2xx + transportErrors + tally.unreadable();
        }
    }

    private final HttpRequest<Buffer> request;
    private final RequestBodies bodies;
    private final int connections;
    private final Duration duration;
    private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
    private final DecisionTally tally = new DecisionTally();
    private final long[] answersByStatus = new long[600];
    private final Promise<Outcome> done = Promise.promise();
    private long deadline;
    private long started;
    private long lastAnswer;
    private int inFlight;
    private long requests;
    private long items;
    private long transportErrors;
    private String firstError;

    /**
     * @param request     the request to send each body with; sent many times, never changed
     * @param bodies      what to send
     * @param connections how many requests to keep in flight
     * @param duration    when to stop sending, or {@code null} to send every body
     */
    ClosedLoop(HttpRequest<Buffer> request, RequestBodies bodies, int connections, Duration duration) {
        this.request = request;
        this.bodies = bodies;
        this.connections = connections;
        this.duration = duration;
    }

    /** Starts sending; call on the event loop that will see the answers. */
    Future<Outcome> run() {
        started = System.nanoTime();
        lastAnswer = started;
        deadline = duration == null ? 0 : started + duration.toNanos();
        for (int i = 0; i < connections; i++) {
            if (!sendNext()) {
                break;
            }
        }
        if (inFlight == 0) {
            finish();
        }
        return done.future();
    }

    private boolean sendNext() {
        if (duration != null && System.nanoTime() - deadline >= 0) {
            return false;
        }
        RequestBodies.Body body = bodies.next();
        if (body == null) {
            return false;
        }
        inFlight++;
        long sent = System.nanoTime();
        request.sendBuffer(body.buffer()).onComplete(answer -> answered(answer, sent, body.items()));
        return true;
    }

    private void answered(AsyncResult<HttpResponse<Buffer>> answer, long sent, int sentItems) {
        lastAnswer = System.nanoTime();
        inFlight--;
        requests++;
        items += sentItems;
        if (answer.succeeded()) {
            latency.recordValue(Math.min(MAX_LATENCY_MICROS, (lastAnswer - sent) / 1000));
            HttpResponse<Buffer> response = answer.result();
            int status = response.statusCode();
            answersByStatus[Math.min(Math.max(status, 0), answersByStatus.length - 1)]++;
            if (status / 100 == 2) {
                tally.read(response.body());
            }
        } else {
            transportErrors++;
            if (firstError == null) {
                firstError = String.valueOf(answer.cause());
            }
        }
        if (!sendNext() && inFlight == 0) {
            finish();
        }
    }

    private void finish() {
        Map<Integer, Long> answers = new TreeMap<>();
        for (int status = 0; status < answersByStatus.length; status++) {
            if (answersByStatus[status] > 0) {
                answers.put(status, answersByStatus[status]);
            }
        }
        done.complete(new Outcome(requests, items, Duration.ofNanos(lastAnswer - started), latency, tally,
                answers, transportErrors, firstError));
    }
}
