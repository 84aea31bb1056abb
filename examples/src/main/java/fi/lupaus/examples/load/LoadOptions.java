package fi.lupaus.examples.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import fi.lupaus.examples.cli.Args;
import fi.lupaus.examples.generator.FeedbackGenerator;

/**
 * What one load run does.
 *
 * @param url         the server's base URL, without a trailing slash
 * @param connections requests kept in flight, one per keep-alive connection
 * @param count       feedback to measure, or 0 when the run is timed
 * @param duration    how long to measure, or {@code null} when the run is counted
 * @param batch       feedback per request; 1 posts single feedback, more posts batches
 * @param seed        picks the generated sequence
 * @param warmup      feedback sent before measuring, left out of the figures
 * @param token       bearer token, or {@code null}
 * @param start       every generated {@code receivedAt} is before this
 * @param pool        feedback prepared before a timed run; beyond it, generated as it goes
 */
record LoadOptions(
        String url,
        int connections,
        long count,
        Duration duration,
        int batch,
        long seed,
        long warmup,
        String token,
        Instant start,
        long pool) {

    static final int MAX_BATCH = 1000;

    static final String USAGE = """
            Posts generated feedback to a running Lupaus server and reports throughput and latency.

              --url URL          server base URL (default http://127.0.0.1:8080)
              --connections N    requests kept in flight, one per keep-alive connection (default 64)
              --count N          feedback to measure (default 100000), or
              --duration D       measure for D instead, e.g. 30s, 2m
              --batch N          feedback per request: 1 posts /api/feedback, more /api/feedback/batch (default 1, max 1000)
              --seed S           picks the generated sequence (default 42); use a new seed against a server
                                 that has seen this one, or its answers are replays (200)
              --warmup N         feedback sent first and left out of the figures (default 10000)
              --token T          sent as Authorization: Bearer T
              --start T          generated receivedAt fall in the 4 weeks before T (default %s)
              --pool N           feedback prepared before a timed run (default 100000)
            """.formatted(FeedbackGenerator.DEFAULT_START);

    LoadOptions {
        if (connections < 1) {
            throw new IllegalArgumentException("--connections must be at least 1");
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("--batch must be 1–" + MAX_BATCH);
        }
        if (duration == null ? count < 1 : duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(duration == null ? "--count must be at least 1" : "--duration must be positive");
        }
        if (warmup < 0 || pool < 1) {
            throw new IllegalArgumentException("--warmup must be 0 or more and --pool at least 1");
        }
        if (!isHttpUrl(url)) {
            throw new IllegalArgumentException("--url must be an http(s) URL like http://127.0.0.1:8080, not " + url);
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Reads the command line; {@code null} means help was asked for. */
    static LoadOptions parse(String[] argv) {
        Args args = Args.parse(argv, Set.of(
                "url", "connections", "count", "duration", "batch", "seed", "warmup", "token", "start", "pool"));
        if (args.help()) {
            return null;
        }
        if (args.has("count") && args.has("duration")) {
            throw new IllegalArgumentException("give --count or --duration, not both");
        }
        Duration duration = args.duration("duration", null);
        return new LoadOptions(
                args.string("url", "http://127.0.0.1:8080"),
                args.intValue("connections", 64),
                duration == null ? args.longValue("count", 100_000) : 0,
                duration,
                args.intValue("batch", 1),
                args.longValue("seed", 42),
                args.longValue("warmup", 10_000),
                args.string("token", null),
                args.instant("start", FeedbackGenerator.DEFAULT_START),
                args.longValue("pool", 100_000));
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    boolean timed() {
        return duration != null;
    }

    /** Where each request goes. */
    String endpoint() {
        return url + (batch == 1 ? "/api/feedback" : "/api/feedback/batch");
    }
}
