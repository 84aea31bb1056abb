package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fi.lupaus.console.config.ExtensionsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;

/**
 * Each role may do exactly its operations; everyone else is refused. Every route of the server's
 * router is called for real, as each role and without a token, on resources that exist, and
 * each answer must be the exact status the table below says: a 404 or a 400 is not taken for
 * "allowed".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("store")
class AccessTest {

    private static final String ANONYMOUS = "anonymous";
    private static final List<String> CALLERS = List.of(ANONYMOUS, "ingest", "cx-manager", "auditor", "admin");
    private static final Set<String> EVERYONE = Set.copyOf(CALLERS);
    private static final Set<String> ANY_ROLE = Set.of("ingest", "cx-manager", "auditor", "admin");
    private static final Set<String> INGESTERS = Set.of("ingest", "admin");
    private static final Set<String> READERS = Set.of("cx-manager", "auditor", "admin");
    private static final Set<String> MANAGERS = Set.of("cx-manager", "admin");
    private static final Set<String> AUDITORS = Set.of("auditor", "admin");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final String PASSWORD = "a long enough password";
    private static final JsonObject DELIVERY_PROMISE = new JsonObject()
            .put("promise", "delivery-complaint-12h")
            .put("title", "Complaints about delivery in the web shop are answered within 12 hours")
            .put("when", new JsonObject().put("kind", "complaint").put("touchpoint", "web")
                    .put("commentMentions", "delivery"))
            .put("then", new JsonObject().put("action", "OPEN_CASE").put("owner", "web-shop-team")
                    .put("priority", "high").put("withinHours", 12));

    private TestServer server;
    private final Map<String, String> tokens = new java.util.HashMap<>();
    private final AtomicInteger unique = new AtomicInteger();
    /** The version live at start; deploys and rollbacks in the table make it live again. */
    private String original;
    /** A saved draft: the live sources and one more file. */
    private String draft;
    private String decisionId;
    private JsonArray liveSources;

    @BeforeAll
    void start(@TempDir Path dataDir) throws IOException {
        // Webhook deliveries go where nothing listens and die at their first attempt, so that
        // there are dead deliveries to retry.
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        server = TestServer.start(TestServer.config(dataDir), ExtensionsConfig.defaults()
                .withPluginsDir(dataDir.resolve("no-plugins"))
                .withOutbox(new ExtensionsConfig.Outbox(Duration.ofMillis(50), 1, Duration.ofMillis(50),
                        Duration.ofMillis(50), false))
                .withWebhook(new ExtensionsConfig.Webhook("http://127.0.0.1:" + closedPort + "/hook",
                        "a secret of sixteen characters", Duration.ofSeconds(2))), Clock.systemUTC());
        tokens.put("admin", TestServer.ADMIN_TOKEN);
        for (String role : List.of("ingest", "cx-manager", "auditor")) {
            tokens.put(role, server.newToken(role));
        }
        original = asAdmin(HttpMethod.GET, "/api/rulesets", null, 200).bodyAsJsonObject().getString("live");
        liveSources = asAdmin(HttpMethod.GET, "/api/rulesets/live", null, 200).bodyAsJsonObject()
                .getJsonArray("sources");
        // The draft has a promise made with the form, which the form can be read back from.
        JsonObject composed = asAdmin(HttpMethod.POST, "/api/rulesets/compose", DELIVERY_PROMISE, 200).bodyAsJsonObject()
                .getJsonObject("source");
        draft = asAdmin(HttpMethod.POST, "/api/rulesets", new JsonObject().put("sources", liveSources.copy()
                .add(composed).add(extraSource("draft"))).put("basedOn", original), 201).bodyAsJsonObject()
                .getString("version");
        decisionId = newDecision("C-access");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A request to send: the same one for every caller of a row. */
    record Call(HttpMethod method, String path, String contentType, Buffer body) {
    }

    /**
     * One route of the server as the router names it, the callers allowed through, the status an
     * allowed caller gets for the real request, and how to make that request (creating what it needs).
     */
    record Endpoint(String route, Set<String> allowed, int status, Supplier<Call> call, Map<String, Integer> except) {
        @Override
        public String toString() {
            return route;
        }

        /** The same row, where this caller gets another answer. */
        Endpoint except(String caller, int otherStatus) {
            Map<String, Integer> more = new java.util.HashMap<>(except);
            more.put(caller, otherStatus);
            return new Endpoint(route, allowed, status, call, Map.copyOf(more));
        }

        int expectedFor(String caller) {
            if (except.containsKey(caller)) {
                return except.get(caller);
            }
            if (allowed.contains(caller)) {
                return status;
            }
            return caller.equals(ANONYMOUS) ? 401 : 403;
        }
    }

    /** The table: every route the server has, and who may call it. */
    List<Endpoint> endpoints() {
        return List.of(
                row("GET /api/health", EVERYONE, 200, () -> call(HttpMethod.GET, "/api/health")),
                row("GET /api/ready", EVERYONE, 200, () -> call(HttpMethod.GET, "/api/ready")),
                row("GET /api/openapi.json", EVERYONE, 200, () -> call(HttpMethod.GET, "/api/openapi.json")),
                // Signing in starts a console session, which requests with a token get none of.
                row("POST /api/session", Set.of(ANONYMOUS), 200, () -> json(HttpMethod.POST, "/api/session",
                        new JsonObject().put("username", newUser()).put("password", PASSWORD)))
                        .except("ingest", 400).except("cx-manager", 400).except("auditor", 400).except("admin", 400),
                row("GET /api/session", ANY_ROLE, 200, () -> call(HttpMethod.GET, "/api/session")),
                row("DELETE /api/session", ANY_ROLE, 204, () -> call(HttpMethod.DELETE, "/api/session")),

                row("GET /api/users", ADMIN, 200, () -> call(HttpMethod.GET, "/api/users")),
                row("POST /api/users", ADMIN, 201, () -> json(HttpMethod.POST, "/api/users", new JsonObject()
                        .put("username", "user" + unique.incrementAndGet()).put("password", PASSWORD)
                        .put("role", "auditor"))),
                row("PATCH /api/users/:username", ADMIN, 204, () -> json(HttpMethod.PATCH, "/api/users/" + newUser(),
                        new JsonObject().put("role", "cx-manager"))),
                row("DELETE /api/users/:username", ADMIN, 204, () -> call(HttpMethod.DELETE, "/api/users/" + newUser())),
                row("GET /api/tokens", ADMIN, 200, () -> call(HttpMethod.GET, "/api/tokens")),
                row("POST /api/tokens", ADMIN, 201, () -> json(HttpMethod.POST, "/api/tokens",
                        new JsonObject().put("name", "t" + unique.incrementAndGet()).put("role", "ingest"))),
                row("DELETE /api/tokens/:tokenId", ADMIN, 204, () -> call(HttpMethod.DELETE, "/api/tokens/" + newTokenId())),

                row("GET /api/audit/events", AUDITORS, 200, () -> call(HttpMethod.GET, "/api/audit/events")),
                row("GET /api/audit/export", AUDITORS, 200, () -> call(HttpMethod.GET, "/api/audit/export?format=csv")),
                row("POST /api/audit/replay/:decisionId", AUDITORS, 200,
                        () -> call(HttpMethod.POST, "/api/audit/replay/" + decisionId)),
                row("POST /api/audit/verify", AUDITORS, 200, () -> json(HttpMethod.POST, "/api/audit/verify",
                        new JsonObject())),
                row("POST /api/audit/backtest", READERS, 200, () -> json(HttpMethod.POST, "/api/audit/backtest",
                        new JsonObject().put("ruleSetVersion", original))),

                row("POST /api/feedback", INGESTERS, 201, () -> json(HttpMethod.POST, "/api/feedback",
                        TestServer.feedback("fb-access-" + unique.incrementAndGet(), "C-1", "NPS", 9))),
                row("POST /api/feedback/batch", INGESTERS, 201, () -> new Call(HttpMethod.POST, "/api/feedback/batch",
                        "application/json", new JsonArray().add(TestServer.feedback(
                                "fb-access-" + unique.incrementAndGet(), "C-1", "NPS", 9)).toBuffer())),
                row("POST /api/imports/csv", ADMIN, 200, () -> new Call(HttpMethod.POST, "/api/imports/csv?mapping="
                        + URLEncoder.encode("customerId:Customer,receivedAt:Submitted,score:Score", StandardCharsets.UTF_8)
                        + "&defaults=" + URLEncoder.encode("survey:NPS,touchpoint:web,phase:after", StandardCharsets.UTF_8),
                        "text/csv", Buffer.buffer("Customer,Submitted,Score\nC-csv-" + unique.incrementAndGet()
                                + ",2026-11-20,9\n"))),

                row("GET /api/decisions", READERS, 200, () -> call(HttpMethod.GET, "/api/decisions?customerId=C-access")),
                row("GET /api/decisions/:decisionId", READERS, 200,
                        () -> call(HttpMethod.GET, "/api/decisions/" + decisionId)),
                row("GET /api/decisions/:decisionId/explanation", READERS, 200,
                        () -> call(HttpMethod.GET, "/api/decisions/" + decisionId + "/explanation")),
                row("DELETE /api/customers/:customerId", ADMIN, 200, () -> {
                    String customer = "C-erase-" + unique.incrementAndGet();
                    newDecision(customer);
                    return call(HttpMethod.DELETE, "/api/customers/" + customer);
                }),

                row("GET /api/rulesets", READERS, 200, () -> call(HttpMethod.GET, "/api/rulesets")),
                row("GET /api/rulesets/deployments", READERS, 200, () -> call(HttpMethod.GET, "/api/rulesets/deployments")),
                row("GET /api/rulesets/:version", READERS, 200, () -> call(HttpMethod.GET, "/api/rulesets/" + draft)),
                row("GET /api/rulesets/:from/diff/:to", READERS, 200,
                        () -> call(HttpMethod.GET, "/api/rulesets/" + original + "/diff/" + draft)),
                row("POST /api/rulesets/validate", MANAGERS, 200, () -> json(HttpMethod.POST, "/api/rulesets/validate",
                        new JsonObject().put("sources", new JsonArray().add(extraSource("validate"))))),
                row("POST /api/rulesets/compose", MANAGERS, 200,
                        () -> json(HttpMethod.POST, "/api/rulesets/compose", DELIVERY_PROMISE)),
                row("POST /api/rulesets/overlaps", MANAGERS, 200, () -> json(HttpMethod.POST, "/api/rulesets/overlaps",
                        new JsonObject().put("sources", liveSources))),
                row("GET /api/rulesets/:version/form/:promise", READERS, 200,
                        () -> call(HttpMethod.GET, "/api/rulesets/" + draft + "/form/delivery-complaint-12h")),
                row("POST /api/rulesets", MANAGERS, 201, () -> json(HttpMethod.POST, "/api/rulesets", new JsonObject()
                        .put("sources", new JsonArray().add(extraSource("saved-" + unique.incrementAndGet()))))),
                row("POST /api/rulesets/:version/test", MANAGERS, 200, () -> json(HttpMethod.POST,
                        "/api/rulesets/" + draft + "/test", new JsonObject().put("feedback",
                                TestServer.feedback("fb-tried", "C-tried", "NPS", 3)))),
                row("POST /api/rulesets/:version/scenarios", MANAGERS, 201, () -> json(HttpMethod.POST,
                        "/api/rulesets/" + draft + "/scenarios", scenario("saved " + unique.incrementAndGet()))),
                row("POST /api/rulesets/:version/scenarios/run", READERS, 200,
                        () -> call(HttpMethod.POST, "/api/rulesets/" + draft + "/scenarios/run")),
                row("DELETE /api/rulesets/:version/scenarios/:name", MANAGERS, 204, () -> {
                    String name = "to delete " + unique.incrementAndGet();
                    asAdmin(HttpMethod.POST, "/api/rulesets/" + draft + "/scenarios", scenario(name), 201);
                    return call(HttpMethod.DELETE, "/api/rulesets/" + draft + "/scenarios/"
                            + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
                }),
                row("POST /api/rulesets/:version/deploy", MANAGERS, 200, () -> json(HttpMethod.POST,
                        "/api/rulesets/" + original + "/deploy", new JsonObject().put("comment", "again"))),
                row("POST /api/rulesets/:version/rollback", MANAGERS, 200, () -> json(HttpMethod.POST,
                        "/api/rulesets/" + original + "/rollback", new JsonObject().put("comment", "back"))),
                row("POST /api/rulesets/:version/shadow", MANAGERS, 200,
                        () -> call(HttpMethod.POST, "/api/rulesets/" + draft + "/shadow")),
                row("GET /api/rulesets/shadow", READERS, 200, () -> {
                    shadowTheDraft();
                    return call(HttpMethod.GET, "/api/rulesets/shadow");
                }),
                row("DELETE /api/rulesets/shadow", MANAGERS, 204, () -> {
                    shadowTheDraft();
                    return call(HttpMethod.DELETE, "/api/rulesets/shadow");
                }),

                row("GET /api/promises", READERS, 200, () -> call(HttpMethod.GET, "/api/promises")),
                row("GET /api/cases", READERS, 200, () -> call(HttpMethod.GET, "/api/cases")),
                row("GET /api/cases/:caseId", READERS, 200, () -> call(HttpMethod.GET, "/api/cases/" + newCase())),
                row("POST /api/cases/:caseId/acknowledge", MANAGERS, 200,
                        () -> call(HttpMethod.POST, "/api/cases/" + newCase() + "/acknowledge")),
                row("POST /api/cases/:caseId/resolve", MANAGERS, 200, () -> json(HttpMethod.POST,
                        "/api/cases/" + newCase() + "/resolve", new JsonObject().put("outcome", "contacted"))),
                row("POST /api/cases/:caseId/reassign", MANAGERS, 200, () -> json(HttpMethod.POST,
                        "/api/cases/" + newCase() + "/reassign", new JsonObject().put("owner", "team-lead"))),
                row("POST /api/cases/:caseId/cancel", MANAGERS, 200, () -> json(HttpMethod.POST,
                        "/api/cases/" + newCase() + "/cancel", new JsonObject().put("note", "asked twice"))),
                row("GET /api/metrics", READERS, 200, () -> call(HttpMethod.GET, "/api/metrics")),

                row("GET /api/plugins", AUDITORS, 200, () -> call(HttpMethod.GET, "/api/plugins")),
                row("GET /api/outbox", AUDITORS, 200, () -> call(HttpMethod.GET, "/api/outbox")),
                row("POST /api/outbox/retry", ADMIN, 200, () -> call(HttpMethod.POST, "/api/outbox/retry")),
                row("POST /api/outbox/:id/retry", ADMIN, 200,
                        () -> call(HttpMethod.POST, "/api/outbox/" + deadDelivery() + "/retry")));
    }

    Stream<Arguments> everyCallerForEveryRoute() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (String caller : CALLERS) {
                cases.add(Arguments.of(endpoint, caller));
            }
        }
        return cases.stream();
    }

    @Test
    void theTableHasEveryRouteTheServerHasAndNoOther() {
        Set<String> routes = new TreeSet<>();
        collectRoutes(server.routes(), "", routes);

        assertThat(endpoints()).extracting(Endpoint::route).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(routes);
    }

    /** Routes with a method and a path, under the paths their sub-routers are mounted at. */
    private static void collectRoutes(Router router, String mountedAt, Set<String> routes) {
        for (Route route : router.getRoutes()) {
            if (route.getSubRouter() != null) {
                collectRoutes(route.getSubRouter(), mountedAt + route.getPath(), routes);
            } else if (route.getPath() != null && route.methods() != null && !route.methods().isEmpty()) {
                // "/api/audit/*" is mounted at "/api/audit/", and a sub-router's "/" is its mount point.
                String path = (mountedAt + route.getPath()).replace("//", "/");
                String full = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                route.methods().forEach(method -> routes.add(method.name() + " " + full));
            }
        }
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("everyCallerForEveryRoute")
    void eachCallerGetsExactlyTheAnswerOfTheTable(Endpoint endpoint, String caller) {
        Call call = endpoint.call().get();

        HttpResponse<Buffer> answer = server.send(call.method(), call.path(),
                caller.equals(ANONYMOUS) ? null : tokens.get(caller), call.contentType(), call.body());

        String said = call.method() + " " + call.path() + " answered " + answer.bodyAsString();
        int expected = endpoint.expectedFor(caller);
        assertThat(answer.statusCode()).as(said).isEqualTo(expected);
        if (expected == 401) {
            assertThat(answer.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        } else if (expected == 403) {
            assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("reason"))
                    .contains("your role may not do this");
        }
    }

    private static Endpoint row(String route, Set<String> allowed, int status, Supplier<Call> call) {
        return new Endpoint(route, allowed, status, call, Map.of());
    }

    private static Call call(HttpMethod method, String path) {
        return new Call(method, path, null, null);
    }

    private static Call json(HttpMethod method, String path, JsonObject body) {
        return new Call(method, path, "application/json", body.toBuffer());
    }

    private HttpResponse<Buffer> asAdmin(HttpMethod method, String path, JsonObject body, int status) {
        HttpResponse<Buffer> answer = server.send(method, path, TestServer.ADMIN_TOKEN,
                body == null ? null : "application/json", body == null ? null : body.toBuffer());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.bodyAsString()).isEqualTo(status);
        return answer;
    }

    private static JsonObject extraSource(String name) {
        return new JsonObject().put("name", "fi/lupaus/rules/custom/access-" + name + ".drl")
                .put("drl", "package fi.lupaus.rules.custom\n");
    }

    private static JsonObject scenario(String name) {
        return new JsonObject().put("name", name).put("feedback", TestServer.feedback("fb-s", "C-s", "NPS", 10))
                .put("expected", new JsonArray().add(new JsonObject().put("type", "THANK")));
    }

    private String newDecision(String customerId) {
        return asAdmin(HttpMethod.POST, "/api/feedback", TestServer.feedback("fb-access-" + unique.incrementAndGet(),
                customerId, "NPS", 9), 201).bodyAsJsonObject().getString("decisionId");
    }

    private String newUser() {
        String username = "user" + unique.incrementAndGet();
        asAdmin(HttpMethod.POST, "/api/users", new JsonObject().put("username", username).put("password", PASSWORD)
                .put("role", "auditor"), 201);
        return username;
    }

    private String newTokenId() {
        return asAdmin(HttpMethod.POST, "/api/tokens", new JsonObject().put("name", "t" + unique.incrementAndGet())
                .put("role", "ingest"), 201).bodyAsJsonObject().getString("tokenId");
    }

    private void shadowTheDraft() {
        asAdmin(HttpMethod.POST, "/api/rulesets/" + draft + "/shadow", null, 200);
    }

    /** An open case of a new detractor. */
    private String newCase() {
        String customer = "C-case-" + unique.incrementAndGet();
        asAdmin(HttpMethod.POST, "/api/feedback", TestServer.feedback("fb-access-" + unique.incrementAndGet(),
                customer, "NPS", 3), 201);
        return asAdmin(HttpMethod.GET, "/api/cases?state=open&limit=1000", null, 200).bodyAsJsonObject()
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(item -> item.getString("customerId").equals(customer))
                .map(item -> item.getString("caseId")).findFirst()
                .orElseThrow(() -> new AssertionError("no case was opened for " + customer));
    }

    /** The outbox id of a dead webhook delivery of a new decision. */
    private String deadDelivery() {
        String decision = newDecision("C-dead-" + unique.incrementAndGet());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var dead = asAdmin(HttpMethod.GET, "/api/outbox?state=dead&limit=1000", null, 200).bodyAsJsonObject()
                    .getJsonArray("items").stream().map(JsonObject.class::cast)
                    .filter(item -> item.getString("decisionId").equals(decision)).findFirst();
            if (dead.isPresent()) {
                return dead.get().getString("id");
            }
            pause();
        }
        throw new AssertionError("no delivery of " + decision + " was dead within 30 s");
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnknownTokenIsRefusedWith401() {
        assertThat(server.get("/api/session", "lpt_not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void systemsWithTokensGetNoSessionsOrCookies() {
        HttpResponse<Buffer> posted = server.post("/api/feedback",
                TestServer.feedback("fb-cookies", "C-1", "NPS", 9), tokens.get("ingest"));
        HttpResponse<Buffer> read = server.get("/api/decisions?customerId=C-1", tokens.get("auditor"));

        assertThat(posted.statusCode()).isEqualTo(201);
        assertThat(posted.cookies()).isEmpty();
        assertThat(read.cookies()).isEmpty();
    }

    @Test
    void healthNeedsNoToken() {
        assertThat(server.get("/api/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        JsonObject created = server.post("/api/tokens", new JsonObject().put("name", "shop").put("role", "ingest"))
                .bodyAsJsonObject();
        String secret = created.getString("token");
        assertThat(server.get("/api/session", secret).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> revoked = server.send(HttpMethod.DELETE, "/api/tokens/" + created.getString("tokenId"),
                TestServer.ADMIN_TOKEN, null, null);

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(server.get("/api/session", secret).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenListingsNeverShowSecrets() {
        String listing = server.get("/api/tokens").bodyAsString();

        assertThat(listing).doesNotContain(tokens.get("ingest")).doesNotContain(TestServer.ADMIN_TOKEN)
                .contains("\"role\":\"ingest\"");
    }

    @Test
    void everyChangeToUsersAndTokensIsInTheAuditLogWithWhoAndWhen() {
        server.post("/api/users", new JsonObject().put("username", "liisa").put("password", "correct horse battery")
                .put("role", "cx-manager"));

        JsonObject newest = server.get("/api/audit/events", tokens.get("auditor")).bodyAsJsonObject()
                .getJsonArray("items").getJsonObject(0);

        assertThat(newest.getString("action")).isEqualTo("user.created");
        assertThat(newest.getString("subject")).isEqualTo("user:liisa");
        assertThat(newest.getString("actor")).startsWith("token:");
        assertThat(newest.getString("at")).isNotBlank();
    }

    @Test
    void aWeakPasswordAndAnUnknownRoleAreRefusedByField() {
        HttpResponse<Buffer> answer = server.post("/api/users",
                new JsonObject().put("username", "x").put("password", "short").put("role", "boss"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field"))).containsExactly("password", "role");
    }

    @Nested
    class ConsoleSessions {

        private WebClientSession browser;
        private final List<String> setCookies = new ArrayList<>();

        private String csrfToken() {
            setCookies.addAll(server.await(browser.get("/").send()).cookies());
            for (var cookie : browser.cookieStore().get(false, "127.0.0.1", "/")) {
                if (cookie.name().equals("XSRF-TOKEN")) {
                    return cookie.value();
                }
            }
            throw new AssertionError("no XSRF-TOKEN cookie was set");
        }

        private HttpResponse<Buffer> signIn(String username, String password, String csrf) {
            var request = browser.post("/api/session").putHeader("Content-Type", "application/json");
            if (csrf != null) {
                request.putHeader("X-XSRF-TOKEN", csrf);
            }
            return server.await(request.sendJsonObject(
                    new JsonObject().put("username", username).put("password", password)));
        }

        @Test
        void aPersonSignsInWorksWithTheirRoleAndSignsOut() {
            server.post("/api/users", new JsonObject().put("username", "maija").put("password", "kesäkuun aurinko")
                    .put("role", "cx-manager"));
            browser = WebClientSession.create(server.client());
            String csrf = csrfToken();

            HttpResponse<Buffer> signedIn = signIn("maija", "kesäkuun aurinko", csrf);

            assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(200);
            assertThat(signedIn.bodyAsJsonObject().getString("role")).isEqualTo("cx-manager");
            setCookies.addAll(signedIn.cookies());
            assertThat(setCookies).filteredOn(cookie -> cookie.startsWith("vertx-web.session=")).isNotEmpty()
                    .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
            assertThat(server.await(browser.get("/api/decisions").send()).statusCode()).isEqualTo(200);
            assertThat(server.await(browser.get("/api/users").send()).statusCode()).isEqualTo(403);

            var signedOut = server.await(browser.delete("/api/session").putHeader("X-XSRF-TOKEN", csrfToken()).send());
            assertThat(signedOut.statusCode()).isEqualTo(204);
            assertThat(server.await(browser.get("/api/decisions").send()).statusCode()).isEqualTo(401);
        }

        @Test
        void aWrongPasswordIs401AndSaysNotWhichPartWasWrong() {
            browser = WebClientSession.create(server.client());

            HttpResponse<Buffer> answer = signIn("maija-not", "whatever at all", csrfToken());

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.bodyAsString()).contains("the username or the password is wrong");
        }

        @Test
        void aConsoleRequestThatChangesSomethingNeedsTheCsrfToken() {
            server.post("/api/users", new JsonObject().put("username", "aino").put("password", "hallinnoija on paras")
                    .put("role", "admin"));
            browser = WebClientSession.create(server.client());
            String csrf = csrfToken();
            assertThat(signIn("aino", "hallinnoija on paras", csrf).statusCode()).isEqualTo(200);
            JsonObject token = new JsonObject().put("name", "from-console").put("role", "ingest");

            var withoutCsrf = server.await(browser.post("/api/tokens").sendJsonObject(token));
            var withCsrf = server.await(browser.post("/api/tokens").putHeader("X-XSRF-TOKEN", csrfToken())
                    .sendJsonObject(token));

            assertThat(withoutCsrf.statusCode()).isEqualTo(403);
            assertThat(withCsrf.statusCode()).as(withCsrf.bodyAsString()).isEqualTo(201);
        }
    }

    @Test
    void everyAnswerCarriesSecurityHeaders() {
        HttpResponse<Buffer> page = server.get("/", null);

        assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
