package fi.lupaus.console.config;

import java.time.Duration;
import java.util.List;

import fi.lupaus.engine.sandbox.Sandbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Where rules that are not the deployed ones run, read like {@link LupausConfig}: the defaults
 * file, then the environment, then system properties. docs/rules-sandbox.md says what each
 * bound holds.
 *
 * @param workers       LUPAUS_SANDBOX_WORKERS: worker JVMs that may run at once
 * @param heapMegabytes LUPAUS_SANDBOX_HEAP_MB: each worker's heap
 * @param deadline      LUPAUS_SANDBOX_DEADLINE_MS: how long one request may take a worker
 * @param queueWait     LUPAUS_SANDBOX_QUEUE_MS: how long a request waits for a free worker before 503
 * @param sampleSize    LUPAUS_DEPLOY_SAMPLE: generated feedback a draft must decide within the limits before it
 *                      is deployed
 * @param liveDeadline  LUPAUS_LIVE_DECISION_DEADLINE_MS: how long the live rules may decide one batch before the
 *                      deciding thread is abandoned and the request answered 503
 */
public record SandboxConfig(int workers, int heapMegabytes, Duration deadline, Duration queueWait, int sampleSize,
                            Duration liveDeadline) {

    static final List<String> KEYS = List.of("LUPAUS_SANDBOX_WORKERS", "LUPAUS_SANDBOX_HEAP_MB",
            "LUPAUS_SANDBOX_DEADLINE_MS", "LUPAUS_SANDBOX_QUEUE_MS", "LUPAUS_DEPLOY_SAMPLE",
            "LUPAUS_LIVE_DECISION_DEADLINE_MS");

    public SandboxConfig {
        // Checked here so that a wrong setting stops the start with the key's name.
        if (workers < 1) {
            throw new IllegalArgumentException("LUPAUS_SANDBOX_WORKERS must be at least 1, not " + workers);
        }
        if (heapMegabytes < 64) {
            throw new IllegalArgumentException("LUPAUS_SANDBOX_HEAP_MB must be at least 64, not " + heapMegabytes);
        }
        if (sampleSize < 0) {
            throw new IllegalArgumentException("LUPAUS_DEPLOY_SAMPLE must be zero or more, not " + sampleSize);
        }
    }

    /** The defaults of lupaus-defaults.json. */
    public static SandboxConfig defaults() {
        return new SandboxConfig(2, 192, Duration.ofSeconds(10), Duration.ofSeconds(30), 3000, Duration.ofSeconds(5));
    }

    public SandboxConfig withLimits(int workers, int heapMegabytes, Duration deadline) {
        return new SandboxConfig(workers, heapMegabytes, deadline, queueWait, sampleSize, liveDeadline);
    }

    public SandboxConfig withSample(int changed) {
        return new SandboxConfig(workers, heapMegabytes, deadline, queueWait, changed, liveDeadline);
    }

    public SandboxConfig withLiveDeadline(Duration changed) {
        return new SandboxConfig(workers, heapMegabytes, deadline, queueWait, sampleSize, changed);
    }

    public Sandbox.Limits limits() {
        return new Sandbox.Limits(workers, heapMegabytes, deadline, queueWait);
    }

    public static Future<SandboxConfig> load(Vertx vertx) {
        return LupausConfig.retrieve(vertx, KEYS).map(SandboxConfig::from);
    }

    static SandboxConfig from(JsonObject json) {
        return new SandboxConfig(LupausConfig.number(json, "LUPAUS_SANDBOX_WORKERS"),
                LupausConfig.number(json, "LUPAUS_SANDBOX_HEAP_MB"),
                millis(json, "LUPAUS_SANDBOX_DEADLINE_MS"), millis(json, "LUPAUS_SANDBOX_QUEUE_MS"),
                LupausConfig.number(json, "LUPAUS_DEPLOY_SAMPLE"), millis(json, "LUPAUS_LIVE_DECISION_DEADLINE_MS"));
    }

    private static Duration millis(JsonObject json, String key) {
        int value = LupausConfig.number(json, key);
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + value);
        }
        return Duration.ofMillis(value);
    }
}
