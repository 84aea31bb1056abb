package fi.lupaus.console.ops;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The server's operational metrics, for Prometheus to scrape: the JVM's, Vert.x's (HTTP server
 * requests by route, method and status, worker pools) and Lupaus's own (decisions, deliveries,
 * the sweep, the store's pool and the outbox). One per server, handed to what it measures.
 */
public final class Meters implements AutoCloseable {

    private static final String API = "/api/";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Meters() {
        registry.config().meterFilter(MeterFilter.replaceTagValues(Label.HTTP_ROUTE.toString(), Meters::route));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * A Vert.x that reports into these meters. Routes, not paths, label the HTTP series, so that
     * ids in paths do not make a series each; 429 and 503 answers are the refusals.
     */
    public Vertx newVertx() {
        VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                .setEnabled(true)
                .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE));
        return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
    }

    /**
     * The route a request was for, from Vert.x's chain of every route that matched it (joined by
     * {@code >}): the {@code /api/*} handlers in front of every API route, a sub-router's mount and
     * its own route, and the mount again when a failure is handled. {@code /api/>/api/>/api/feedback>/batch}
     * is {@code /api/feedback/batch}; an API path that no route has is {@code unmatched}, not
     * {@code /api/}; the console's files are {@code /}.
     */
    static String route(String chain) {
        String mount = null;
        String inside = null;
        for (String route : chain.split(">")) {
            if (route.isEmpty() || route.equals(API)) {
                continue;
            }
            if (mount == null) {
                mount = route;
            } else if (inside == null && !route.startsWith(API)) {
                inside = route;
            }
        }
        if (mount == null) {
            return "unmatched";
        }
        return inside == null || inside.equals("/") ? mount : mount + inside;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
