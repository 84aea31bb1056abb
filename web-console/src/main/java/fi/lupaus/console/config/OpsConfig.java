package fi.lupaus.console.config;

import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * How the server is watched, read like {@link LupausConfig}.
 *
 * @param metricsPort LUPAUS_METRICS_PORT: the port of the Prometheus endpoint {@code GET /metrics},
 *                    on the same address as the API; {@code null} (unset) serves no metrics, 0 any
 *                    free port. A port of its own, so that only what can reach it scrapes it.
 * @param logFormat   LUPAUS_LOG_FORMAT: {@code text} lines, or {@code json} lines (read by the
 *                    logging configuration itself, logback.xml; checked here)
 */
public record OpsConfig(Integer metricsPort, String logFormat) {

    static final List<String> KEYS = List.of("LUPAUS_METRICS_PORT", "LUPAUS_LOG_FORMAT");
    static final List<String> LOG_FORMATS = List.of("text", "json");

    public OpsConfig {
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            throw new IllegalArgumentException("LUPAUS_METRICS_PORT must be from 0 to 65535, not " + metricsPort);
        }
        if (!LOG_FORMATS.contains(logFormat)) {
            throw new IllegalArgumentException("LUPAUS_LOG_FORMAT must be text or json, not '" + logFormat + "'");
        }
    }

    /** No metrics endpoint, text logs. */
    public static OpsConfig defaults() {
        return new OpsConfig(null, "text");
    }

    /** The same with the metrics endpoint on {@code port}. */
    public OpsConfig withMetricsPort(int port) {
        return new OpsConfig(port, logFormat);
    }

    public static Future<OpsConfig> load(Vertx vertx) {
        return LupausConfig.retrieve(vertx, KEYS).map(OpsConfig::from);
    }

    static OpsConfig from(JsonObject json) {
        String port = LupausConfig.optional(json, "LUPAUS_METRICS_PORT");
        String format = LupausConfig.optional(json, "LUPAUS_LOG_FORMAT");
        try {
            return new OpsConfig(port == null ? null : Integer.valueOf(port), format == null ? "text" : format);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LUPAUS_METRICS_PORT must be a whole number, not '" + port + "'");
        }
    }
}
