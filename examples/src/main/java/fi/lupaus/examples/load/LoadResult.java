package fi.lupaus.examples.load;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

/**
 * What a load run measured, the warm-up left out.
 *
 * @param decisions         decisions read from 2xx answers
 * @param requests          requests answered or failed
 * @param feedbackSent      feedback those requests carried
 * @param elapsed           from the first request to the last answer
 * @param latency           per request, of those answered
 * @param actions           actions in the decisions, by type
 * @param answers           answers by HTTP status, 2xx included
 * @param transportErrors   requests that got no answer (refused, reset, timed out)
 * @param unreadableAnswers 2xx answers that held no decisions
 * @param firstError        the first transport error, the warm-up's included, or {@code null}
 * @param warmup            what the warm-up sent and how much of it failed
 * @param generatedOnTheFly feedback a timed run generated beyond its prepared pool
 */
record LoadResult(
        long decisions,
        long requests,
        long feedbackSent,
        Duration elapsed,
        Latency latency,
        Map<String, Long> actions,
        Map<Integer, Long> answers,
        long transportErrors,
        long unreadableAnswers,
        String firstError,
        Warmup warmup,
        long generatedOnTheFly) {

    /** Milliseconds. */
    record Latency(double p50, double p90, double p99, double max) {

        static Latency ofMicros(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0);
            }
            return new Latency(
                    micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(90) / 1000.0,
                    micros.getValueAtPercentile(99) / 1000.0,
                    micros.getMaxValue() / 1000.0);
        }
    }

    record Warmup(long requests, long feedback, long failures) {
    }

    static LoadResult of(ClosedLoop.Outcome warmup, ClosedLoop.Outcome measured, long generatedOnTheFly) {
        return new LoadResult(
                measured.tally().decisions(),
                measured.requests(),
                measured.items(),
                measured.elapsed(),
                Latency.ofMicros(measured.latency()),
                measured.tally().actions(),
                measured.answers(),
                measured.transportErrors(),
                measured.tally().unreadable(),
                measured.firstError() != null ? measured.firstError() : warmup.firstError(),
                new Warmup(warmup.requests(), warmup.items(), warmup.failures()),
                generatedOnTheFly);
    }

    double decisionsPerSecond() {
        return perSecond(decisions);
    }

    double requestsPerSecond() {
        return perSecond(requests);
    }

    /** Answers that were not 2xx, by status. */
    Map<Integer, Long> failedAnswers() {
        return answers.entrySet().stream()
                .filter(e -> e.getKey() / 100 != 2)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
    }

    /** Every request that failed, the warm-up's included. */
    long failures() {
        long non2xx = failedAnswers().values().stream().mapToLong(Long::longValue).sum();
        return non2xx + transportErrors + unreadableAnswers + warmup.failures();
    }

    /** The figures, a line each, for people to read. */
    String report() {
        StringBuilder out = new StringBuilder();
        line(out, "warm-up", "%d feedback in %d requests, %d failed (not counted below)",
                warmup.feedback(), warmup.requests(), warmup.failures());
        line(out, "decisions", "%d", decisions);
        line(out, "requests", "%d (%d feedback sent)", requests, feedbackSent);
        line(out, "elapsed", "%.3f s", elapsed.toNanos() / 1e9);
        line(out, "decisions/s", "%.1f", decisionsPerSecond());
        line(out, "requests/s", "%.1f", requestsPerSecond());
        line(out, "latency ms", "p50 %.2f  p90 %.2f  p99 %.2f  max %.2f",
                latency.p50(), latency.p90(), latency.p99(), latency.max());
        line(out, "actions", "%s", counts(actions));
        line(out, "answers", "%s", counts(answers));
        line(out, "failed", "%d", failures());
        if (!failedAnswers().isEmpty()) {
            line(out, "  non-2xx", "%s", counts(failedAnswers()));
        }
        if (transportErrors > 0) {
            line(out, "  no answer", "%d", transportErrors);
        }
        if (unreadableAnswers > 0) {
            line(out, "  unreadable", "%d 2xx answers held no decision", unreadableAnswers);
        }
        if (firstError != null) {
            line(out, "  first error", "%s", firstError);
        }
        if (generatedOnTheFly > 0) {
            line(out, "on the fly", "%d feedback generated during the run; raise --pool to prepare them", generatedOnTheFly);
        }
        return out.toString();
    }

    private double perSecond(long n) {
        long nanos = elapsed.toNanos();
        return nanos == 0 ? 0 : n * 1e9 / nanos;
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "%-13s ", label))
                .append(String.format(Locale.ROOT, format, args))
                .append('\n');
    }

    private static String counts(Map<?, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringJoiner joined = new StringJoiner("  ");
        counts.forEach((key, count) -> joined.add(key + " " + count));
        return joined.toString();
    }
}
