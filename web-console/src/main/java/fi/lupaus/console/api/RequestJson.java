package fi.lupaus.console.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import fi.lupaus.engine.ruleset.RuleSource;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading the parts of request bodies that several API areas share. */
public final class RequestJson {

    /** More sources than this is not a rule set people edit. */
    public static final int MAX_SOURCES = 100;

    private RequestJson() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public static JsonObject object(RoutingContext ctx) {
        if (ctx.body().isEmpty()) {
            return new JsonObject();
        }
        try {
            JsonObject body = ctx.body().asJsonObject();
            return body == null ? new JsonObject() : body;
        } catch (DecodeException | ClassCastException e) {
            throw ApiException.badRequest(List.of(new FieldError("body", "is not a JSON object")));
        }
    }

    /** An optional ISO-8601 time field. */
    public static Instant instant(JsonObject body, String field, List<FieldError> errors) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z"));
            return null;
        }
    }

    /**
     * Rule sources given as {@code "sources": [{"name": "a/path.drl", "drl": "…"}]}.
     *
     * @return the sources, or {@code null} when the body has no {@code sources} array
     */
    public static List<RuleSource> sources(JsonObject body, List<FieldError> errors) {
        if (!(body.getValue("sources") instanceof JsonArray array)) {
            return null;
        }
        if (array.isEmpty() || array.size() > MAX_SOURCES) {
            errors.add(new FieldError("sources", "must hold 1–" + MAX_SOURCES + " sources"));
            return null;
        }
        List<RuleSource> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "sources[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject source) || !(source.getValue("drl") instanceof String drl)) {
                errors.add(new FieldError(field, "must be {\"name\": \"a/path.drl\", \"drl\": \"…\"}"));
                continue;
            }
            try {
                RuleSource ruleSource = new RuleSource(source.getString("name", ""), drl);
                if (!names.add(ruleSource.name())) {
                    errors.add(new FieldError(field + ".name", "another source has the same name"));
                }
                sources.add(ruleSource);
            } catch (IllegalArgumentException | ClassCastException e) {
                errors.add(new FieldError(field + ".name", "must be a relative path of letters, digits, '_' and '-' "
                        + "ending in .drl, e.g. fi/lupaus/rules/custom/delivery.drl"));
            }
        }
        return sources;
    }
}
