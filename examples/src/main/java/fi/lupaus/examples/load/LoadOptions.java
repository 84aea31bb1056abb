package fi.lupaus.examples.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;

/**
 * What one load run does, as read from the command line by {@link LoadCommand}. Refuses
 * impossible values with an {@link IllegalArgumentException} naming the option.
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
