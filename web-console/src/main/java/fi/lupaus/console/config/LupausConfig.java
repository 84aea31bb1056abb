package fi.lupaus.console.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import fi.lupaus.engine.jdbc.Database;
import fi.lupaus.engine.jdbc.Vendor;
import fi.lupaus.engine.log.ChainKey;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The server's configuration, read once at start: the defaults file
 * {@code lupaus-defaults.json}, then environment variables, then system properties, each
 * overriding the one before. Every key is documented in docs/configuration.md.
 *
 * @param httpHost       LUPAUS_HTTP_HOST: the address to listen on
 * @param httpPort       LUPAUS_HTTP_PORT: the port, 0 for any free one
 * @param dataDir        LUPAUS_DATA_DIR: where the embedded store keeps its files
 * @param maxBodyBytes   LUPAUS_MAX_BODY_BYTES: larger request bodies are refused with 413
 * @param maxBatchSize   LUPAUS_MAX_BATCH_SIZE: most feedback in one batch
 * @param maxInFlight    LUPAUS_MAX_IN_FLIGHT: most feedback being decided and stored at once;
 *                       past it the server answers 503 with Retry-After
 * @param rateLimit      LUPAUS_RATE_LIMIT: requests a second allowed to each caller; past it 429
 * @param bootstrapToken LUPAUS_BOOTSTRAP_TOKEN: an admin API token to keep, or {@code null}
 * @param sweepInterval  LUPAUS_SWEEP_INTERVAL: how often the deadline sweep runs (ISO-8601, e.g.
 *                       {@code PT1M}); zero turns the periodic sweep off
 * @param timeZone       LUPAUS_TIME_ZONE: the company's time zone, for the quiet hours of contacts
 * @param limits         what protects the server from slow or hostile clients and a failing store
 * @param chainKey       LUPAUS_CHAIN_KEY: the key (32 characters or more) that signs the decision
 *                       chain's head and keys the customer hashes of the audit log, or {@code null}
 * @param logCustomerIds LUPAUS_LOG_CUSTOMER_IDS: whether the server log may carry customer ids
 *                       (default false)
 * @param database       LUPAUS_DB_URL, LUPAUS_DB_USER, LUPAUS_DB_PASSWORD, LUPAUS_DB_POOL_SIZE: the
 *                       database of every store; without a URL, the embedded H2 file in the data
 *                       directory (docs/storage.md)
 * @param sessionSecret  LUPAUS_SESSION_SECRET: the key (32 characters or more) that signs the
 *                       console's CSRF tokens; every server of a cluster must have the same. Unset,
 *                       each process makes one of its own (one server only; docs/cluster.md)
 */
