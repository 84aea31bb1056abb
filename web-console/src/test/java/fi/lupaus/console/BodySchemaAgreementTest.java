package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.console.api.openapi.RequestSchemas;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.Validator;

/**
 * As {@link FeedbackSchemaAgreementTest}, for the other bodies people and scripts send: users,
 * tokens, the guided promise form and the steps of a case. The document's schema of each allows a body exactly when
 * the server takes it. (Choices in another case, which the server also takes, are not tried.)
 */
@Tag("store")
class BodySchemaAgreementTest {

    @TempDir
    Path dataDir;

    private record Case(String name, HttpMethod method, String path, String operation, JsonObject body) {
    }

    @Test
    void theSchemasOfUsersTokensThePromiseFormAndCaseStepsAllowExactlyWhatTheServerTakes() {
        try (TestServer server = TestServer.start(dataDir, Clock.systemUTC())) {
            JsonObject document = server.get("/api/openapi.json", null).bodyAsJsonObject();
            assertThat(server.post("/api/users", new JsonObject().put("username", "anna").put("password", "kesäkuun aurinko")
                    .put("role", "auditor")).statusCode()).isEqualTo(201);
            List<Case> cases = new ArrayList<>();
            int[] n = {0};
            JsonObject user = new JsonObject().put("username", "u").put("password", "kesäkuun aurinko").put("role", "cx-manager");
            variants(user, Map.of("username", List.of("maija", "a b", "x".repeat(100), "x".repeat(101), "m@ija.fi", ""),
                    "password", List.of("short", "x".repeat(12)), "role", List.of("ingest", "auditor", "owner")))
                    .forEach((name, body) -> cases.add(new Case("user " + name, HttpMethod.POST, "/api/users", "createUser",
                            body.containsKey("username") && "u".equals(body.getString("username"))
                                    ? body.copy().put("username", "user" + n[0]++) : body)));
            JsonObject token = new JsonObject().put("name", "web-shop").put("role", "ingest");
            variants(token, Map.of("name", List.of("x".repeat(100), "x".repeat(101), " "), "role", List.of("admin", "boss")))
                    .forEach((name, body) -> cases.add(new Case("token " + name, HttpMethod.POST, "/api/tokens", "createToken", body)));
            JsonObject change = new JsonObject().put("role", "admin");
            variants(change, Map.of("role", List.of("ingest", "auditor", "boss"), "password", List.of("short", "x".repeat(12))))
                    .forEach((name, body) -> cases.add(new Case("change " + name, HttpMethod.PATCH, "/api/users/anna", "changeUser", body)));
            JsonObject form = new JsonObject().put("promise", "delivery-complaint-12h").put("title", "Delivery complaints in 12 hours")
                    .put("when", new JsonObject().put("kind", "complaint").put("touchpoint", "web").put("commentMentions", "delivery"))
                    .put("then", new JsonObject().put("action", "OPEN_CASE").put("owner", "web-shop-team").put("priority", "high")
                            .put("withinHours", 12));
            variants(form, Map.of("promise", List.of("Delivery 12h", "x".repeat(81)), "title", List.of("say \"hi\"", "x".repeat(201))))
                    .forEach((name, body) -> cases.add(new Case("form " + name, HttpMethod.POST, "/api/rulesets/compose",
                            "composePromise", body)));
            cases.add(new Case("form when.kind praise", HttpMethod.POST, "/api/rulesets/compose", "composePromise",
                    form.copy().put("when", form.getJsonObject("when").copy().put("kind", "praise"))));
            cases.add(new Case("form then.withinHours 0", HttpMethod.POST, "/api/rulesets/compose", "composePromise",
                    form.copy().put("then", form.getJsonObject("then").copy().put("withinHours", 0))));
            cases.add(new Case("form then.action ESCALATE", HttpMethod.POST, "/api/rulesets/compose", "composePromise",
                    form.copy().put("then", form.getJsonObject("then").copy().put("action", "ESCALATE"))));

            // Case steps, each on a case of its own: every detractor's feedback opens one.
            JsonObject resolve = new JsonObject().put("outcome", "contacted").put("note", "Soitettu");
            variants(resolve, Map.of("outcome", List.of("no-answer", "called", 3),
                    "note", List.of("n".repeat(4000), "n".repeat(4001), 7)))
                    .forEach((name, body) -> cases.add(new Case("resolve " + name, HttpMethod.POST,
                            "/api/cases/" + newCase(server, cases.size()) + "/resolve", "resolveCase", body)));
            JsonObject reassign = new JsonObject().put("owner", "service-team");
            variants(reassign, Map.of("owner", List.of("o".repeat(200), "o".repeat(201), " ", 5)))
                    .forEach((name, body) -> cases.add(new Case("reassign " + name, HttpMethod.POST,
                            "/api/cases/" + newCase(server, cases.size()) + "/reassign", "reassignCase", body)));
            JsonObject cancel = new JsonObject().put("note", "the customer withdrew the complaint");
            variants(cancel, Map.of("note", List.of(" ", "n".repeat(4000), "n".repeat(4001), 7)))
                    .forEach((name, body) -> cases.add(new Case("cancel " + name, HttpMethod.POST,
                            "/api/cases/" + newCase(server, cases.size()) + "/cancel", "cancelCase", body)));

            List<String> disagreements = new ArrayList<>();
            for (Case one : cases) {
                Validator validator = Validator.create(JsonSchema.of(requestSchema(document, one.operation())),
                        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://lupaus.fi/openapi"));
                boolean schemaAllows = validator.validate(one.body()).getValid();
                int status = server.send(one.method(), one.path(), TestServer.ADMIN_TOKEN, "application/json",
                        Buffer.buffer(one.body().encode())).statusCode();
                boolean serverTakes = status < 300;
                if (schemaAllows != serverTakes) {
                    disagreements.add(one.name() + ": the schema " + (schemaAllows ? "allows" : "refuses")
                            + " it, the server answered " + status + " to " + one.body().encode());
                }
            }
            assertThat(cases).hasSizeGreaterThan(30);
            assertThat(disagreements).isEmpty();
        }
    }

    /** A new open case, of a detractor's feedback. */
    private static String newCase(TestServer server, int n) {
        JsonObject decision = server.post("/api/feedback", TestServer.feedback("fb-case-" + n, "C-CASE-" + n, "NPS", 2))
                .bodyAsJsonObject();
        return server.get("/api/cases?limit=1000").bodyAsJsonObject().getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(c -> decision.getString("decisionId").equals(c.getString("openedBy")))
                .findFirst().orElseThrow().getString("caseId");
    }

    /** The body as it is, without each field in turn, with an unknown field, and with each value given. */
    private static Map<String, JsonObject> variants(JsonObject body, Map<String, List<?>> values) {
        Map<String, JsonObject> variants = new java.util.LinkedHashMap<>();
        variants.put("as it is", body.copy());
        for (String field : body.fieldNames()) {
            JsonObject without = body.copy();
            without.remove(field);
            variants.put("without " + field, without);
        }
        variants.put("with an unknown field", body.copy().put("colour", "blue"));
        values.forEach((field, list) -> list.forEach(value ->
                variants.put(field + " " + value, body.copy().put(field, value))));
        return variants;
    }

    /** The operation's JSON body schema with every $ref of the document put in its place. */
    private static JsonObject requestSchema(JsonObject document, String operationId) {
        for (String path : document.getJsonObject("paths").fieldNames()) {
            JsonObject item = document.getJsonObject("paths").getJsonObject(path);
            for (String method : item.fieldNames()) {
                JsonObject operation = item.getJsonObject(method);
                if (operationId.equals(operation.getString("operationId"))) {
                    Object schema = operation.getJsonObject("requestBody").getJsonObject("content")
                            .getJsonObject("application/json").getValue("schema");
                    return (JsonObject) RequestSchemas.inline(document, schema);
                }
            }
        }
        throw new AssertionError("no operation " + operationId);
    }
}
