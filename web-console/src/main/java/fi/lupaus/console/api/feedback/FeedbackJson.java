package fi.lupaus.console.api.feedback;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.decide.Posted;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;

/**
 * Reads one feedback from its wire format and checks every field, collecting all problems
 * rather than stopping at the first, so that a sender can fix them in one go.
 */
public final class FeedbackJson {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_COMMENT_LENGTH = 4_000;
    /** Feedback older than this is a mistake, not history. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** Clocks differ a little; feedback from further in the future is a mistake. */
    static final Duration LATEST_AHEAD = Duration.ofDays(1);
    private static final Set<String> FIELDS = Set.of("id", "customerId", "receivedAt", "touchpoint", "phase",
            "survey", "score", "comment", "complaint", "orderId", "loyaltyTier");

    /** Prefixes of the ids the server gives records of its own. */
    static final List<String> RESERVED_ID_PREFIXES = List.of("erased:", "case-due:");
    /** The ids the server generates: {@code fb-<uuid>} for feedback without one, {@code csv-<hash>-<line>} for CSV rows. */
    private static final Pattern GENERATED_ID = Pattern.compile(
            "fb-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|csv-[0-9a-f]{16}-[0-9]+",
            Pattern.CASE_INSENSITIVE);
    private static final String GENERATED_ID_FORMS = "fb-<uuid>, csv-<16 hex digits>-<line>";

    private final String path;
    private final JsonNode node;
    private final List<FieldError> errors;

    private FeedbackJson(String path, JsonNode node, List<FieldError> errors) {
        this.path = path;
        this.node = node;
        this.errors = errors;
    }

    /**
     * @param path   the prefix for field names in errors: "" for a single feedback, "[3]." in a batch
     * @param errors where problems are added
     * @return the feedback, or {@code null} when there were problems
     */
    public static Feedback read(JsonNode node, String path, Instant arrival, List<FieldError> errors) {
        return new FeedbackJson(path, node, errors).read(arrival, null, false);
    }

    /**
     * Reads feedback posted to be decided and recorded: as {@link #read}, and its {@code id} may
     * not be one of the server's own making ({@link #reservedIdProblem}).
     *
     * @param defaultId the id when the feedback has none, or {@code null} for a new {@code fb-<uuid>}
     * @return the feedback, or {@code null} when there were problems
     */
    public static Posted readPosted(JsonNode node, String path, Instant arrival, String defaultId,
                                    List<FieldError> errors) {
        FeedbackJson reader = new FeedbackJson(path, node, errors);
        Feedback feedback = reader.read(arrival, defaultId, true);
        return feedback == null ? null : new Posted(feedback, reader.field("receivedAt") != null);
    }

    /**
     * Why a sender may not use this id, or {@code null} when it may: ids the server makes itself
     * (an erased record's, a case sweep's, a CSV row's, a generated one) are not a caller's to
     * take, or the server's own records would collide with them.
     */
    public static String reservedIdProblem(String id) {
        for (String prefix : RESERVED_ID_PREFIXES) {
            if (id.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return "must not start with '" + prefix + "': ids starting " + String.join(", ", RESERVED_ID_PREFIXES)
                        + " are of the server's own making";
            }
        }
        if (GENERATED_ID.matcher(id).matches()) {
            return "must not have the form of an id the server makes (" + GENERATED_ID_FORMS + ")";
        }
        return null;
    }

