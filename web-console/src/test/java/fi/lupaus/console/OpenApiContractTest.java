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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;

/**
 * The OpenAPI document against the running server, both ways: every route the server has is an
 * operation of the document, every operation of the document is a route of the server, and each
 * operation called there answers a status the document lists for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    static Path dataDir;

    private TestServer server;
    private JsonObject document;

    @BeforeAll
    void start() {
        server = TestServer.start(dataDir, Clock.systemUTC());
        HttpResponse<Buffer> answer = server.get("/api/openapi.json", null);
        assertThat(answer.statusCode()).as("the document needs no caller").isEqualTo(200);
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/json");
        document = answer.bodyAsJsonObject();
    }

    @AfterAll
    void stop() {
        server.close();
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
            HttpResponse<Buffer> answer = server.send(HttpMethod.valueOf(method.toUpperCase()), concrete,
                    open ? null : TestServer.ADMIN_TOKEN, contentType, payload);
            String status = Integer.toString(answer.statusCode());
            if (!operation.getJsonObject("responses").containsKey(status)) {
                undocumented.add(method.toUpperCase() + " " + path + " answered " + status + ": "
                        + shorten(answer.bodyAsString()));
            }
        });
        assertThat(undocumented).as("answers whose status the document does not list").isEmpty();
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
