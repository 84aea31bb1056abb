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

    /**
     * An optional ISO-8601 time field of a body the OpenAPI document's schema checked already
     * ({@code format: date-time}), or {@code null}. The schema's format and Java's reading of times
     * differ at the edges (a leap second), so a time Java cannot read is still refused here.
     */
    public static Instant time(JsonObject body, String field) {
        return time(field, body.getValue(field));
    }

    /** An optional ISO-8601 time query parameter, checked as {@link #time(JsonObject, String)} reads a field. */
    public static Instant queryTime(RoutingContext ctx, String name) {
        return time(name, ctx.queryParams().get(name));
    }

    private static Instant time(String field, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(List.of(new FieldError(field,
                    "must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z")));
        }
    }

    /**
     * Rule sources given as {@code "sources": [{"name": "a/path.drl", "drl": "…"}]}, in a body the
     * OpenAPI document's schema checked already: how many, their shape and their names' form are
     * the schema's ({@code Sources}); what it cannot say, a name given twice, is checked here.
     *
     * @return the sources, or {@code null} when the body has no {@code sources} array
     */
    public static List<RuleSource> sources(JsonObject body, List<FieldError> errors) {
        if (!(body.getValue("sources") instanceof JsonArray array)) {
            return null;
        }
        List<RuleSource> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject source = array.getJsonObject(i);
            RuleSource ruleSource = new RuleSource(source.getString("name"), source.getString("drl"));
            if (!names.add(ruleSource.name())) {
                errors.add(new FieldError("sources[" + i + "].name", "another source has the same name"));
            }
            sources.add(ruleSource);
        }
        return sources;
    }
}
