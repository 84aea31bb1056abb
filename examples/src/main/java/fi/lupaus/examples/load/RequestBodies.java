package fi.lupaus.examples.load;

import java.util.StringJoiner;

import fi.lupaus.examples.generator.FeedbackGenerator;
import io.vertx.core.buffer.Buffer;

/**
 * Request bodies encoded before the clock starts, so the run measures the server rather than
 * the generator. A bounded source ends after its prepared bodies; an open one, for timed runs,
 * goes on generating as it is asked and counts how much it had to.
 */
final class RequestBodies {

    /** One request: its body and how many feedback it carries. */
    record Body(Buffer buffer, int items) {
    }

    private final FeedbackGenerator generator;
    private final int batch;
    private final Body[] prepared;
    private final boolean open;
    private int next;
    private long generatedOnTheFly;

    private RequestBodies(FeedbackGenerator generator, int batch, Body[] prepared, boolean open) {
        this.generator = generator;
        this.batch = batch;
        this.prepared = prepared;
        this.open = open;
    }

    /** Exactly {@code items} feedback in requests of {@code batch}; the last may be smaller. */
    static RequestBodies bounded(FeedbackGenerator generator, int batch, long items) {
        return new RequestBodies(generator, batch, prepare(generator, batch, items), false);
    }

    /** {@code pool} feedback prepared, then as many more as asked for. */
    static RequestBodies open(FeedbackGenerator generator, int batch, long pool) {
        return new RequestBodies(generator, batch, prepare(generator, batch, pool), true);
    }

    /** The next request's body, or {@code null} when a bounded source is spent. */
    Body next() {
        if (next < prepared.length) {
            Body body = prepared[next];
            // Let a long run's sent bodies be collected.
            prepared[next++] = null;
            return body;
        }
        if (!open) {
            return null;
        }
        generatedOnTheFly += batch;
        return encode(generator, batch, batch);
    }

    long generatedOnTheFly() {
        return generatedOnTheFly;
    }

    private static Body[] prepare(FeedbackGenerator generator, int batch, long items) {
        long requests = (items + batch - 1) / batch;
        if (requests > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many requests to prepare: " + requests);
        }
        Body[] bodies = new Body[(int) requests];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = encode(generator, batch, (int) Math.min(batch, items - (long) i * batch));
        }
        return bodies;
    }

    /** A single feedback object when {@code batch} is 1, otherwise an array, even of one. */
    private static Body encode(FeedbackGenerator generator, int batch, int items) {
        if (batch == 1) {
            return new Body(Buffer.buffer(generator.next().encode()), 1);
        }
        StringJoiner array = new StringJoiner(",", "[", "]");
        for (int i = 0; i < items; i++) {
            array.add(generator.next().encode());
        }
        return new Body(Buffer.buffer(array.toString()), items);
    }
}