public record LupausConfig(String httpHost, int httpPort, Path dataDir, int maxBodyBytes, int maxBatchSize,
                           int maxInFlight, int rateLimit, String bootstrapToken, Duration sweepInterval,
                           ZoneId timeZone, Limits limits, String chainKey, boolean logCustomerIds,
                           Database.Settings database, String sessionSecret) {

    static final List<String> KEYS = List.of("LUPAUS_HTTP_HOST", "LUPAUS_HTTP_PORT", "LUPAUS_DATA_DIR",
            "LUPAUS_MAX_BODY_BYTES", "LUPAUS_MAX_BATCH_SIZE", "LUPAUS_MAX_IN_FLIGHT", "LUPAUS_RATE_LIMIT",
            "LUPAUS_BOOTSTRAP_TOKEN", "LUPAUS_SWEEP_INTERVAL", "LUPAUS_TIME_ZONE",
            "LUPAUS_IDLE_TIMEOUT", "LUPAUS_MIN_BODY_RATE", "LUPAUS_MAX_BUFFERED_BODY_BYTES", "LUPAUS_MAX_EXPORTS",
            "LUPAUS_SIGN_IN_PER_USER", "LUPAUS_SIGN_IN_PER_ADDRESS", "LUPAUS_SIGN_IN_WINDOW",
            "LUPAUS_STORE_PROBE_INTERVAL", "LUPAUS_STORE_GIVE_UP", "LUPAUS_CHAIN_KEY", "LUPAUS_LOG_CUSTOMER_IDS",
            "LUPAUS_DB_URL", "LUPAUS_DB_USER", "LUPAUS_DB_PASSWORD", "LUPAUS_DB_POOL_SIZE",
            "LUPAUS_SESSION_SECRET");

    /**
     * The bounds that keep the server answering (docs/security.md, "Availability" and "Sessions
     * and sign-in").
     *
     * @param idleTimeout          LUPAUS_IDLE_TIMEOUT: a connection that sends and takes nothing this
     *                             long is closed
     * @param minBodyRate          LUPAUS_MIN_BODY_RATE: bytes a second a body must arrive at, at least;
     *                             a body gets five seconds plus its length at this rate, then the
     *                             connection is closed
     * @param maxBufferedBodyBytes LUPAUS_MAX_BUFFERED_BODY_BYTES: request body bytes held in memory by
     *                             all connections together; past it a request is answered 503
     * @param maxExports           LUPAUS_MAX_EXPORTS: audit exports streaming at once, each on a thread
     *                             and a store connection of its own; past it 503
     * @param signInPerUser        LUPAUS_SIGN_IN_PER_USER: sign-in attempts for one username per window
     * @param signInPerAddress     LUPAUS_SIGN_IN_PER_ADDRESS: sign-in attempts from one address per window
     * @param signInWindow         LUPAUS_SIGN_IN_WINDOW: the window of those two (ISO-8601 duration)
     * @param storeProbeInterval   LUPAUS_STORE_PROBE_INTERVAL: how often the store is checked
     * @param storeGiveUp          LUPAUS_STORE_GIVE_UP: how long the store may stay broken, reopened
     *                             at every probe, before the server exits with code 70 for its
     *                             supervisor to restart it
     */
    public record Limits(Duration idleTimeout, int minBodyRate, long maxBufferedBodyBytes, int maxExports,
                         int signInPerUser, int signInPerAddress, Duration signInWindow,
                         Duration storeProbeInterval, Duration storeGiveUp) {

        /** The defaults of lupaus-defaults.json. */
        public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(30), 8 * 1024, 64L * 1024 * 1024, 2,
                10, 50, Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofMinutes(2));

        public Limits {
            positive("LUPAUS_MIN_BODY_RATE", minBodyRate);
            positive("LUPAUS_MAX_EXPORTS", maxExports);
            positive("LUPAUS_SIGN_IN_PER_USER", signInPerUser);
            positive("LUPAUS_SIGN_IN_PER_ADDRESS", signInPerAddress);
            if (maxBufferedBodyBytes < 1) {
                throw new IllegalArgumentException("LUPAUS_MAX_BUFFERED_BODY_BYTES must be at least 1");
            }
            longerThanZero("LUPAUS_IDLE_TIMEOUT", idleTimeout);
            longerThanZero("LUPAUS_SIGN_IN_WINDOW", signInWindow);
            longerThanZero("LUPAUS_STORE_PROBE_INTERVAL", storeProbeInterval);
            longerThanZero("LUPAUS_STORE_GIVE_UP", storeGiveUp);
        }

        private static void longerThanZero(String key, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(key + " must be a duration longer than zero");
            }
        }
    }
    static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);
    static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Europe/Helsinki");
    /** A bootstrap token shorter than this is refused: it would be guessable. */
    static final int MIN_TOKEN_LENGTH = 16;
    static final int MIN_SESSION_SECRET_LENGTH = 32;

    public LupausConfig {
        positive("LUPAUS_MAX_BODY_BYTES", maxBodyBytes);
        positive("LUPAUS_MAX_BATCH_SIZE", maxBatchSize);
        positive("LUPAUS_MAX_IN_FLIGHT", maxInFlight);
        positive("LUPAUS_RATE_LIMIT", rateLimit);
        if (bootstrapToken != null && bootstrapToken.strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException(
                    "LUPAUS_BOOTSTRAP_TOKEN must be at least " + MIN_TOKEN_LENGTH + " characters");
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("LUPAUS_HTTP_PORT must be from 0 to 65535, not " + httpPort);
        }
        if (sweepInterval == null || sweepInterval.isNegative()) {
            throw new IllegalArgumentException("LUPAUS_SWEEP_INTERVAL must be a duration of zero or more");
        }
        if (timeZone == null) {
            throw new IllegalArgumentException("LUPAUS_TIME_ZONE must be set");
        }
        if (limits == null) {
            throw new IllegalArgumentException("the limits must be set");
        }
        if (chainKey != null) {
            ChainKey.of(chainKey);
        }
        if (database == null) {
            database = Database.Settings.embedded(dataDir);
        }
        if (sessionSecret != null && sessionSecret.length() < MIN_SESSION_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                    "LUPAUS_SESSION_SECRET must be at least " + MIN_SESSION_SECRET_LENGTH + " characters");
        }
    }

    /** Without a chain key, and without customer ids in the server log. */
    public LupausConfig(String httpHost, int httpPort, Path dataDir, int maxBodyBytes, int maxBatchSize,
                        int maxInFlight, int rateLimit, String bootstrapToken, Duration sweepInterval, ZoneId timeZone,
                        Limits limits) {
        this(httpHost, httpPort, dataDir, maxBodyBytes, maxBatchSize, maxInFlight, rateLimit, bootstrapToken,
                sweepInterval, timeZone, limits, null, false, null, null);
    }

    /** The configuration with the default sweep interval and time zone. */
    public LupausConfig(String httpHost, int httpPort, Path dataDir, int maxBodyBytes, int maxBatchSize,
                        int maxInFlight, int rateLimit, String bootstrapToken) {
        this(httpHost, httpPort, dataDir, maxBodyBytes, maxBatchSize, maxInFlight, rateLimit, bootstrapToken,
                DEFAULT_SWEEP_INTERVAL, DEFAULT_TIME_ZONE, Limits.DEFAULTS);
    }

    /** The same configuration with another sweep interval. */
    public LupausConfig withSweepInterval(Duration interval) {
        return new LupausConfig(httpHost, httpPort, dataDir, maxBodyBytes, maxBatchSize, maxInFlight, rateLimit,
                bootstrapToken, interval, timeZone, limits, chainKey, logCustomerIds, database, sessionSecret);
    }

    /** The same configuration with other limits. */
    public LupausConfig withLimits(Limits other) {
        return new LupausConfig(httpHost, httpPort, dataDir, maxBodyBytes, maxBatchSize, maxInFlight, rateLimit,
                bootstrapToken, sweepInterval, timeZone, other, chainKey, logCustomerIds, database, sessionSecret);
    }

    /** The same configuration with another chain key and customer-id logging. */
    public LupausConfig withChain(String key, boolean logCustomers) {
        return new LupausConfig(httpHost, httpPort, dataDir, maxBodyBytes, maxBatchSize, maxInFlight, rateLimit,
                bootstrapToken, sweepInterval, timeZone, limits, key, logCustomers, database, sessionSecret);
    }

    /** The same configuration on another database. */
    public LupausConfig withDatabase(Database.Settings other) {
        return new LupausConfig(httpHost, httpPort, dataDir, maxBodyBytes, maxBatchSize, maxInFlight, rateLimit,
                bootstrapToken, sweepInterval, timeZone, limits, chainKey, logCustomerIds, other, sessionSecret);
    }

    /** The same configuration with another key for the CSRF tokens. */
    public LupausConfig withSessionSecret(String secret) {
        return new LupausConfig(httpHost, httpPort, dataDir, maxBodyBytes, maxBatchSize, maxInFlight, rateLimit,
                bootstrapToken, sweepInterval, timeZone, limits, chainKey, logCustomerIds, database, secret);
    }

    /** Reads the defaults file, the environment and the system properties, in that order. */
    public static Future<LupausConfig> load(Vertx vertx) {
        return retrieve(vertx, KEYS).map(LupausConfig::from);
    }

    /** The keys' values from the defaults file, the environment and the system properties, in that order. */
    static Future<JsonObject> retrieve(Vertx vertx, List<String> names) {
        JsonArray keys = new JsonArray(names);
        ConfigRetrieverOptions options = new ConfigRetrieverOptions()
                .setIncludeDefaultStores(false)
                .addStore(new ConfigStoreOptions().setType("file").setFormat("json")
                        .setConfig(new JsonObject().put("path", "lupaus-defaults.json")))
                .addStore(new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("keys", keys)))
                .addStore(new ConfigStoreOptions().setType("sys").setConfig(new JsonObject().put("keys", keys)));
        ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
        return retriever.getConfig().andThen(done -> retriever.close());
    }

    static LupausConfig from(JsonObject json) {
        Path dataDir = Path.of(text(json, "LUPAUS_DATA_DIR"));
        String url = optional(json, "LUPAUS_DB_URL");
        Database.Settings embedded = Database.Settings.embedded(dataDir);
        Database.Settings database = new Database.Settings(url == null ? embedded.url() : url,
                url == null ? embedded.user() : optional(json, "LUPAUS_DB_USER"),
                url == null ? embedded.password() : optional(json, "LUPAUS_DB_PASSWORD"),
                optional(json, "LUPAUS_DB_POOL_SIZE") == null
                        ? Vendor.of(url == null ? embedded.url() : url).defaultPoolSize()
                        : number(json, "LUPAUS_DB_POOL_SIZE"));
        return new LupausConfig(
                text(json, "LUPAUS_HTTP_HOST"),
                number(json, "LUPAUS_HTTP_PORT"),
                dataDir,
                number(json, "LUPAUS_MAX_BODY_BYTES"),
                number(json, "LUPAUS_MAX_BATCH_SIZE"),
                number(json, "LUPAUS_MAX_IN_FLIGHT"),
                number(json, "LUPAUS_RATE_LIMIT"),
                optional(json, "LUPAUS_BOOTSTRAP_TOKEN"),
                duration(json, "LUPAUS_SWEEP_INTERVAL"),
                zone(json, "LUPAUS_TIME_ZONE"),
                new Limits(
                        duration(json, "LUPAUS_IDLE_TIMEOUT"),
                        number(json, "LUPAUS_MIN_BODY_RATE"),
                        number(json, "LUPAUS_MAX_BUFFERED_BODY_BYTES"),
                        number(json, "LUPAUS_MAX_EXPORTS"),
                        number(json, "LUPAUS_SIGN_IN_PER_USER"),
                        number(json, "LUPAUS_SIGN_IN_PER_ADDRESS"),
                        duration(json, "LUPAUS_SIGN_IN_WINDOW"),
                        duration(json, "LUPAUS_STORE_PROBE_INTERVAL"),
                        duration(json, "LUPAUS_STORE_GIVE_UP")),
                optional(json, "LUPAUS_CHAIN_KEY"),
                "true".equals(optional(json, "LUPAUS_LOG_CUSTOMER_IDS")),
                database,
                optional(json, "LUPAUS_SESSION_SECRET"));
    }

    private static Duration duration(JsonObject json, String key) {
        String value = text(json, key);
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT1M, not '" + value + "'");
        }
    }

    private static ZoneId zone(JsonObject json, String key) {
        String value = text(json, key);
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(key + " must be a time zone such as Europe/Helsinki, not '" + value + "'");
        }
    }

    static String optional(JsonObject json, String key) {
        Object value = json.getValue(key);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    static String text(JsonObject json, String key) {
        Object value = json.getValue(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException(key + " is not set");
        }
        return value.toString().strip();
    }

    static int number(JsonObject json, String key) {
        String value = text(json, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + value);
        }
    }
}
