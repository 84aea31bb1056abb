package fi.lupaus.console.api;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import fi.lupaus.engine.ruleset.RuleSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading the parts of request bodies that several API areas share. */
public final class RequestJson {

    /** More sources than this is not a rule set people edit. */
    public static final int MAX_SOURCES = 100;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String DOCUMENT_KEY = "lupaus.requestDocument";

    private RequestJson() {
    }

    /**
     * The body as a JSON object, read as strictly as {@link #strictTree}; an empty body is an
     * empty object.
     */
    public static JsonObject object(RoutingContext ctx) {
        Object document = document(ctx);
        if (document == null) {
            return new JsonObject();
        }
        if (!(document instanceof JsonObject object)) {
            throw ApiException.badRequest(List.of(new FieldError("body", "is not a JSON object")));
        }
        return object;
    }

    /**
     * The body as one JSON document read as strictly as {@link #strictTree} (a {@link JsonObject},
     * a {@link JsonArray} or a plain value), or {@code null} when it is empty. Read once a request:
     * the schema's check and the route share it.
     */
    public static Object document(RoutingContext ctx) {
        if (ctx.get(DOCUMENT_KEY) instanceof Object[] read) {
            return read[0];
        }
        JsonNode tree = ctx.body().isEmpty() ? null : read(ctx);
        Object document = tree == null ? null : wrap(STRICT.convertValue(tree, Object.class));
        ctx.put(DOCUMENT_KEY, new Object[] {document});
        return document;
    }

    /** Maps and lists as Vert.x's JSON types all the way down, as the schema's validator walks them. */
    @SuppressWarnings("unchecked")
    private static Object wrap(Object value) {
        if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            ((Map<String, Object>) map).forEach((name, field) -> object.put(name, wrap(field)));
            return object;
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            list.forEach(item -> array.add(wrap(item)));
            return array;
        }
        return value;
    }

    /**
     * The body as one JSON document, read strictly: a field given twice in one object, or
     * anything after the document but white space, is refused naming where, not read as the last
     * value or the first document.
     */
    public static JsonNode strictTree(RoutingContext ctx) {
        JsonNode tree = ctx.body().isEmpty() ? null : read(ctx);
        if (tree == null) {
            throw ApiException.badRequest(List.of(new FieldError("body", "is empty; send one JSON document")));
        }
        return tree;
    }

    /** The document, or {@code null} when the body holds only white space. */
    private static JsonNode read(RoutingContext ctx) {
        try (JsonParser parser = STRICT.createParser(ctx.body().buffer().getBytes())) {
            JsonNode tree = STRICT.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                return null;
            }
            JsonLocation after;
            try {
                after = parser.nextToken() == null ? null : parser.currentTokenLocation();
            } catch (StreamReadException garbage) {
                after = garbage.getLocation();
            }
            if (after != null) {
                throw ApiException.badRequest(List.of(new FieldError("body", "holds more after its JSON document"
                        + where(after) + "; send one JSON document")));
            }
            return tree;
        } catch (StreamReadException e) {
            if (e.getProcessor() != null && e.getOriginalMessage() != null
                    && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw ApiException.badRequest(List.of(new FieldError(path(e.getProcessor().getParsingContext()),
                        "is given twice in one object" + where(e.getLocation()) + "; give each field once")));
            }
            throw ApiException.badRequest(List.of(new FieldError("body", "is not valid JSON" + where(e.getLocation()))));
        } catch (IOException e) {
            throw ApiException.badRequest(List.of(new FieldError("body", "is not valid UTF-8 JSON")));
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** A field's path as errors name it: {@code score}, {@code [3].score}. */
    private static String path(JsonStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            segments.add(0, at.inArray() ? "[" + at.getCurrentIndex() + "]" : String.valueOf(at.getCurrentName()));
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append(segment.startsWith("[") || path.isEmpty() ? "" : ".").append(segment);
        }
        return path.isEmpty() ? "body" : path.toString();
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