    private Feedback read(Instant arrival, String defaultId, boolean posted) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(path.isEmpty() ? "body" : path.substring(0, path.length() - 1),
                    "must be a JSON object with the feedback's fields"));
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(path + name, "is not a field of feedback; the fields are "
                        + FIELDS.stream().sorted().collect(Collectors.joining(", "))));
            }
        }
        String id = text("id", false, MAX_ID_LENGTH);
        String reserved = posted && id != null ? reservedIdProblem(id) : null;
        if (reserved != null) {
            problem("id", reserved);
        }
        String customerId = text("customerId", true, MAX_ID_LENGTH);
        Instant receivedAt = instant("receivedAt", arrival);
        Touchpoint touchpoint = choice("touchpoint", Touchpoint.class, null);
        Phase phase = choice("phase", Phase.class, null);
        Survey survey = choice("survey", Survey.class, null);
        Integer score = score(survey);
        String comment = text("comment", false, MAX_COMMENT_LENGTH);
        boolean complaint = flag("complaint");
        String orderId = text("orderId", false, MAX_ID_LENGTH);
        LoyaltyTier tier = choice("loyaltyTier", LoyaltyTier.class, LoyaltyTier.NONE);
        if (errors.size() > before) {
            return null;
        }
        String given = id != null ? id : defaultId != null ? defaultId : "fb-" + UUID.randomUUID();
        return new Feedback(given, customerId, receivedAt, touchpoint, phase, survey, score, comment, complaint,
                orderId, tier);
    }

    private JsonNode field(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private void problem(String name, String reason) {
        errors.add(new FieldError(path + name, reason));
    }

    private String text(String name, boolean required, int maxLength) {
        JsonNode value = field(name);
        if (value == null) {
            if (required) {
                problem(name, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problem(name, "must be a string");
            return null;
        }
        String text = value.textValue();
        if (text.isBlank()) {
            problem(name, "must not be blank");
            return null;
        }
        if (text.length() > maxLength) {
            problem(name, "must be at most " + maxLength + " characters, not " + text.length());
            return null;
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            problem(name, "must not contain control characters");
            return null;
        }
        String unsafe = unsafeCharacter(text);
        if (unsafe != null) {
            problem(name, "must not contain " + unsafe);
            return null;
        }
        return text;
    }

    private Instant instant(String name, Instant otherwise) {
        JsonNode value = field(name);
        if (value == null) {
            return otherwise;
        }
        if (!value.isTextual()) {
            problem(name, "must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z");
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(value.textValue()).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(otherwise.plus(LATEST_AHEAD))) {
                problem(name, "must be between " + EARLIEST + " and a day from now");
                return null;
            }
            // Kept to the microsecond, as PostgreSQL keeps times: what is recorded is what was decided.
            return instant.truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            problem(name, "'" + shorten(value.textValue()) + "' is not an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z");
            return null;
        }
    }

    private <E extends Enum<E>> E choice(String name, Class<E> type, E otherwise) {
        JsonNode value = field(name);
        if (value == null) {
            if (otherwise == null) {
                problem(name, "is required: one of " + allowed(type));
            }
            return otherwise;
        }
        if (value.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value.textValue())) {
                    return constant;
                }
            }
        }
        problem(name, "'" + shorten(value.asText()) + "' is not one of " + allowed(type));
        return null;
    }

    // Only for the error: joining the names for every field of every post showed in the profile.
    private static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(FeedbackJson::wireName).collect(Collectors.joining(", "));
    }

    private Integer score(Survey survey) {
        JsonNode value = field("score");
        if (value == null) {
            problem("score", "is required");
            return null;
        }
        String range = survey == null ? "" : " from " + survey.min() + " to " + survey.max() + " for " + survey;
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            problem("score", "must be a whole number" + range);
            return null;
        }
        int score = value.intValue();
        if (survey != null && !survey.accepts(score)) {
            problem("score", score + " is outside" + range);
            return null;
        }
        return score;
    }

    private boolean flag(String name) {
        JsonNode value = field(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            problem(name, "must be true or false");
            return false;
        }
        return value.booleanValue();
    }

    /**
     * A lone surrogate is no character at all, and bidirectional embeddings, overrides and
     * isolates make text display in another order than it is stored (a comment or an id that
     * reads differently to a person than to the rules): what is wrong, or {@code null}.
     */
    static String unsafeCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("a lone surrogate (U+%04X at character %d): it is not valid Unicode", (int) c, i);
            } else if (c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069') {
                return String.format("bidirectional control characters (U+%04X at character %d)", (int) c, i);
            }
        }
        return null;
    }

    /** Wire names: surveys as NPS and CSAT, everything else in lower case. */
    static String wireName(Enum<?> value) {
        return value instanceof Survey ? value.name() : value.name().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
