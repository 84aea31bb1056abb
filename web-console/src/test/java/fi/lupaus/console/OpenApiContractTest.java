package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.api.openapi.OpenApiRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;

/**
 * The OpenAPI document against the running server, both ways: every route the server has is an
 * operation of the document, every operation of the document is a route of the server, and each
 * operation called there answers a status the document lists for it, with a body its schema
 * allows (checked by vertx-openapi's response validator).
 */
@Tag("store")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    static Path dataDir;

    private final Vertx vertx = Vertx.vertx();
    private TestServer server;
    private JsonObject document;
    private ResponseValidator answers;

    @BeforeAll
    void start() {
        server = TestServer.start(dataDir, Clock.systemUTC());
        answers = ResponseValidator.create(vertx, TestServer.await(OpenApiRoutes.load(vertx)).contract());
        HttpResponse<Buffer> answer = server.get("/api/openapi.json", null);
        assertThat(answer.statusCode()).as("the document needs no caller").isEqualTo(200);
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/json");
        document = answer.bodyAsJsonObject();
    }

    @AfterAll
    void stop() {
        server.close();
        TestServer.await(vertx.close());
    }

    @Test
    void theDocumentIsOpenApi31AndEveryOperationIsNamedTaggedAndSummed() {
        assertThat(document.getString("openapi")).startsWith("3.1");
        List<String> unnamed = new ArrayList<>();
        forEachOperation((method, path, operation) -> {
            if (operation.getString("operationId") == null || operation.getString("summary") == null
                    || operation.getJsonArray("tags") == null) {
                unnamed.add(method + " " + path);
            }
        });
        assertThat(unnamed).as("operations without an operationId, summary or tag").isEmpty();
    }

    @Test
    void everyPathParameterIsDeclaredAndEveryErrorAnswersTheErrorShape() {
        List<String> problems = new ArrayList<>();
        forEachOperation((method, path, operation) -> {
            List<String> declared = new ArrayList<>();
            operation.getJsonArray("parameters", new io.vertx.core.json.JsonArray()).forEach(parameter -> {
                JsonObject resolved = resolve((JsonObject) parameter);
                if ("path".equals(resolved.getString("in"))) {
                    declared.add(resolved.getString("name"));
                }
            });
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
            while (names.find()) {
                if (!declared.contains(names.group(1))) {
                    problems.add(method + " " + path + ": {" + names.group(1) + "} is not declared");
                }
            }
            JsonObject responses = operation.getJsonObject("responses");
            for (String status : responses.fieldNames()) {
                // Health and readiness say what is down in their own shape.
                boolean ownShape = status.equals("503")
                        && List.of("health", "ready").contains(operation.getString("operationId"));
                if (status.compareTo("400") >= 0 && !ownShape) {
                    JsonObject media = resolve(responses.getJsonObject(status)).getJsonObject("content", new JsonObject())
                            .getJsonObject("application/json", new JsonObject());
                    if (!"#/components/schemas/Errors".equals(media.getJsonObject("schema", new JsonObject())
                            .getString("$ref"))) {
                        problems.add(method + " " + path + ": " + status + " is not the error shape");
                    }
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    /** A $ref of the document followed to what it names. */
    private JsonObject resolve(JsonObject node) {
        JsonObject current = node;
        while (current.containsKey("$ref")) {
            JsonObject at = document;
            for (String part : current.getString("$ref").substring(2).split("/")) {
                at = at.getJsonObject(part);
            }
            current = at;
        }
        return current;
    }

    @Test
    void everyRouteOfTheServerIsInTheDocumentAndEveryOperationOfTheDocumentIsOnTheServer() {
        Set<String> routes = new TreeSet<>();
        walk(server.routes(), "", routes);
        Set<String> documented = new TreeSet<>();
        forEachOperation((method, path, operation) -> documented.add(method.toUpperCase() + " " + path));

        assertThat(routes).as("routes the server has").hasSizeGreaterThan(40);
        assertThat(setMinus(routes, documented)).as("routes of the server missing from the document").isEmpty();
        assertThat(setMinus(documented, routes)).as("operations of the document the server does not have").isEmpty();
    }

    @Test
    void everyOperationCalledOnTheServerAnswersAStatusTheDocumentListsForIt() {
        List<String> undocumented = new ArrayList<>();
        forEachOperation((method, path, operation) -> {
            String concrete = path.replaceAll("\\{[^}]+}", "contract-walk");
            HttpResponse<Buffer> answer = call(method, operation, concrete);
            String status = Integer.toString(answer.statusCode());
            if (!operation.getJsonObject("responses").containsKey(status)) {
                undocumented.add(method.toUpperCase() + " " + path + " answered " + status + ": "
                        + shorten(answer.bodyAsString()));
            } else {
                String problem = answerProblem(operation.getString("operationId"), answer);
                if (problem != null) {
                    undocumented.add(method.toUpperCase() + " " + path + " answered " + status + " "
                            + shorten(answer.bodyAsString()) + ", which is not as documented: " + problem);
                }
            }
        });
        assertThat(undocumented).as("answers whose status or body the document does not describe").isEmpty();
    }

    /**
     * Parameters, both ways, operation by operation: each query parameter given alone with a value
     * its schema allows is not refused by the server, and given a value its schema refuses (a word
     * for a number, a choice it does not list, a time that is none, one character too many) is
     * answered 400 naming it; so is a parameter the operation does not have, and a path parameter
     * longer than its schema allows.
     */
    @Test
    void everyParameterOfEveryOperationIsCheckedOnTheServerAsTheDocumentSays() {
        List<String> problems = new ArrayList<>();
        int[] tried = {0};
        forEachOperation((method, path, operation) -> {
            List<JsonObject> parameters = new ArrayList<>();
            operation.getJsonArray("parameters", new io.vertx.core.json.JsonArray())
                    .forEach(parameter -> parameters.add(resolve((JsonObject) parameter)));
            String concrete = path.replaceAll("\\{[^}]+}", "contract-walk");
            for (JsonObject parameter : parameters) {
                String name = parameter.getString("name");
                JsonObject schema = resolve(parameter.getJsonObject("schema", new JsonObject()));
                if ("query".equals(parameter.getString("in"))) {
                    String good = goodValue(schema);
                    if (good != null) {
                        tried[0]++;
                        HttpResponse<Buffer> answer = call(method, operation, concrete + "?" + name + "=" + encode(good));
                        if (answer.statusCode() == 400 && names(answer, name)) {
                            problems.add(method.toUpperCase() + " " + path + "?" + name + "=" + good
                                    + " is allowed by the document, refused by the server: " + shorten(answer.bodyAsString()));
                        }
                    }
                    String bad = badValue(schema);
                    if (bad != null) {
                        tried[0]++;
                        HttpResponse<Buffer> answer = call(method, operation, concrete + "?" + name + "=" + encode(bad));
                        if (answer.statusCode() != 400 || !names(answer, name)) {
                            problems.add(method.toUpperCase() + " " + path + "?" + name + "=" + bad
                                    + " is refused by the document, but the server answered " + answer.statusCode() + " "
                                    + shorten(answer.bodyAsString()));
                        }
                    }
                } else if ("path".equals(parameter.getString("in")) && schema.getValue("maxLength") instanceof Integer max) {
                    tried[0]++;
                    HttpResponse<Buffer> answer = call(method, operation,
                            path.replace("{" + name + "}", "x".repeat(max + 1)).replaceAll("\\{[^}]+}", "contract-walk"));
                    if (answer.statusCode() != 400 || !names(answer, name)) {
                        problems.add(method.toUpperCase() + " " + path + " with a " + (max + 1) + "-character " + name
                                + " answered " + answer.statusCode() + " " + shorten(answer.bodyAsString()));
                    }
                }
            }
            // Operations that need no caller are answered before parameters are checked; they take none.
            boolean open = operation.getJsonArray("security") != null && operation.getJsonArray("security").isEmpty();
            if (!open) {
                HttpResponse<Buffer> answer = call(method, operation, concrete + "?colour=blue");
                if (answer.statusCode() != 400 || !names(answer, "colour")) {
                    problems.add(method.toUpperCase() + " " + path + "?colour=blue, no parameter of it, answered "
                            + answer.statusCode() + " " + shorten(answer.bodyAsString()));
                }
            }
        });
        assertThat(tried[0]).as("parameters tried").isGreaterThan(40);
        assertThat(problems).isEmpty();
    }

    /** A request to the operation, with its body's example when it takes one. */
    private HttpResponse<Buffer> call(String method, JsonObject operation, String uri) {
        JsonObject body = operation.getJsonObject("requestBody");
        String contentType = null;
        Buffer payload = null;
        if (body != null) {
            JsonObject content = body.getJsonObject("content");
            contentType = content.fieldNames().iterator().next();
            Object example = content.getJsonObject(contentType).getValue("example");
            payload = Buffer.buffer(contentType.equals("text/csv") ? "customerId,touchpoint\nC-1,web\n"
                    : example == null ? "{}" : io.vertx.core.json.Json.encode(example));
        }
        boolean open = operation.getJsonArray("security") != null && operation.getJsonArray("security").isEmpty();
        return server.send(HttpMethod.valueOf(method.toUpperCase()), uri, open ? null : TestServer.ADMIN_TOKEN,
                contentType, payload);
    }

    private static boolean names(HttpResponse<Buffer> answer, String field) {
        try {
            return answer.bodyAsJsonObject().getJsonArray("errors").stream()
                    .anyMatch(error -> field.equals(((JsonObject) error).getString("field")));
        } catch (RuntimeException notTheErrorShape) {
            return false;
        }
    }

    /** A value the schema allows, or null for free text (which the route may hold to more, a cursor say). */
    private static String goodValue(JsonObject schema) {
        JsonObject one = "array".equals(schema.getValue("type")) ? schema.getJsonObject("items") : schema;
        if (one.getJsonArray("enum") != null) {
            return String.valueOf(one.getJsonArray("enum").getValue(0));
        }
        return switch (String.valueOf(one.getValue("type"))) {
            case "integer" -> String.valueOf(one.getValue("default", one.getValue("minimum", 1)));
            case "boolean" -> "false";
            case "string" -> "date-time".equals(one.getString("format")) ? "2026-11-01T00:00:00Z" : null;
            default -> null;
        };
    }

    /** A value the schema refuses, or null when it refuses none a query can carry. */
    private static String badValue(JsonObject schema) {
        JsonObject one = "array".equals(schema.getValue("type")) ? schema.getJsonObject("items") : schema;
        if (one.getJsonArray("enum") != null) {
            return "no-such-choice";
        }
        return switch (String.valueOf(one.getValue("type"))) {
            case "integer" -> "many";
            case "boolean" -> "maybe";
            case "string" -> "date-time".equals(one.getString("format")) ? "yesterday"
                    : one.getValue("maxLength") instanceof Integer max ? "x".repeat(max + 1) : null;
            default -> null;
        };
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void answersOfDecidingReadingAndListingAreShapedAsTheDocumentSays() {
        List<String> problems = new ArrayList<>();
        HttpResponse<Buffer> decided = server.post("/api/feedback", TestServer.feedback("fb-shape-1", "C-SHAPE", "NPS", 2)
                .put("comment", "Jono").put("orderId", "O-1").put("loyaltyTier", "gold"));
        check(problems, "postFeedback", decided, 201);
        String decisionId = decided.bodyAsJsonObject().getString("decisionId");
        check(problems, "postFeedbackBatch", server.post("/api/feedback/batch", new io.vertx.core.json.JsonArray()
                .add(TestServer.feedback("fb-shape-2", "C-SHAPE-2", "CSAT", 1).put("complaint", true))), 201);
        check(problems, "getDecision", server.get("/api/decisions/" + decisionId), 200);
        check(problems, "listDecisions", server.get("/api/decisions?customerId=C-SHAPE"), 200);
        check(problems, "explainDecision", server.get("/api/decisions/" + decisionId + "/explanation"), 200);
        check(problems, "replayDecision", server.post("/api/audit/replay/" + decisionId, ""), 200);
        check(problems, "listRuleSets", server.get("/api/rulesets"), 200);
        check(problems, "getRuleSet", server.get("/api/rulesets/live"), 200);
        check(problems, "listDeployments", server.get("/api/rulesets/deployments"), 200);
        check(problems, "listCases", server.get("/api/cases"), 200);
        String caseId = server.get("/api/cases").bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
                .getString("caseId");
        check(problems, "getCase", server.get("/api/cases/" + caseId), 200);
        check(problems, "acknowledgeCase", server.post("/api/cases/" + caseId + "/acknowledge", "{}"), 200);
        check(problems, "listPromises", server.get("/api/promises"), 200);
        check(problems, "scoreboard", server.get("/api/metrics?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z"), 200);
        check(problems, "listPlugins", server.get("/api/plugins"), 200);
        check(problems, "listDeliveries", server.get("/api/outbox"), 200);
        check(problems, "listTokens", server.get("/api/tokens"), 200);
        check(problems, "createToken", server.post("/api/tokens", new JsonObject().put("name", "shape").put("role", "ingest")), 201);
        check(problems, "listUsers", server.get("/api/users"), 200);
        check(problems, "auditEvents", server.get("/api/audit/events"), 200);
        check(problems, "whoAmI", server.get("/api/session"), 200);
        check(problems, "health", server.get("/api/health", null), 200);
        check(problems, "ready", server.get("/api/ready", null), 200);
        assertThat(problems).isEmpty();
    }

    private void check(List<String> problems, String operationId, HttpResponse<Buffer> answer, int expected) {
        if (answer.statusCode() != expected) {
            problems.add(operationId + " answered " + answer.statusCode() + ": " + shorten(answer.bodyAsString()));
            return;
        }
        String problem = answerProblem(operationId, answer);
        if (problem != null) {
            problems.add(operationId + " answered " + shorten(answer.bodyAsString()) + ": " + problem);
        }
    }

    /** What is wrong with the answer by the document's schema of it, or null. */
    private String answerProblem(String operationId, HttpResponse<Buffer> answer) {
        String contentType = answer.getHeader("Content-Type");
        Buffer body = answer.body();
        ValidatableResponse response = body == null || body.length() == 0 || contentType == null
                ? ValidatableResponse.create(answer.statusCode())
                : ValidatableResponse.create(answer.statusCode(), body, contentType);
        try {
            TestServer.await(answers.validate(response, operationId));
            return null;
        } catch (AssertionError e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.ExecutionException wrapped
                    ? wrapped.getCause() : e.getCause();
            return cause == null ? e.getMessage() : describe(cause);
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null && cause != failure; cause = cause.getCause()) {
            text.append(" / ").append(cause.getMessage());
        }
        return text.toString();
    }

    /** Collects "METHOD /api/path/{param}" of every route that answers, through mounted sub-routers. */
    private static void walk(Router router, String prefix, Set<String> into) {
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (route.getSubRouter() != null) {
                walk(route.getSubRouter(), prefix + trim(path), into);
            } else if (path != null && route.methods() != null && !route.methods().isEmpty()) {
                String full = (prefix + trim(path)).replaceAll(":([A-Za-z0-9_]+)", "{$1}");
                if (full.startsWith("/api/")) {
                    route.methods().forEach(method -> into.add(method.name() + " " + full));
                }
            }
        }
    }

    private static String trim(String path) {
        String trimmed = path == null ? "" : path.endsWith("*") ? path.substring(0, path.length() - 1) : path;
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private interface OperationVisitor {
        void visit(String method, String path, JsonObject operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        JsonObject paths = document.getJsonObject("paths");
        for (String path : new TreeSet<>(paths.fieldNames())) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : METHODS) {
                if (item.containsKey(method)) {
                    visitor.visit(method, path, item.getJsonObject(method));
                }
            }
        }
    }

    private static Set<String> setMinus(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
