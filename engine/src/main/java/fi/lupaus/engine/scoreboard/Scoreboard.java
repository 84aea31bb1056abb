package fi.lupaus.engine.scoreboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import fi.lupaus.engine.casework.CaseFile;
import fi.lupaus.engine.fact.CaseState;
import fi.lupaus.engine.fact.Survey;

/**
 * The promise scoreboard: NPS, CSI and response counts (overall and by touchpoint, phase or
 * week), and for each promise how many of its cases were kept and broken.
 */
public final class Scoreboard {

    /** How responses are grouped besides the total. */
    public enum By { NONE, TOUCHPOINT, PHASE, WEEK }

    /**
     * NPS and CSI of a set of responses.
     *
     * @param group      the group's key, or {@code "all"}
     * @param responses  answers of either survey
     * @param npsAnswers NPS answers; promoters, passives and detractors among them
     * @param nps        %promoters − %detractors to one decimal, or {@code null} without NPS answers
     * @param csatAnswers CSAT answers; satisfied (4–5) among them
     * @param csi        satisfied / CSAT answers in percent to one decimal, or {@code null}
     */
    public record Measures(String group, int responses, int npsAnswers, int promoters, int passives, int detractors,
                           Double nps, int csatAnswers, int satisfied, Double csi) {
    }

    /**
     * How one promise was kept.
     *
     * @param keptRate                kept / (kept + broken) in percent to one decimal, or {@code null}
     * @param medianHoursToResolve    from the feedback to the resolution, to one decimal, or {@code null}
     * @param recoveredCustomers      customers whose resolved case was followed by a promoter answer
     */
    public record PromiseMeasures(String promise, int opened, int kept, int broken, int stillOpen, int cancelled,
                                  Double keptRate, Double medianHoursToResolve, int recoveredCustomers) {
    }

    public record Report(Measures total, List<Measures> groups, List<PromiseMeasures> promises) {
    }

    private Scoreboard() {
    }

    /** The scoreboard of these responses and cases at {@code now}; weeks are ISO weeks in {@code zone}, to the hour. */
    public static Report of(List<ResponseCount> responses, List<CaseFile> cases, By by, ZoneId zone, Instant now) {
        Function<ResponseCount, String> key = switch (by) {
            case NONE -> response -> "all";
            case TOUCHPOINT -> response -> lower(response.touchpoint());
            case PHASE -> response -> lower(response.phase());
            case WEEK -> response -> {
                var local = response.hour().atZone(zone);
                return String.format(Locale.ROOT, "%d-W%02d", local.get(IsoFields.WEEK_BASED_YEAR),
                        local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            };
        };
        Map<String, List<ResponseCount>> grouped = new TreeMap<>();
        responses.forEach(response -> grouped.computeIfAbsent(key.apply(response), k -> new ArrayList<>()).add(response));
        List<Measures> groups = by == By.NONE ? List.of()
                : grouped.entrySet().stream().map(entry -> measures(entry.getKey(), entry.getValue())).toList();

        Map<String, List<CaseFile>> byPromise = new TreeMap<>();
        cases.forEach(file -> byPromise.computeIfAbsent(file.promise(), p -> new ArrayList<>()).add(file));
        List<PromiseMeasures> promises = byPromise.entrySet().stream()
                .map(entry -> promise(entry.getKey(), entry.getValue(), now)).toList();
        return new Report(measures("all", responses), groups, promises);
    }

    private static Measures measures(String group, List<ResponseCount> responses) {
        int nps = 0, promoters = 0, passives = 0, detractors = 0, csat = 0, satisfied = 0;
        for (ResponseCount response : responses) {
            int count = Math.toIntExact(response.count());
            if (response.survey() == Survey.NPS) {
                nps += count;
                if (response.score() >= 9) {
                    promoters += count;
                } else if (response.score() >= 7) {
                    passives += count;
                } else {
                    detractors += count;
                }
            } else {
                csat += count;
                if (response.score() >= 4) {
                    satisfied += count;
                }
            }
        }
        return new Measures(group, nps + csat, nps, promoters, passives, detractors,
                nps == 0 ? null : oneDecimal(100.0 * (promoters - detractors) / nps), csat, satisfied,
                csat == 0 ? null : oneDecimal(100.0 * satisfied / csat));
    }

    private static PromiseMeasures promise(String promise, List<CaseFile> cases, Instant now) {
        int kept = 0, broken = 0, open = 0, cancelled = 0;
        List<Long> resolveMillis = new ArrayList<>();
        Set<String> recovered = new HashSet<>();
        for (CaseFile file : cases) {
            if (file.isKept()) {
                kept++;
            } else if (file.isBroken(now)) {
                broken++;
            } else if (file.state() == CaseState.CANCELLED) {
                cancelled++;
            } else {
                open++;
            }
            if (file.state() == CaseState.RESOLVED) {
                resolveMillis.add(Duration.between(file.receivedAt(), file.closedAt()).toMillis());
            }
            if (file.recoveredAt() != null) {
                // An erased customer's cases no longer name them: count each such case once.
                recovered.add(file.customerId().isEmpty() ? "case:" + file.caseId() : file.customerId());
            }
        }
        return new PromiseMeasures(promise, cases.size(), kept, broken, open, cancelled,
                kept + broken == 0 ? null : oneDecimal(100.0 * kept / (kept + broken)),
                resolveMillis.isEmpty() ? null : oneDecimal(median(resolveMillis) / 3_600_000.0), recovered.size());
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    private static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
