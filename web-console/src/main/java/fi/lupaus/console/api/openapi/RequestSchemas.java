package fi.lupaus.console.api.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.RequestJson;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

/**
 * Request bodies checked against the schema of their operation in the OpenAPI document, so that
 * the document and the server cannot disagree on what a body may hold. What the schema refuses is
 * answered {@code 400} with one {@code {"field","reason"}} per field, as the routes answer their own
 * checks. A property's {@code x-reason} in the document words the reason where the schema's keyword
 * alone would say it badly (a pattern): a text for any keyword, or texts by keyword. The routes still read the bodies into their records, and
 * check what a schema cannot say (a source's name taken twice, a draft the rule guard refuses).
 */
public final class RequestSchemas {

    /** The document's own wording of why a value is refused, in a property's schema. */
    static final String REASON = "x-reason";
    private static final Pattern REQUIRED = Pattern.compile("required property \"(.*)\"");
    /** Keywords whose units only say that one of their subschemas failed; the subschema's unit says how. */
    private static final List<String> WRAPPERS = List.of("properties", "items", "prefixItems", "if", "then", "else",
            "allOf", "dependentSchemas", "$ref");

    private record Body(JsonObject schema, Validator validator, boolean required) {
    }

    /**
     * An operation's query and path parameters as one object schema, a property for each, which a
     * request's parameters are checked against as an object of their values.
     */
    private record Parameters(String method, String template, Pattern path, List<String> pathNames, int templated, Body body,
                              List<String> queryNames, Map<String, String> reasons, boolean pathConstrained) {
    }

    private final Map<String, Body> bodies;
    private final List<Parameters> parameters;
    /** The operations whose paths have no parameter, by "METHOD /path". */
    private final Map<String, Parameters> exactPaths = new HashMap<>();

    private RequestSchemas(Map<String, Body> bodies, List<Parameters> parameters) {
        this.bodies = bodies;
        this.parameters = parameters;
        parameters.stream().filter(operation -> operation.templated() == 0).forEach(operation ->
                exactPaths.put(operation.method() + " " + operation.template(), operation));
    }

