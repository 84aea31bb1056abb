package fi.lupaus.examples.load;

import java.util.concurrent.TimeUnit;

import fi.lupaus.examples.generator.FeedbackGenerator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * One load run: the warm-up, then the measured phase, over one pool of keep-alive connections
 * driven from a single event loop.
 */
final class LoadRun {

    private static final long REQUEST_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(60);

    private final Vertx vertx;
    private final LoadOptions options;
    private final RequestBodies warmup;
    private final RequestBodies measured;

    private LoadRun(Vertx vertx, LoadOptions options, RequestBodies warmup, RequestBodies measured) {
        this.vertx = vertx;
        this.options = options;
        this.warmup = warmup;
        this.measured = measured;
    }

    /** Generates and encodes the bodies. Blocks for a while: call it before the clock, off any event loop. */
    static LoadRun prepare(Vertx vertx, LoadOptions options) {
        var generator = new FeedbackGenerator(options.seed(), options.start(),
                FeedbackGenerator.DEFAULT_PERIOD, FeedbackGenerator.DEFAULT_CUSTOMERS);
        var warmup = RequestBodies.bounded(generator, options.batch(), options.warmup());
        var measured = options.timed()
                ? RequestBodies.open(generator, options.batch(), options.pool())
                : RequestBodies.bounded(generator, options.batch(), options.count());
        return new LoadRun(vertx, options, warmup, measured);
    }

    Future<LoadResult> start() {
        WebClient client = WebClient.create(vertx,
                new WebClientOptions().setKeepAlive(true).setPipelining(false).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(options.connections()));
        HttpRequest<Buffer> request = client.postAbs(options.endpoint())
                .putHeader("Content-Type", "application/json")
                .timeout(REQUEST_TIMEOUT_MILLIS);
        if (options.token() != null) {
            request.putHeader("Authorization", "Bearer " + options.token());
        }
        // Requests sent from one context have their connections and answers on its event loop.
        Context loop = vertx.getOrCreateContext();
        Promise<LoadResult> result = Promise.promise();
        loop.runOnContext(v -> new ClosedLoop(request, warmup, options.connections(), null).run()
                .compose(warm -> new ClosedLoop(request, measured, options.connections(), options.duration()).run()
                        .map(outcome -> LoadResult.of(warm, outcome, measured.generatedOnTheFly())))
                .andThen(done -> client.close())
                .onComplete(result));
        return result.future();
    }
}