    /** The JSON request bodies of every operation of {@code document} (an OpenAPI 3.1 document, as read). */
    public static RequestSchemas of(JsonObject document) {
        Map<String, Body> bodies = new HashMap<>();
        List<Parameters> parameters = new ArrayList<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (item.getValue(method) instanceof JsonObject operation && operation.containsKey("responses")) {
                    parameters.add(parameters(document, path, method, item, operation));
                }
                if (!(item.getValue(method) instanceof JsonObject operation)
                        || !(inline(document, operation.getValue("requestBody")) instanceof JsonObject requestBody)) {
                    continue;
                }
                JsonObject json = requestBody.getJsonObject("content", new JsonObject()).getJsonObject("application/json");
                if (json != null && json.getValue("schema") instanceof JsonObject schema) {
                    Validator validator = validator(schema);
                    bodies.put(operation.getString("operationId"),
                            new Body(schema, validator, requestBody.getBoolean("required", false)));
                }
            }
        }
        // A path without a parameter before one with, as OpenAPI matches them: /api/rulesets/deployments before /{version}.
        parameters.sort(java.util.Comparator.comparingInt(Parameters::templated));
        return new RequestSchemas(bodies, parameters);
    }

    private static Validator validator(JsonObject schema) {
        return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions()
                .setDraft(Draft.DRAFT202012).setBaseUri("https://lupaus.fi/openapi")
                .setOutputFormat(OutputFormat.Basic));
    }

    /** The query and path parameters of an operation, those of its path item with its own. */
    private static Parameters parameters(JsonObject document, String path, String method, JsonObject item,
                                         JsonObject operation) {
        JsonObject properties = new JsonObject();
        JsonArray required = new JsonArray();
        List<String> queryNames = new ArrayList<>();
        Map<String, String> reasons = new HashMap<>();
        JsonArray declared = new JsonArray();
        declared.addAll(item.getJsonArray("parameters", new JsonArray()));
        declared.addAll(operation.getJsonArray("parameters", new JsonArray()));
        for (Object one : declared) {
            JsonObject parameter = (JsonObject) inline(document, one);
            String in = parameter.getString("in");
            if (!"query".equals(in) && !"path".equals(in)) {
                continue;
            }
            String name = parameter.getString("name");
            properties.put(name, parameter.getJsonObject("schema", new JsonObject()));
            if (parameter.getBoolean("required", false)) {
                required.add(name);
            }
            if ("query".equals(in)) {
                queryNames.add(name);
            }
            if (parameter.getValue(REASON) instanceof String reason) {
                reasons.put(name, reason);
            }
        }
        JsonObject schema = new JsonObject().put("type", "object").put("properties", properties).put("required", required);
        List<String> pathNames = new ArrayList<>();
        Matcher names = Pattern.compile("\\{([^}]+)}").matcher(path);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (names.find()) {
            regex.append(Pattern.quote(path.substring(last, names.start()))).append("([^/]+)");
            pathNames.add(names.group(1));
            last = names.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        // A path parameter that may be any string needs no check; most may.
        boolean pathConstrained = pathNames.stream().anyMatch(name -> !properties.getJsonObject(name, new JsonObject())
                .equals(new JsonObject().put("type", "string")));
        return new Parameters(method.toUpperCase(java.util.Locale.ROOT), path, Pattern.compile(regex.toString()), pathNames,
                pathNames.size(), new Body(schema, validator(schema), true), queryNames, reasons, pathConstrained);
    }

    /**
     * A handler that checks the query and path parameters of a request against those of its
     * operation in the document, as {@link #check} checks bodies: a value the parameter's schema
     * refuses, or a query parameter the operation does not have, is answered {@code 400} naming the
     * parameter. Choices are taken in any case, as the routes always took them, and handed on as the
     * document spells them. A request that is no
     * operation of the document passes on (to its {@code 404}).
     */
    public Handler<RoutingContext> parameters() {
        return ctx -> {
            List<FieldError> problems = parameterProblems(ctx.request().method().name(), ctx.request().path(),
                    ctx.queryParams());
            if (!problems.isEmpty()) {
                throw ApiException.badRequest(problems);
            }
            ctx.next();
        };
    }

    /** What the document finds wrong with the parameters of a request: none when they are as it says. */
    public List<FieldError> parameterProblems(String method, String path, io.vertx.core.MultiMap query) {
        // Every API request passes here, feedback too: a path without parameters is found at once.
        Parameters exact = exactPaths.get(method + " " + path);
        if (exact != null) {
            return query.isEmpty() ? List.of() : parameterProblems(exact, exact.path().matcher(path), query);
        }
        for (Parameters operation : parameters) {
            if (operation.method().equals(method)) {
                Matcher match = operation.path().matcher(path);
                if (match.matches()) {
                    return parameterProblems(operation, match, query);
                }
            }
        }
        return List.of();
    }

    private static List<FieldError> parameterProblems(Parameters operation, Matcher match, io.vertx.core.MultiMap query) {
        if (query.isEmpty() && !operation.pathConstrained()) {
            return List.of();
        }
        match.matches();
        JsonObject properties = operation.body().schema().getJsonObject("properties");
        JsonObject values = new JsonObject();
        for (int i = 0; i < operation.pathNames().size(); i++) {
            String name = operation.pathNames().get(i);
            values.put(name, value(properties.getJsonObject(name), List.of(decoded(match.group(i + 1)))));
        }
        List<FieldError> unknown = new ArrayList<>();
        for (String name : new java.util.LinkedHashSet<>(query.names())) {
            if (operation.queryNames().contains(name)) {
                values.put(name, value(properties.getJsonObject(name), query.getAll(name)));
            } else {
                unknown.add(new FieldError(name, operation.queryNames().isEmpty() ? "is not a parameter here; there are none"
                        : "is not a parameter here; the parameters are " + String.join(", ",
                        operation.queryNames().stream().sorted().toList())));
            }
        }
        if (unknown.isEmpty() && operation.body().validator().validate(values).getValid()) {
            // The routes read a choice given in another case as the document spells it.
            for (String name : operation.queryNames()) {
                if (values.getValue(name) instanceof JsonArray list) {
                    query.remove(name);
                    list.forEach(item -> query.add(name, String.valueOf(item)));
                } else if (values.getValue(name) instanceof String text) {
                    query.set(name, text);
                }
            }
            return List.of();
        }
        List<FieldError> problems = new ArrayList<>();
        Set<String> named = new java.util.HashSet<>();
        for (FieldError problem : problems(operation.body(), values)) {
            // A parameter's values are named by the parameter: state, not state[1].
            String name = problem.field().split("[.\\[]", 2)[0];
            if (named.add(name)) {
                problems.add(new FieldError(name, operation.reasons().getOrDefault(name, problem.reason())));
            }
        }
        problems.addAll(unknown);
        return problems;
    }

    /** A parameter's text as its schema's type: a number, true or false, a list; a choice as the document spells it. */
    private static Object value(JsonObject schema, List<String> given) {
        if (schema != null && types(schema).contains("array")) {
            JsonArray items = new JsonArray();
            JsonObject itemSchema = schema.getValue("items") instanceof JsonObject object ? object : null;
            given.forEach(text -> items.add(value(itemSchema, List.of(text))));
            return items;
        }
        String text = given.isEmpty() ? "" : given.get(0);
        if (schema == null) {
            return text;
        }
        List<String> types = types(schema);
        if (types.contains("integer") && text.matches("-?\\d{1,18}")) {
            return Long.parseLong(text);
        }
        if (types.contains("number")) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (types.contains("boolean") && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text);
        }
        if (schema.getValue("enum") instanceof JsonArray choices) {
            for (Object choice : choices) {
                if (choice instanceof String word && word.equalsIgnoreCase(text)) {
                    return word;
                }
            }
        }
        return text;
    }

    private static List<String> types(JsonObject schema) {
        Object type = schema.getValue("type");
        List<String> types = new ArrayList<>();
        if (type instanceof JsonArray array) {
            array.forEach(t -> types.add(String.valueOf(t)));
        } else if (type != null) {
            types.add(String.valueOf(type));
        }
        return types;
    }

    /** A path segment as the routes read it: percent-decoded, a '+' left as it is. */
    private static String decoded(String segment) {
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /**
     * A handler that checks the body of a request to {@code operationId} against its schema, then
     * passes it on; the route reads the body already parsed ({@link RequestJson#document}).
     *
     * @throws IllegalArgumentException when the document has no JSON body for the operation, so that
     *                                  a route checked against a schema that is not there fails at start
     */
    public Handler<RoutingContext> check(String operationId) {
        Body body = bodies.get(operationId);
        if (body == null) {
            throw new IllegalArgumentException("the OpenAPI document has no JSON request body for " + operationId);
        }
        return ctx -> {
            Object document = RequestJson.document(ctx);
            if (document == null && !body.required()) {
                ctx.next();
                return;
            }
            List<FieldError> problems = problems(body, document == null ? new JsonObject() : document);
            if (!problems.isEmpty()) {
                throw ApiException.badRequest(problems);
            }
            ctx.next();
        };
    }

    /** What the schema of {@code operationId} finds wrong with {@code document}: none when it is valid. */
    public List<FieldError> problems(String operationId, Object document) {
        return problems(bodies.get(operationId), document);
    }

    private static List<FieldError> problems(Body body, Object given) {
        // The routes read a member given as null as one not given (the console sends null for "any"):
        // the schema is asked about the body as the route reads it.
        Object document = withoutNulls(given);
        OutputUnit result = body.validator().validate(document);
        if (result.getValid()) {
            return List.of();
        }
        // One problem a field, the first the validator names: the others are about the same value.
        Map<String, String> byField = new LinkedHashMap<>();
        for (OutputUnit unit : result.getErrors() == null ? List.<OutputUnit>of() : result.getErrors()) {
            FieldError problem = problem(body.schema(), document, unit);
            if (problem != null) {
                byField.putIfAbsent(problem.field(), problem.reason());
            }
        }
        if (byField.isEmpty()) {
            byField.put("body", "does not match the operation's schema in the OpenAPI document");
        }
        List<FieldError> problems = new ArrayList<>();
        byField.forEach((field, reason) -> problems.add(new FieldError(field, reason)));
        return problems;
    }

    private static Object withoutNulls(Object value) {
        if (value instanceof JsonObject object) {
            JsonObject members = new JsonObject();
            object.forEach(member -> {
                if (member.getValue() != null) {
                    members.put(member.getKey(), withoutNulls(member.getValue()));
                }
            });
            return members;
        }
        if (value instanceof JsonArray array) {
            JsonArray items = new JsonArray();
            array.forEach(item -> items.add(withoutNulls(item)));
            return items;
        }
        return value;
    }

    /** The unit as a field and a reason, or {@code null} when it only wraps another unit. */
    private static FieldError problem(JsonObject schema, Object document, OutputUnit unit) {
        List<String> keywordPath = pointer(unit.getKeywordLocation());
        if (keywordPath.isEmpty()) {
            return null;
        }
        String keyword = keywordPath.get(keywordPath.size() - 1);
        if (WRAPPERS.contains(keyword)) {
            return null;
        }
        Object at = follow(schema, keywordPath.subList(0, keywordPath.size() - 1));
        JsonObject where = at instanceof JsonObject object ? object : new JsonObject();
        List<String> instancePath = pointer(unit.getInstanceLocation());
        Object value = follow(document, instancePath);
        String field = field(document, instancePath);
        switch (keyword) {
            case "required" -> {
                Matcher name = REQUIRED.matcher(String.valueOf(unit.getError()));
                if (!name.find()) {
                    return null;
                }
                String property = name.group(1);
                Object propertySchema = where.getJsonObject("properties", new JsonObject()).getValue(property);
                JsonArray choices = propertySchema instanceof JsonObject p ? p.getJsonArray("enum") : null;
                return new FieldError(child(field, property), "is required"
                        + (choices == null ? "" : ": one of " + words(choices)));
            }
            case "additionalProperties", "unevaluatedProperties" -> {
                // The validator names properties that failed their own schema here too; those are told once, there.
                String property = instancePath.isEmpty() ? null : instancePath.get(instancePath.size() - 1);
                if (where.getJsonObject("properties", new JsonObject()).containsKey(property)) {
                    return null;
                }
                return new FieldError(field, "is not a field here; the fields are "
                        + where.getJsonObject("properties", new JsonObject()).fieldNames().stream().sorted()
                        .collect(Collectors.joining(", ")));
            }
            default -> {
                Object worded = where.getValue(REASON);
                String reason = worded instanceof String all ? all
                        : worded instanceof JsonObject byKeyword ? byKeyword.getString(keyword) : null;
                return new FieldError(field, reason != null ? reason : reason(keyword, where, value, unit));
            }
        }
    }

    private static String reason(String keyword, JsonObject schema, Object value, OutputUnit unit) {
        return switch (keyword) {
            case "type" -> "must be " + typeWords(schema.getValue("type"));
            case "enum" -> "'" + shorten(String.valueOf(value)) + "' is not one of " + words(schema.getJsonArray("enum"));
            case "const" -> "must be " + schema.getValue("const");
            case "maxLength" -> "must be at most " + schema.getValue("maxLength") + " characters, not "
                    + (value instanceof String text ? text.length() : 0);
            case "minLength" -> "must be at least " + schema.getValue("minLength") + " characters";
            case "minimum", "maximum" -> schema.containsKey("minimum") && schema.containsKey("maximum")
                    ? value + " is outside from " + schema.getValue("minimum") + " to " + schema.getValue("maximum")
                    : keyword.equals("minimum") ? "must be at least " + schema.getValue("minimum")
                    : "must be at most " + schema.getValue("maximum");
            case "minItems", "maxItems" -> "must hold from " + schema.getValue("minItems", 0) + " to "
                    + schema.getValue("maxItems", "any number of") + " items, not "
                    + (value instanceof JsonArray array ? array.size() : 0);
            case "pattern" -> "\\S".equals(schema.getString("pattern")) ? "must not be blank"
                    : "must match " + schema.getString("pattern");
            case "format" -> "date-time".equals(schema.getString("format"))
                    ? "must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00Z"
                    : "must be a " + schema.getString("format");
            default -> String.valueOf(unit.getError());
        };
    }

    private static String typeWords(Object type) {
        List<String> types = new ArrayList<>();
        if (type instanceof JsonArray array) {
            array.forEach(t -> types.add(String.valueOf(t)));
        } else {
            types.add(String.valueOf(type));
        }
        types.remove("null");
        return types.stream().map(t -> switch (t) {
            case "string" -> "a string";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "object" -> "a JSON object";
            case "array" -> "a JSON array";
            default -> t;
        }).collect(Collectors.joining(" or "));
    }

    private static String words(JsonArray choices) {
        List<String> words = new ArrayList<>();
        choices.forEach(choice -> {
            if (choice != null) {
                words.add(String.valueOf(choice));
            }
        });
        return String.join(", ", words);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** A JSON pointer ({@code #/a/0/b}, {@code /a/0/b}) as its segments. */
    private static List<String> pointer(String location) {
        List<String> segments = new ArrayList<>();
        if (location == null) {
            return segments;
        }
        String path = location.startsWith("#") ? location.substring(1) : location;
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return segments;
    }

    /** What a path leads to in a schema or a document, or null. */
    private static Object follow(Object json, List<String> path) {
        Object at = json;
        for (String segment : path) {
            if (at instanceof JsonObject object) {
                at = object.getValue(segment);
            } else if (at instanceof JsonArray array && segment.matches("\\d+")) {
                at = array.getValue(Integer.parseInt(segment));
            } else {
                return null;
            }
        }
        return at;
    }

    /** The path as errors name fields: {@code sources[0].drl}, {@code [3].score}, {@code body} for the whole. */
    private static String field(Object document, List<String> path) {
        StringBuilder field = new StringBuilder();
        Object at = document;
        for (String segment : path) {
            if (at instanceof JsonArray array && segment.matches("\\d+")) {
                field.append('[').append(segment).append(']');
                at = array.getValue(Integer.parseInt(segment));
            } else {
                field.append(field.isEmpty() ? "" : ".").append(segment);
                at = at instanceof JsonObject object ? object.getValue(segment) : null;
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String child(String field, String property) {
        return "body".equals(field) ? property : field + "." + property;
    }

    /** {@code node} (a schema of {@code document}, or a part of one) with every {@code $ref} of the document put in its place. */
    public static Object inline(JsonObject document, Object node) {
        if (node instanceof JsonObject object) {
            if (object.getValue("$ref") instanceof String ref && ref.startsWith("#/")) {
                Object target = document;
                for (String part : ref.substring(2).split("/")) {
                    target = ((JsonObject) target).getValue(part);
                }
                return inline(document, target);
            }
            JsonObject copy = new JsonObject();
            object.forEach(field -> copy.put(field.getKey(), inline(document, field.getValue())));
            return copy;
        }
        if (node instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(item -> copy.add(inline(document, item)));
            return copy;
        }
        return node;
    }
}
